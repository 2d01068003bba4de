/** The float64 schedules against values derived by hand at their corners. */
import { describe, expect, it } from "vitest";
import { learningRate } from "./schedule.js";

const near = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-15 * Math.max(1, Math.abs(b)) + 1e-13 * Math.abs(b));

describe("schedule reference", () => {
  const noam = { kind: "noam", dModel: 512, warmup: 4000 } as const;
  it("Noam peaks at step = warmup with d^−0.5·warmup^−0.5", () => {
    near(learningRate(4000, noam), 512 ** -0.5 * 4000 ** -0.5);
    expect(learningRate(3999, noam)).toBeLessThan(learningRate(4000, noam));
    expect(learningRate(4001, noam)).toBeLessThan(learningRate(4000, noam));
  });
  it("Noam at step 1 is d^−0.5·warmup^−1.5, and the factor multiplies", () => {
    near(learningRate(1, noam), 512 ** -0.5 * 4000 ** -1.5);
    near(learningRate(1, { ...noam, factor: 2 }), 2 * 512 ** -0.5 * 4000 ** -1.5);
  });
  const cos = { kind: "warmup-cosine", peak: 1e-3, warmup: 100, total: 1100, minLr: 1e-4 } as const;
  it("warmup + cosine: a ramp to the peak, half-way at the middle of the decay, minLr from total on", () => {
    near(learningRate(1, cos), 1e-5);
    near(learningRate(100, cos), 1e-3);
    near(learningRate(600, cos), 1e-4 + 0.5 * 9e-4);
    near(learningRate(1100, cos), 1e-4);
    near(learningRate(5000, cos), 1e-4);
  });
  it("rejects step 0, negative and fractional steps, total ≤ warmup and unknown kinds", () => {
    for (const s of [0, -1, 2.5]) expect(() => learningRate(s, noam)).toThrow();
    expect(() => learningRate(1, { ...cos, total: 100 })).toThrow();
    expect(() => learningRate(1, { kind: "linear" } as never)).toThrow();
  });
});
