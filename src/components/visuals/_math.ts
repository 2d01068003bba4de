/**
 * The small dense linear algebra the topic visuals compute in the browser: plain number
 * arrays, row-major matrices (number[][]), float64. The visuals never load tfjs — a topic
 * page stays light — and these few functions are all they need.
 */
import { normal, rng } from "./_shared.js";

export type Matrix = number[][];

/** A rows × cols matrix of N(0, scale²) entries from a seeded generator: the same picture on every load. */
export function randomMatrix(rows: number, cols: number, seed: number, scale = 1): Matrix {
  const next = rng(seed);
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => scale * normal(next)));
}

export function matmul(a: Matrix, b: Matrix): Matrix {
  const n = b[0]?.length ?? 0;
  return a.map((row) => {
    const out = new Array<number>(n).fill(0);
    row.forEach((aik, k) => {
      const bk = b[k];
      for (let j = 0; j < n; j++) out[j] += aik * bk[j];
    });
    return out;
  });
}

export function transpose(a: Matrix): Matrix {
  return (a[0] ?? []).map((_, j) => a.map((row) => row[j]));
}

export function scale(a: Matrix, s: number): Matrix {
  return a.map((row) => row.map((v) => v * s));
}

export function dot(a: number[], b: number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Softmax of one vector, max-shifted; a vector whose every entry is −∞ (all keys blocked) gives all zeros. */
export function softmax(z: number[], temperature = 1): number[] {
  const m = Math.max(...z);
  if (m === -Infinity) return z.map(() => 0);
  const e = z.map((v) => Math.exp((v - m) / temperature));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

/** Row-wise softmax of a score matrix, with an optional 1 = attend / 0 = blocked mask of the same shape. */
export function softmaxRows(scores: Matrix, mask?: Matrix): Matrix {
  return scores.map((row, i) => softmax(mask ? row.map((v, j) => (mask[i][j] ? v : -Infinity)) : row));
}

/** Entropy in nats of a probability vector (0 log 0 = 0). */
export function entropy(p: number[]): number {
  return -p.reduce((s, v) => s + (v > 0 ? v * Math.log(v) : 0), 0);
}

/** Mean and (population) variance of a list. */
export function meanVar(xs: number[]): { mean: number; variance: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
  return { mean, variance };
}

export function norm(v: number[]): number {
  return Math.sqrt(dot(v, v));
}

/** Matrix → tidy cells for Plot.cell: { i: row, j: column, v: value }. */
export function cells(m: Matrix): { i: number; j: number; v: number }[] {
  return m.flatMap((row, i) => row.map((v, j) => ({ i, j, v })));
}

/** The sinusoidal positional encoding of one position (Vaswani et al., 2017, §3.5):
 *  PE(pos, 2i) = sin(pos·ω_i), PE(pos, 2i+1) = cos(pos·ω_i), ω_i = 10000^(−2i/d). */
export function sinusoidalEncoding(pos: number, d: number): number[] {
  const row: number[] = [];
  for (let i = 0; i < d / 2; i++) {
    const w = Math.pow(10000, (-2 * i) / d);
    row.push(Math.sin(pos * w), Math.cos(pos * w));
  }
  return row;
}
