/**
 * Exercise: rotary position embeddings (RoPE).
 *
 * Run `npm run grade -- rope` (or press Run on the exercise page) to grade this file.
 * Import only @tensorflow/tfjs; build the result from tf ops applied to x (the grader takes
 * gradients with respect to x); don't dispose or modify the inputs.
 */
import * as tf from "@tensorflow/tfjs";

export type RopeStyle = "interleaved" | "half";
export interface RopeOptions {
  offset?: number; // position of row 0 (default 0)
  base?: number; // default 10000
  style?: RopeStyle; // default "interleaved"
}

/**
 * @returns [dim/2] with θ_i = base^(−2i/dim) for i = 0 … dim/2 − 1.
 * Throw an Error when dim is odd.
 */
export function ropeFrequencies(dim: number, base = 10000): tf.Tensor {
  throw new Error("not implemented");
}

/**
 * Rotate each pair i of row t (at position m = offset + t) by the angle m·θ_i:
 * (a, b) → (a cos φ − b sin φ, a sin φ + b cos φ).
 *
 * @param x [..., seqLen, dim] (rank ≥ 2; throw an Error when dim is odd)
 * @param options.style "interleaved": pairs (x[2i], x[2i+1]) — RoFormer, GPT-J;
 *                      "half": pairs (x[i], x[i + dim/2]) — GPT-NeoX, LLaMA (Hugging Face)
 * @returns the rotated tensor, same shape and layout as x
 *
 * Positions can be in the thousands: where do you compute the angles so they stay accurate?
 */
export function applyRope(x: tf.Tensor, options: RopeOptions = {}): tf.Tensor {
  throw new Error("not implemented");
}
