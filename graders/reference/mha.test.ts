/** The float64 mha kernels: the VJPs against central finite differences, the forward pass against values derived by hand. */
import { describe, expect, it } from "vitest";
import { nd, type NdArray } from "../engine/ndarray.js";
import { close, fdCheck, normalSampler } from "../../tests/support/finite-differences.js";
import { mergeHeads, multiHeadAttention, multiHeadAttentionVjp, splitHeads, type MhaWeightsNd } from "./mha.js";
import { scaledDotProductAttention } from "./attention.js";

const randn = normalSampler();

describe("multi-head attention reference", () => {
  it("splitHeads matches the index formula and mergeHeads inverts it", () => {
    const x = randn([2, 3, 6]);
    const s = splitHeads(x, 2);
    expect(s.shape).toEqual([2, 2, 3, 3]);
    // head h, position l, feature j ↔ x[b, l, h·3 + j]
    for (let b = 0; b < 2; b++)
      for (let h = 0; h < 2; h++)
        for (let l = 0; l < 3; l++)
          for (let j = 0; j < 3; j++) {
            expect(s.data[((b * 2 + h) * 3 + l) * 3 + j]).toBe(x.data[(b * 3 + l) * 6 + h * 3 + j]);
          }
    close(mergeHeads(s).data, x.data, 0);
    expect(() => splitHeads(x, 4)).toThrow();
  });
  it("with one head and identity projections equals plain attention", () => {
    const d = 4;
    const I = nd(
      [d, d],
      Array.from({ length: d * d }, (_, i) => (i % (d + 1) === 0 ? 1 : 0)),
    );
    const x = randn([1, 3, d]);
    const mha = multiHeadAttention(x, x, x, { wq: I, wk: I, wv: I, wo: I }, 1);
    close(mha.output.data, scaledDotProductAttention(x, x, x).output.data);
  });
  for (const [h, withBias] of [
    [1, false],
    [3, true],
  ] as [number, boolean][]) {
    it(`the VJP agrees with central finite differences for every input, weight and bias (${h} head${h > 1 ? "s" : ""}${withBias ? ", biases" : ""})`, () => {
      const d = 6;
      const w: MhaWeightsNd = { wq: randn([d, d], 0.4), wk: randn([d, d], 0.4), wv: randn([d, d], 0.4), wo: randn([d, d], 0.4) };
      if (withBias) Object.assign(w, { bq: randn([d]), bk: randn([d]), bv: randn([d]), bo: randn([d]) });
      const query = randn([2, 3, d]);
      const key = randn([2, 4, d]);
      const value = randn([2, 4, d]);
      const mask = nd([2, 1, 1, 4], [1, 1, 1, 0, 1, 1, 1, 1]);
      const run = () => multiHeadAttention(query, key, value, w, h, mask).output;
      const c = randn(run().shape as number[]);
      const g = multiHeadAttentionVjp(query, key, value, w, h, mask, c);
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
      else expect(g.dbq).toBeUndefined();
      // fdCheck perturbs each tensor in place, and `run` reads the same objects.
      for (const [t, grad] of pairs) expect(fdCheck(t, () => run(), c, grad!)).toBeLessThan(1e-6);
    });
  }
  it("throws when d is not divisible by numHeads", () => {
    const W = randn([6, 6]);
    expect(() => multiHeadAttention(randn([1, 2, 6]), randn([1, 2, 6]), randn([1, 2, 6]), { wq: W, wk: W, wv: W, wo: W }, 4)).toThrow(/divisible/);
  });
});
