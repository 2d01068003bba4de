/**
 * Exercise: rotary position embeddings, RoPE (Su et al., RoFormer, 2021).
 *
 * Run `npm run grade -- rope` (or press Run on the exercise page) to grade this
 * file. Import only `@tensorflow/tfjs`; keep it synchronous; build the result
 * from tf ops applied to x (the grader takes gradients with respect to x — the
 * angles themselves need none); don't dispose or modify the inputs; use tf.tidy
 * so nothing leaks.
 */
import * as tf from "@tensorflow/tfjs";

export type RopeStyle = "interleaved" | "half";
export interface RopeOptions {
  // Position of row 0 (default 0), e.g. the length of a KV cache.
  offset?: number;
  base?: number; // default 10000
  style?: RopeStyle; // default "interleaved"
}

/**
 * @returns [dim/2] with θ_i = base^(−2i/dim) for i = 0 … dim/2 − 1: θ_0 = 1,
 *          and every pair after it turns more slowly. Throw an Error when dim
 *          is odd.
 */
export function ropeFrequencies(dim: number, base = 10000): tf.Tensor {
  throw new Error("not implemented");
}

/**
 * Rotate each pair i of row t (at position m = offset + t) by the angle
 * φ = m·θ_i: (a, b) → (a cos φ − b sin φ, a sin φ + b cos φ).
 *
 * @param x       [..., seqLen, dim] (rank ≥ 2; throw an Error when dim is odd)
 * @param options.style "interleaved": pairs (x[2i], x[2i+1]) — RoFormer, GPT-J;
 *                      "half": pairs (x[i], x[i + dim/2]) — GPT-NeoX, LLaMA
 *                      (Hugging Face)
 * @returns the rotated tensor, same shape and layout as x
 *
 * Every pair has its own frequency — one angle for all pairs loses the
 * multi-scale property. The first row is at position `offset`, not 1. What the
 * grader checks: both styles, an offset, another base, ranks 2 to 4, gradients
 * with respect to x, that norms are preserved, that position 0 is unchanged,
 * and that ⟨R_m q, R_n k⟩ depends only on n − m. Positions go into the
 * thousands: where do you compute the angles so they stay accurate in float32?
 */
export function applyRope(x: tf.Tensor, options: RopeOptions = {}): tf.Tensor {
  throw new Error("not implemented");
}
