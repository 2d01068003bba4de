/** The float64 cross-entropy: values derived by hand, the VJP against finite differences. */
import { describe, expect, it } from "vitest";
import { nd } from "../engine/ndarray.js";
import { fdCheck, normalSampler } from "../../tests/support/finite-differences.js";
import { crossEntropy, crossEntropyVjp } from "./cross-entropy.js";

const randn = normalSampler(4242);

describe("cross-entropy reference", () => {
  it("uniform logits cost log K, whatever the target and the smoothing", () => {
    const logits = nd([2, 4], new Float64Array(8).fill(3));
    for (const eps of [0, 0.1, 0.5]) expect(crossEntropy(logits, nd([2], [1, 3]), { labelSmoothing: eps }).data[0]).toBeCloseTo(Math.log(4), 12);
  });
  it("one position with logits (0, ln 3): −log(3/4) for target 1, and ε/K weighting with smoothing", () => {
    const logits = nd([1, 2], [0, Math.log(3)]);
    expect(crossEntropy(logits, nd([1], [1])).data[0]).toBeCloseTo(-Math.log(0.75), 12);
    // q = (1 − 0.2)·(0, 1) + 0.1 = (0.1, 0.9)
    expect(crossEntropy(logits, nd([1], [1]), { labelSmoothing: 0.2 }).data[0]).toBeCloseTo(-(0.1 * Math.log(0.25) + 0.9 * Math.log(0.75)), 12);
  });
  it("averages over the positions that are not ignored, and throws when all are", () => {
    const logits = nd([3, 2], [0, Math.log(3), 0, 0, 5, 5]);
    expect(crossEntropy(logits, nd([3], [1, -100, 0]), { ignoreIndex: -100 }).data[0]).toBeCloseTo((-Math.log(0.75) + Math.log(2)) / 2, 12);
    expect(() => crossEntropy(logits, nd([3], [-1, -1, -1]), { ignoreIndex: -1 })).toThrow(/ignored/);
  });
  it("stays finite for logits of 1e3", () => {
    const logits = randn([4, 6], 1000);
    expect(Number.isFinite(crossEntropy(logits, nd([4], [0, 1, 2, 3]), { labelSmoothing: 0.1 }).data[0])).toBe(true);
  });
  for (const eps of [0, 0.15]) {
    it(`crossEntropyVjp agrees with central finite differences (ε = ${eps}, one position ignored)`, () => {
      const x = randn([2, 3, 5], 2);
      const targets = nd([2, 3], [0, 4, -100, 2, 1, 3]);
      const opts = { labelSmoothing: eps, ignoreIndex: -100 };
      const c = nd([], [1.7]);
      expect(fdCheck(x, (z) => crossEntropy(z, targets, opts), c, crossEntropyVjp(x, targets, opts, c))).toBeLessThan(1e-6);
    });
  }
});
