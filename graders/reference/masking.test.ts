/** The float64 masking kernels: the VJPs against central finite differences, the forward pass against values derived by hand. */
import { describe, expect, it } from "vitest";
import { nd, type NdArray } from "../engine/ndarray.js";
import { close, fdCheck, normalSampler } from "../../tests/support/finite-differences.js";
import { causalMask, maskedSoftmax, maskedSoftmaxVjp, paddingMask } from "./masking.js";

const randn = normalSampler();

describe("masking reference", () => {
  it("builds the padding and causal masks by their definitions", () => {
    close(paddingMask([2, 0], 3).data, [1, 1, 0, 0, 0, 0]);
    close(causalMask(3).data, [1, 0, 0, 1, 1, 0, 1, 1, 1]);
  });
  it("gives blocked keys exactly 0 and a fully masked row all zeros, even for scores near −5000", () => {
    const scores = nd([2, 3], [-5000, -5001, 0, 1, 2, 3]);
    const mask = nd([2, 3], [1, 1, 0, 0, 0, 0]);
    const y = maskedSoftmax(scores, mask);
    close(y.data, [Math.E / (Math.E + 1), 1 / (Math.E + 1), 0, 0, 0, 0]);
  });
  for (const [name, mask] of [
    ["a padding mask [2, 1, 5]", nd([2, 1, 5], [1, 1, 1, 0, 0, 1, 1, 1, 1, 1])],
    ["a causal mask [5, 5]", causalMask(5)],
    ["a fully masked row", nd([1, 5], [0, 0, 0, 0, 0])],
  ] as [string, NdArray][]) {
    it(`maskedSoftmaxVjp agrees with central finite differences under ${name}`, () => {
      const x = randn([2, 5, 5], 2);
      const c = randn([2, 5, 5]);
      expect(fdCheck(x, (z) => maskedSoftmax(z, mask), c, maskedSoftmaxVjp(x, mask, c))).toBeLessThan(1e-6);
    });
  }
});
