/** The float64 sinusoidal encoding against values derived by hand, in both layouts. */
import { describe, expect, it } from "vitest";
import { close } from "../../tests/support/finite-differences.js";
import { sinusoidalEncoding, sinusoidalVariant } from "./positional.js";

describe("sinusoidal encoding reference", () => {
  it("position 0 is (0, 1, 0, 1, …) interleaved and (0, …, 1, …) concatenated", () => {
    close(sinusoidalEncoding(1, 4).data, [0, 1, 0, 1]);
    close(sinusoidalEncoding(1, 4, { layout: "concat" }).data, [0, 0, 1, 1]);
  });
  it("d = 4, position 1: ω = (1, 0.01), so the row is (sin 1, cos 1, sin 0.01, cos 0.01)", () => {
    close(sinusoidalEncoding(2, 4).data.slice(4), [Math.sin(1), Math.cos(1), Math.sin(0.01), Math.cos(0.01)]);
  });
  it("row t of an offset table is position offset + t", () => {
    close(sinusoidalEncoding(2, 6, { offset: 5 }).data, sinusoidalEncoding(7, 6).data.slice(30));
  });
  it("every (sin, cos) pair lies on the unit circle", () => {
    const pe = sinusoidalEncoding(5, 8, { layout: "concat", offset: 3 }).data;
    for (let t = 0; t < 5; t++) for (let i = 0; i < 4; i++) expect(Math.abs(pe[t * 8 + i] ** 2 + pe[t * 8 + i + 4] ** 2 - 1)).toBeLessThan(1e-14);
  });
  it("a variant with the layout swapped is the other layout", () => {
    close(sinusoidalVariant(3, 6, { layout: "concat" }, { swapLayout: true }).data, sinusoidalEncoding(3, 6).data);
  });
  it("throws for an odd dModel", () => {
    expect(() => sinusoidalEncoding(3, 5)).toThrow();
  });
});
