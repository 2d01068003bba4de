/** The float64 normalisation kernels: values derived by hand, and every VJP against central finite differences. */
import { describe, expect, it } from "vitest";
import { nd } from "../engine/ndarray.js";
import { close, fdCheck, normalSampler } from "../../tests/support/finite-differences.js";
import { layerNorm, layerNormVjp, rmsNorm, rmsNormVjp } from "./layernorm.js";

const randn = normalSampler(7);

describe("normalisation references", () => {
  it("layerNorm of (1, 2, 3) with ε = 0 is (−1, 0, 1)·√(3/2) (biased variance 2/3)", () => {
    close(layerNorm(nd([3], [1, 2, 3]), nd([3], [1, 1, 1]), nd([3], [0, 0, 0]), 0).data, [-Math.sqrt(1.5), 0, Math.sqrt(1.5)]);
  });
  it("layerNorm applies γ then β per feature", () => {
    close(layerNorm(nd([2], [0, 2]), nd([2], [2, 3]), nd([2], [10, 20]), 0).data, [8, 23]);
  });
  it("rmsNorm of (3, 4) with ε = 0 divides by √12.5", () => {
    close(rmsNorm(nd([2], [3, 4]), nd([2], [1, 2]), 0).data, [3 / Math.sqrt(12.5), 8 / Math.sqrt(12.5)]);
  });
  it("ε sits inside the root: a constant row maps to β, not NaN", () => {
    const y = layerNorm(nd([4], [5, 5, 5, 5]), nd([4], [1, 1, 1, 1]), nd([4], [0.5, 0.5, 0.5, 0.5]));
    close(y.data, [0.5, 0.5, 0.5, 0.5]);
  });
  for (const shape of [[6], [3, 5], [2, 3, 4]]) {
    it(`layerNormVjp agrees with finite differences for x, γ and β on [${shape}]`, () => {
      const d = shape[shape.length - 1];
      const [x, gamma, beta, c] = [randn(shape), randn([d]), randn([d]), randn(shape)];
      const g = layerNormVjp(x, gamma, c, 1e-3);
      expect(fdCheck(x, (z) => layerNorm(z, gamma, beta, 1e-3), c, g.x)).toBeLessThan(1e-6);
      expect(fdCheck(gamma, (z) => layerNorm(x, z, beta, 1e-3), c, g.gamma)).toBeLessThan(1e-6);
      expect(fdCheck(beta, (z) => layerNorm(x, gamma, z, 1e-3), c, g.beta!)).toBeLessThan(1e-6);
    });
    it(`rmsNormVjp agrees with finite differences for x and γ on [${shape}]`, () => {
      const d = shape[shape.length - 1];
      const [x, gamma, c] = [randn(shape), randn([d]), randn(shape)];
      const g = rmsNormVjp(x, gamma, c, 1e-3);
      expect(fdCheck(x, (z) => rmsNorm(z, gamma, 1e-3), c, g.x)).toBeLessThan(1e-6);
      expect(fdCheck(gamma, (z) => rmsNorm(x, z, 1e-3), c, g.gamma)).toBeLessThan(1e-6);
    });
  }
});
