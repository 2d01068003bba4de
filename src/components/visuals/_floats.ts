/**
 * Topic 37's arithmetic: binary floating-point formats described by their exponent and
 * mantissa widths, and round-to-nearest-even into them, computed exactly in float64.
 *
 * fp32, fp16 and bf16 follow IEEE 754 (the all-ones exponent is ∞/NaN). FP8 E5M2 does too;
 * FP8 E4M3 does not: it has no ∞, and only S.1111.111 is NaN, which buys one more binade —
 * its largest value is 1.75 · 2⁸ = 448 (Micikevicius et al., 2022, "FP8 Formats for Deep
 * Learning", Table 1).
 */

export interface FloatFormat {
  name: string;
  exponentBits: number;
  mantissaBits: number;
  /** false for E4M3: no ∞, the top exponent holds ordinary numbers (all but its last code). */
  ieee: boolean;
}

export const FORMATS: FloatFormat[] = [
  { name: "fp32", exponentBits: 8, mantissaBits: 23, ieee: true },
  { name: "bf16", exponentBits: 8, mantissaBits: 7, ieee: true },
  { name: "fp16", exponentBits: 5, mantissaBits: 10, ieee: true },
  { name: "fp8 E5M2", exponentBits: 5, mantissaBits: 2, ieee: true },
  { name: "fp8 E4M3", exponentBits: 4, mantissaBits: 3, ieee: false },
];

export function format(name: string): FloatFormat {
  const f = FORMATS.find((f) => f.name === name);
  if (!f) throw new Error(`unknown format ${name}; known: ${FORMATS.map((f) => f.name).join(", ")}`);
  return f;
}

const bias = (f: FloatFormat) => 2 ** (f.exponentBits - 1) - 1;

/** Exponent of the smallest normal number, 1 − bias. */
export const minExponent = (f: FloatFormat) => 1 - bias(f);

/** Exponent of the largest binade. */
export const maxExponent = (f: FloatFormat) => 2 ** f.exponentBits - (f.ieee ? 2 : 1) - bias(f);

export function maxFinite(f: FloatFormat): number {
  // IEEE: all mantissa bits set. E4M3: the all-ones mantissa of the top binade is NaN.
  const mantissa = f.ieee ? 2 - 2 ** -f.mantissaBits : 2 - 2 * 2 ** -f.mantissaBits;
  return mantissa * 2 ** maxExponent(f);
}

export const minNormal = (f: FloatFormat) => 2 ** minExponent(f);
export const minSubnormal = (f: FloatFormat) => 2 ** (minExponent(f) - f.mantissaBits);
/** Machine epsilon: the gap between 1 and the next representable number. */
export const epsilon = (f: FloatFormat) => 2 ** -f.mantissaBits;

/** floor(log2 |x|) for x ≠ 0, exact (Math.log2 can be off by one next to a power of two). */
function binade(a: number): number {
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e--;
  if (2 ** (e + 1) <= a) e++;
  return e;
}

/** Gap between |x| and the next representable magnitude above it (in the subnormal range, the fixed subnormal step). */
export function spacingAt(f: FloatFormat, x: number): number {
  const a = Math.abs(x);
  const e = a === 0 ? minExponent(f) : Math.max(binade(a), minExponent(f));
  return 2 ** (e - f.mantissaBits);
}

function roundHalfEven(v: number): number {
  const r = Math.round(v);
  // Math.round sends .5 up; at an exact tie pick the even neighbour.
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * x rounded to the nearest value of f, ties to even. Overflow gives ±∞ in the IEEE formats
 * and NaN in E4M3 (which has no ∞; saturating conversions clamp to ±448 instead).
 */
export function roundTo(f: FloatFormat, x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (!Number.isFinite(x)) return f.ieee ? x : NaN;
  if (x === 0) return x;
  const a = Math.abs(x);
  const step = spacingAt(f, a);
  // a / step and the product are exact: step is a power of two well inside float64's range.
  const r = roundHalfEven(a / step) * step;
  if (r > maxFinite(f)) return f.ieee ? Math.sign(x) * Infinity : NaN;
  return Math.sign(x) * r;
}

/** Every representable non-negative value of f in [lo, hi] (for the number-line close-up; keep the range small). */
export function valuesBetween(f: FloatFormat, lo: number, hi: number, limit = 4096): number[] {
  const out: number[] = [];
  let v = roundTo(f, lo);
  if (v < lo) v += spacingAt(f, v);
  while (v <= hi && out.length < limit) {
    out.push(v);
    v += spacingAt(f, v);
  }
  return out;
}

export interface Landing {
  value: number;
  kind: "exact" | "rounded" | "subnormal" | "underflow" | "overflow";
  relativeError: number;
}

/** What becomes of x in format f: its rounded value and why it changed. */
export function land(f: FloatFormat, x: number): Landing {
  const value = roundTo(f, x);
  const relativeError = x === 0 ? 0 : Math.abs(value - x) / Math.abs(x);
  if (!Number.isFinite(value)) return { value, kind: "overflow", relativeError: Infinity };
  if (value === 0 && x !== 0) return { value, kind: "underflow", relativeError: 1 };
  if (value !== 0 && Math.abs(value) < minNormal(f)) return { value, kind: "subnormal", relativeError };
  return { value, kind: value === x ? "exact" : "rounded", relativeError };
}
