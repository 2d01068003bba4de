/** The float64 attention kernels: the VJPs against central finite differences, the forward pass against values derived by hand. */
import { describe, expect, it } from "vitest";
import { multiply } from "mathjs";
import { matmul, nd, type NdArray } from "../engine/ndarray.js";
import { close, fdCheck, normalSampler } from "../../tests/support/finite-differences.js";
import { scaledDotProductAttention, scaledDotProductAttentionVjp } from "./attention.js";
import { causalMask } from "./masking.js";

const randn = normalSampler();

describe("attention reference", () => {
  it("uses mathjs-identical matrix products", () => {
    const a = randn([3, 4]);
    const b = randn([4, 2]);
    const viaMathjs = (
      multiply(
        [0, 1, 2].map((i) => Array.from(a.data.slice(i * 4, i * 4 + 4))),
        [0, 1, 2, 3].map((i) => Array.from(b.data.slice(i * 2, i * 2 + 2))),
      ) as number[][]
    ).flat();
    close(matmul(a, b).data, viaMathjs, 1e-12);
  });
  it("with a single key returns that key's value for every query", () => {
    const v = randn([1, 1, 3]);
    const { output, weights } = scaledDotProductAttention(randn([1, 4, 2]), randn([1, 1, 2]), v);
    close(weights.data, [1, 1, 1, 1]);
    for (let q = 0; q < 4; q++) close(output.data.slice(q * 3, q * 3 + 3), v.data);
  });
  const cases: [string, number[], number[], number[], NdArray | undefined][] = [
    ["cross-attention Lq ≠ Lk, d_k ≠ d_v", [2, 3, 4], [2, 6, 4], [2, 6, 5], undefined],
    ["a padding mask", [2, 4, 3], [2, 5, 3], [2, 5, 2], nd([2, 1, 5], [1, 1, 1, 0, 0, 1, 1, 1, 1, 0])],
    ["broadcast batch axes and a causal mask", [2, 2, 4, 3], [1, 2, 4, 3], [2, 1, 4, 2], causalMask(4)],
  ];
  for (const [name, qs, ks, vs, mask] of cases) {
    it(`the VJP agrees with central finite differences for ${name}`, () => {
      const q = randn(qs);
      const k = randn(ks);
      const v = randn(vs);
      const c = randn(scaledDotProductAttention(q, k, v, mask).output.shape as number[]);
      const g = scaledDotProductAttentionVjp(q, k, v, mask, c);
      expect(fdCheck(q, (z) => scaledDotProductAttention(z, k, v, mask).output, c, g.dq)).toBeLessThan(1e-6);
      expect(fdCheck(k, (z) => scaledDotProductAttention(q, z, v, mask).output, c, g.dk)).toBeLessThan(1e-6);
      expect(fdCheck(v, (z) => scaledDotProductAttention(q, k, z, mask).output, c, g.dv)).toBeLessThan(1e-6);
    });
  }
});
