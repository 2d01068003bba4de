/** The pure math behind the exercise pages' visuals (schedule curves, the encoding table in both layouts). */
import { describe, expect, it } from "vitest";
import { columnRole, encodingTable, wavelength } from "../../src/components/exercise-visuals/positional-math.js";
import { cosineFromZeroAt, noamAt, scheduleCurves, stepGrid, warmupCosineAt } from "../../src/components/exercise-visuals/schedule-math.js";

const run = { peak: 1e-3, warmup: 100, total: 1000, minLr: 1e-4 };

describe("schedule visual math", () => {
  it("warmup + cosine peaks exactly at warmup and lands on minLr at total", () => {
    expect(warmupCosineAt(100, run)).toBe(1e-3);
    expect(warmupCosineAt(99, run)).toBeLessThan(1e-3);
    expect(warmupCosineAt(101, run)).toBeLessThan(1e-3);
    expect(Math.abs(warmupCosineAt(999, run) - 1e-4)).toBeLessThan(1e-8);
    expect(warmupCosineAt(1000, run)).toBe(1e-4);
  });
  it("the cosine-from-zero mistake has already dropped below the peak just after warmup", () => {
    expect(cosineFromZeroAt(101, run)).toBeLessThan(0.99 * warmupCosineAt(101, run));
  });
  it("Noam with warmup^−0.5 overshoots the true ramp by a factor of warmup", () => {
    expect(noamAt(10, 512, 4000, -0.5) / noamAt(10, 512, 4000)).toBeCloseTo(4000, 6);
    expect(noamAt(4000, 512, 4000)).toBeGreaterThan(noamAt(3999, 512, 4000));
  });
  it("the step grid starts at 1, is sorted, and contains every corner", () => {
    const g = stepGrid(100, 1000);
    expect(g[0]).toBe(1);
    expect(g.every((s, i) => i === 0 || s > g[i - 1])).toBe(true);
    for (const s of [99, 100, 101, 999, 1000, 1001]) expect(g).toContain(s);
    expect(scheduleCurves(run, { cosine: "a", fromZero: "b" })).toHaveLength(2 * g.length);
  });
});

describe("positional visual math", () => {
  it("position 0 is (0, 1, 0, 1) interleaved and (0, 0, 1, 1) concatenated", () => {
    expect(encodingTable(1, 4, "interleaved")[0]).toEqual([0, 1, 0, 1]);
    expect(encodingTable(1, 4, "concat")[0]).toEqual([0, 0, 1, 1]);
  });
  it("the two layouts hold the same numbers, columns permuted by their pair and kind", () => {
    const a = encodingTable(5, 8, "interleaved", 3);
    const b = encodingTable(5, 8, "concat", 3);
    for (let col = 0; col < 8; col++) {
      const { pair, sine } = columnRole(col, 8, "interleaved");
      const other = sine ? pair : pair + 4;
      for (let t = 0; t < 5; t++) expect(a[t][col]).toBe(b[t][other]);
    }
  });
  it("wavelengths grow geometrically from 2π to below 2π·10000", () => {
    expect(wavelength(0, 16, "interleaved")).toBeCloseTo(2 * Math.PI, 12);
    expect(wavelength(15, 16, "interleaved")).toBeLessThan(2 * Math.PI * 10000);
    expect(wavelength(2, 16, "interleaved") / wavelength(0, 16, "interleaved")).toBeCloseTo(10000 ** (2 / 16), 9);
  });
  it("rejects an odd dModel", () => {
    expect(() => encodingTable(2, 5, "concat")).toThrow();
  });
});
