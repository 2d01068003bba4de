/** allclose with a report of the worst element — the heart of every output message. */
import { strides, type NdArray } from "./ndarray.js";

export interface Tolerance {
  atol: number;
  rtol: number;
}

export interface Mismatch {
  flat: number;
  coords: number[];
  want: number;
  got: number;
  err: number;
  bound: number;
}

export interface Comparison {
  ok: boolean;
  worst: Mismatch | null;
  /** Elements out of tolerance. */
  bad: number;
}

export function coordsOf(flat: number, shape: readonly number[]): number[] {
  const s = strides(shape);
  return shape.map((d, i) => Math.floor(flat / s[i]) % d);
}

/**
 * Compare got against want. NaN matches NaN and ±∞ matches itself only when `sameNonFinite`
 * is set (used when matching a bug hypothesis that itself produces NaN); the reference never does.
 */
export function allclose(want: NdArray, got: ArrayLike<number>, tol: Tolerance, sameNonFinite = false): Comparison {
  let maxAbs = 0;
  for (let i = 0; i < want.data.length; i++) {
    const w = Math.abs(want.data[i]);
    if (Number.isFinite(w)) maxAbs = Math.max(maxAbs, w);
  }
  const base = tol.atol * Math.max(1, maxAbs);
  let worst: Mismatch | null = null;
  let worstScore = -1;
  let bad = 0;
  for (let i = 0; i < want.data.length; i++) {
    const w = want.data[i];
    const g = got[i];
    const bound = base + tol.rtol * Math.abs(w);
    let err: number;
    let score: number;
    if (Number.isFinite(w) && Number.isFinite(g)) {
      err = Math.abs(g - w);
      score = err / bound;
    } else if (sameNonFinite && (Object.is(w, g) || (Number.isNaN(w) && Number.isNaN(g)))) {
      continue;
    } else {
      err = Infinity;
      score = Infinity;
    }
    if (score > 1) bad++;
    if (score > worstScore) {
      worstScore = score;
      worst = { flat: i, coords: [], want: w, got: g, err, bound };
    }
  }
  if (worst) worst.coords = coordsOf(worst.flat, want.shape);
  return { ok: bad === 0, worst: bad === 0 ? null : worst, bad };
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** Compact number formatting for messages: enough digits to see the difference. */
export function fmt(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "Infinity" : "-Infinity";
  if (x === 0) return "0";
  const a = Math.abs(x);
  return a >= 1e-3 && a < 1e5 ? Number(x.toPrecision(7)).toString() : x.toExponential(4);
}

export function fmtShape(shape: readonly number[]): string {
  return `[${shape.join(", ")}]`;
}
