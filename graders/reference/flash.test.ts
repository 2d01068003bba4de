/** The float64 tiled-attention kernel: equal to plain attention for any block size, its VJP against finite differences, and the online softmax's rescaling made visible. */
import { describe, expect, it } from "vitest";
import { map } from "../engine/ndarray.js";
import { close, fdCheck, normalSampler } from "../../tests/support/finite-differences.js";
import { EXACT_RULES, fullAttention, tiledAttention, tiledAttentionVjp, tiledAttentionWith } from "./flash.js";

const randn = normalSampler(4242);

describe("tiled attention reference", () => {
  for (const [blockSize, causal] of [
    [1, false],
    [3, false],
    [4, true],
    [5, true],
    [64, false],
  ] as [number, boolean][]) {
    it(`equals plain attention (block size ${blockSize}${causal ? ", causal" : ""})`, () => {
      const q = randn([2, 10, 4], 2);
      const k = randn([2, 10, 4], 2);
      const v = randn([2, 10, 3]);
      close(tiledAttention(q, k, v, { blockSize, causal }).data, fullAttention(q, k, v, causal).data, 1e-12);
    });
  }
  it("handles rank 4 and Lq ≠ Lk without a mask", () => {
    const q = randn([1, 2, 3, 4]);
    const k = randn([1, 2, 7, 4]);
    const v = randn([1, 2, 7, 5]);
    close(tiledAttention(q, k, v, { blockSize: 3 }).data, fullAttention(q, k, v, false).data, 1e-12);
  });
  it("without rescaling, keys whose maximum rises in a later block are weighted wrongly", () => {
    const q = map(randn([1, 4, 4]), (x) => x + 1);
    const k = map(randn([1, 8, 4]), (x, i) => x + Math.floor(i / 4) * 0.5);
    const v = randn([1, 8, 2]);
    const wrong = tiledAttentionWith(q, k, v, { blockSize: 2 }, { ...EXACT_RULES, rescaleSum: false, rescaleOutput: false });
    const right = tiledAttention(q, k, v, { blockSize: 2 });
    expect(Math.max(...wrong.data.map((x, i) => Math.abs(x - right.data[i])))).toBeGreaterThan(1e-3);
  });
  for (const causal of [false, true]) {
    it(`the VJP agrees with central finite differences for q, k and v${causal ? " (causal)" : ""}`, () => {
      const q = randn([2, 6, 3]);
      const k = randn([2, 6, 3]);
      const v = randn([2, 6, 2]);
      const opts = { blockSize: 4, causal };
      const c = randn([2, 6, 2]);
      const g = tiledAttentionVjp(q, k, v, opts, c);
      for (const [t, grad] of [
        [q, g.dq],
        [k, g.dk],
        [v, g.dv],
      ] as const)
        expect(fdCheck(t, () => tiledAttention(q, k, v, opts), c, grad)).toBeLessThan(1e-6);
    });
  }
  it("throws for causal attention with Lq ≠ Lk and for a block size below 1", () => {
    expect(() => tiledAttention(randn([1, 3, 2]), randn([1, 5, 2]), randn([1, 5, 2]), { blockSize: 2, causal: true })).toThrow(/Lq = Lk/);
    expect(() => tiledAttention(randn([1, 3, 2]), randn([1, 3, 2]), randn([1, 3, 2]), { blockSize: 0 })).toThrow(/blockSize/);
  });
});
