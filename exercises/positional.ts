/**
 * Exercise: the sinusoidal positional encoding (Vaswani et al. 2017, §3.5).
 *
 * Run `npm run grade -- positional` (or press Run on the exercise page) to
 * grade this file. Import only @tensorflow/tfjs; keep it synchronous; return
 * a tf.Tensor; use tf.tidy so nothing leaks. No gradient is taken: the table
 * is fixed.
 */
import * as tf from "@tensorflow/tfjs";

export interface PositionalOptions {
  offset?: number; // position of row 0 (default 0)
  layout?: "interleaved" | "concat"; // default "interleaved"
}

/**
 * The [seqLen, dModel] table for positions p = offset, …, offset + seqLen − 1,
 * with one frequency per pair i = 0 … dModel/2 − 1: ω_i = 10000^(−2i/dModel).
 *   "interleaved":
 *     [sin(pω_0), cos(pω_0), sin(pω_1), cos(pω_1), …]
 *   "concat":
 *     [sin(pω_0), …, sin(pω_{d/2−1}), cos(pω_0), …, cos(pω_{d/2−1})]
 *
 * Throw an Error when dModel is odd. What the grader checks: both layouts,
 * offsets, a single pair, positions near 3000 (where do you compute the angles
 * so they stay accurate?), the odd-dModel error, and that a table at offset
 * o + 5 equals rows 5… of a longer table at o.
 */
export function sinusoidalEncoding(seqLen: number, dModel: number, options: PositionalOptions = {}): tf.Tensor {
  throw new Error("not implemented");
}
