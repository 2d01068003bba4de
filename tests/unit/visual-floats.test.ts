/**
 * Topic 37's number formats (src/components/visuals/_floats.ts): the constants of each format
 * against the values their specifications state, rounding against the platform's own fp32
 * rounding (Math.fround), and the overflows the page explains.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { epsilon, format, land, maxFinite, minNormal, minSubnormal, roundTo, spacingAt, valuesBetween } from "../../src/components/visuals/_floats.js";

const fp32 = format("fp32");
const fp16 = format("fp16");
const bf16 = format("bf16");
const e4m3 = format("fp8 E4M3");
const e5m2 = format("fp8 E5M2");

describe("format constants", () => {
  it("match IEEE 754 binary16 and binary32", () => {
    expect(maxFinite(fp16)).toBe(65504);
    expect(minNormal(fp16)).toBe(2 ** -14);
    expect(minSubnormal(fp16)).toBe(2 ** -24);
    expect(epsilon(fp16)).toBe(2 ** -10);
    // The largest float32 is what Math.fround keeps of 3.4028234663852886e38.
    expect(maxFinite(fp32)).toBe(Math.fround(3.4028234663852886e38));
    expect(minSubnormal(fp32)).toBe(Math.fround(1.401298464324817e-45));
  });

  it("give bfloat16 float32's exponent range with 8 bits of precision", () => {
    expect(minNormal(bf16)).toBe(minNormal(fp32));
    expect(maxFinite(bf16)).toBeCloseTo(3.3895313892515355e38, -30);
    expect(epsilon(bf16)).toBe(1 / 128);
  });

  it("match the FP8 paper's table: E4M3 tops out at 448 (no ∞), E5M2 at 57344", () => {
    expect(maxFinite(e4m3)).toBe(448);
    expect(minNormal(e4m3)).toBe(2 ** -6);
    expect(minSubnormal(e4m3)).toBe(2 ** -9);
    expect(maxFinite(e5m2)).toBe(57344);
    expect(minSubnormal(e5m2)).toBe(2 ** -16);
  });
});

describe("round to nearest, ties to even", () => {
  it("agrees with Math.fround on any double within float32's range", () => {
    fc.assert(
      fc.property(fc.double({ min: -3.4e38, max: 3.4e38, noNaN: true }), (x) => {
        expect(roundTo(fp32, x)).toBe(Math.fround(x));
      }),
      { numRuns: 5000 },
    );
  });

  it("agrees with Math.fround on ties and subnormals, where rounding is hardest", () => {
    for (const x of [1 + 2 ** -24, 1 + 3 * 2 ** -24, 2 ** -149 * 1.5, 2 ** -149 * 2.5, 2 ** -126 * (1 - 2 ** -24), 3.4028235677973366e38]) {
      expect(roundTo(fp32, x), String(x)).toBe(Math.fround(x));
    }
  });

  it("agrees on float32 inputs with bfloat16's definition: float32 with its low 16 bits rounded away, ties to even", () => {
    const bits = new Uint32Array(1);
    const float = new Float32Array(bits.buffer);
    const bf16ByBits = (x: number) => {
      float[0] = x;
      const b = bits[0];
      bits[0] = ((b + 0x7fff + ((b >>> 16) & 1)) >>> 0) & 0xffff0000;
      return float[0];
    };
    fc.assert(
      fc.property(fc.float({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(roundTo(bf16, x)).toBe(bf16ByBits(x));
      }),
      { numRuns: 5000 },
    );
  });

  it("returns a representable fp16 value that is the nearest one", () => {
    fc.assert(
      fc.property(fc.double({ min: -65000, max: 65000, noNaN: true }), (x) => {
        const r = roundTo(fp16, x);
        expect(Math.abs(r - x)).toBeLessThanOrEqual(spacingAt(fp16, x) / 2);
        expect(roundTo(fp16, r)).toBe(r);
      }),
    );
  });

  it("overflows fp16 from 65520 up, and sends the −3.4e38 mask fill to −∞ in fp16 and bf16", () => {
    expect(roundTo(fp16, 65519.99)).toBe(65504);
    expect(roundTo(fp16, 65520)).toBe(Infinity);
    expect(roundTo(fp16, -1e9)).toBe(-Infinity);
    expect(roundTo(fp16, -3.4e38)).toBe(-Infinity);
    expect(roundTo(bf16, -3.4e38)).toBe(-Infinity);
    expect(roundTo(bf16, -maxFinite(bf16))).toBe(-maxFinite(bf16));
    // 1e9 lies in [2²⁹, 2³⁰), where bf16's step is 2²²: 1e9 / 2²² ≈ 238.42 rounds to 238.
    expect(roundTo(bf16, -1e9)).toBe(-238 * 2 ** 22);
    expect(land(fp16, -3.4e38).kind).toBe("overflow");
  });

  it("loses a small update to 1 in fp16 and bf16 but not in fp32", () => {
    expect(roundTo(fp16, 1 + 1e-4)).toBe(1);
    expect(roundTo(bf16, 1 + 1e-3)).toBe(1);
    expect(roundTo(fp32, 1 + 1e-4)).not.toBe(1);
    // A tie goes to the even neighbour: 1 + 2⁻¹¹ lies halfway between 1 and 1 + 2⁻¹⁰.
    expect(roundTo(fp16, 1 + 2 ** -11)).toBe(1);
    expect(roundTo(fp16, 1 + 3 * 2 ** -11)).toBe(1 + 2 * 2 ** -10);
  });

  it("flushes gradients below half the smallest subnormal to zero, and keeps them after scaling", () => {
    expect(land(fp16, 1e-8)).toMatchObject({ value: 0, kind: "underflow" });
    expect(land(fp16, 5e-8).kind).toBe("subnormal");
    expect(land(fp16, 1e-8 * 65536).kind).toBe("rounded");
    expect(land(bf16, 1e-8).kind).toBe("rounded");
  });

  it("gives E4M3 NaN, not ∞, on overflow, and rounds 464 (a tie) down to 448", () => {
    expect(roundTo(e4m3, 464)).toBe(448);
    expect(roundTo(e4m3, 470)).toBeNaN();
    expect(roundTo(e5m2, 61440)).toBe(Infinity);
  });
});

describe("the number-line close-up", () => {
  it("lists 2^m + 1 values of a format in [1, 2]", () => {
    expect(valuesBetween(fp16, 1, 2)).toHaveLength(2 ** 10 + 1);
    expect(valuesBetween(bf16, 1, 2)).toHaveLength(2 ** 7 + 1);
    expect(valuesBetween(e4m3, 1, 2)).toEqual([1, 1.125, 1.25, 1.375, 1.5, 1.625, 1.75, 1.875, 2]);
  });
});
