/** The cross-entropy exercise's float32 visual: when log(softmax) breaks and the log-softmax does not. */
import { describe, expect, it } from "vitest";
import { firstNonFinite, logitsFor, lossCurves, lossNaive, lossViaLogOfSoftmax, lossViaLogSoftmax } from "../../src/components/visuals/log-softmax-math.js";

describe("log-softmax visual math", () => {
  it("agrees with the float64 loss while the gap is small", () => {
    const x = logitsFor(5, 3);
    const exact = -(x[1] - Math.log(x.reduce((a, v) => a + Math.exp(v), 0)));
    for (const loss of [lossViaLogSoftmax(x, 1), lossViaLogOfSoftmax(x, 1), lossNaive(x, 1)]) expect(loss).toBeCloseTo(exact, 5);
  });
  it("log(softmax) turns infinite once exp(−gap) underflows float32 (gap ≈ 104), the log-softmax never does", () => {
    const pts = lossCurves(200, 3, 0, 200);
    const broken = firstNonFinite(pts, "logOfSoftmax");
    expect(broken).toBeGreaterThan(100);
    expect(broken).toBeLessThan(106);
    expect(firstNonFinite(pts, "logSoftmax")).toBeNull();
    // Far past the break the stable loss is the gap itself (plus a log of a sum near 1).
    expect(lossViaLogSoftmax(logitsFor(190, 3), 1)).toBeCloseTo(190, 3);
  });
  it("without the max shift, logits above ~88.7 overflow exp and the loss is NaN", () => {
    expect(Number.isNaN(lossNaive(logitsFor(1, 3, 100), 1))).toBe(true);
    expect(Number.isFinite(lossViaLogSoftmax(logitsFor(1, 3, 100), 1))).toBe(true);
  });
});
