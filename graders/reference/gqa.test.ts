/** The float64 gqa kernels: the VJP against central finite differences; MHA and MQA as its two ends. */
import { describe, expect, it } from "vitest";
import { nd, type NdArray } from "../engine/ndarray.js";
import { close, fdCheck, normalSampler } from "../../tests/support/finite-differences.js";
import { groupedQueryAttention, groupedQueryAttentionVjp, kvHeadOf, repeatKv } from "./gqa.js";
import { multiHeadAttention, type MhaWeightsNd } from "./mha.js";

const randn = normalSampler(777);

/** [d, hkv·dh] → [d, h·dh]: column block of KV head kvHeadOf(j) copied to query head j's place. */
function expandColumns(w: NdArray, h: number, hkv: number): NdArray {
  const [d, cols] = w.shape;
  const dh = cols / hkv;
  const out = nd([d, h * dh]);
  for (let r = 0; r < d; r++)
    for (let j = 0; j < h; j++) for (let c = 0; c < dh; c++) out.data[r * h * dh + j * dh + c] = w.data[r * cols + kvHeadOf(j, h, hkv) * dh + c];
  return out;
}

describe("grouped-query attention reference", () => {
  it("query head j reads KV head ⌊j·hkv/h⌋ (repeat-interleave: 0, 0, 1, 1 for 4 heads over 2)", () => {
    expect([0, 1, 2, 3].map((j) => kvHeadOf(j, 4, 2))).toEqual([0, 0, 1, 1]);
    const x = nd([1, 2, 1, 1], [10, 20]);
    expect([...repeatKv(x, 4).data]).toEqual([10, 10, 20, 20]);
  });
  it("equals MHA with each KV head's projection columns copied to the query heads it serves", () => {
    const d = 8;
    const [h, hkv] = [4, 2];
    const w: MhaWeightsNd = { wq: randn([d, d], 0.4), wk: randn([d, 4], 0.4), wv: randn([d, 4], 0.4), wo: randn([d, d], 0.4), bk: randn([4]) };
    const x = randn([2, 3, d]);
    const wide = { ...w, wk: expandColumns(w.wk, h, hkv), wv: expandColumns(w.wv, h, hkv), bk: expandColumns(nd([1, 4], w.bk!.data), h, hkv) };
    const mha = multiHeadAttention(x, x, x, { ...wide, bk: nd([d], wide.bk.data) }, h);
    const gqa = groupedQueryAttention(x, x, x, w, h, hkv);
    close(gqa.output.data, mha.output.data);
    close(gqa.weights.data, mha.weights.data);
  });
  it("with numKvHeads = numHeads is exactly MHA", () => {
    const d = 6;
    const w: MhaWeightsNd = { wq: randn([d, d]), wk: randn([d, d]), wv: randn([d, d]), wo: randn([d, d]) };
    const x = randn([1, 4, d]);
    close(groupedQueryAttention(x, x, x, w, 3, 3).output.data, multiHeadAttention(x, x, x, w, 3).output.data);
  });
  for (const [d, h, hkv, withBias] of [
    [8, 4, 2, true],
    [6, 3, 1, false],
    [6, 2, 2, true],
  ] as [number, number, number, boolean][]) {
    it(`the VJP agrees with central finite differences for every input, weight and bias (h = ${h}, hkv = ${hkv})`, () => {
      const dkv = (d / h) * hkv;
      const w: MhaWeightsNd = { wq: randn([d, d], 0.4), wk: randn([d, dkv], 0.4), wv: randn([d, dkv], 0.4), wo: randn([d, d], 0.4) };
      if (withBias) Object.assign(w, { bq: randn([d]), bk: randn([dkv]), bv: randn([dkv]), bo: randn([d]) });
      const query = randn([2, 3, d]);
      const key = randn([2, 4, d]);
      const value = randn([2, 4, d]);
      const mask = nd([2, 1, 1, 4], [1, 1, 1, 0, 1, 1, 1, 1]);
      const run = () => groupedQueryAttention(query, key, value, w, h, hkv, mask).output;
      const c = randn(run().shape as number[]);
      const g = groupedQueryAttentionVjp(query, key, value, w, h, hkv, mask, c);
      const pairs: [NdArray, NdArray | undefined][] = [
        [query, g.dquery],
        [key, g.dkey],
        [value, g.dvalue],
        [w.wq, g.dwq],
        [w.wk, g.dwk],
        [w.wv, g.dwv],
        [w.wo, g.dwo],
      ];
      if (withBias) pairs.push([w.bq!, g.dbq], [w.bk!, g.dbk], [w.bv!, g.dbv], [w.bo!, g.dbo]);
      for (const [t, grad] of pairs) expect(fdCheck(t, () => run(), c, grad!)).toBeLessThan(1e-6);
    });
  }
  it("throws unless numHeads is divisible by numKvHeads and d by numHeads", () => {
    const x = randn([1, 2, 6]);
    const W = randn([6, 6]);
    expect(() => groupedQueryAttention(x, x, x, { wq: W, wk: randn([6, 2]), wv: randn([6, 2]), wo: W }, 3, 2)).toThrow(/numKvHeads/);
    expect(() => groupedQueryAttention(x, x, x, { wq: W, wk: W, wv: W, wo: W }, 4, 2)).toThrow(/divisible/);
  });
});
