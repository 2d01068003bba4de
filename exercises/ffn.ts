/**
 * Exercise: the position-wise feed-forward block.
 *
 * Run `npm run grade -- ffn` (or press Run on the exercise page) to grade this
 * file. Import only @tensorflow/tfjs; keep it synchronous; build the result
 * from tf ops (the grader takes gradients with respect to x and every weight
 * and bias); don't dispose or modify the inputs; use tf.tidy so nothing leaks.
 */
import * as tf from "@tensorflow/tfjs";

export type Activation = "relu" | "gelu" | "gelu-tanh" | "swiglu";
export interface FfnWeights {
  w1: tf.Tensor; // [d_in, d_ff]
  b1?: tf.Tensor; // [d_ff]
  w2: tf.Tensor; // [d_ff, d_out]
  b2?: tf.Tensor; // [d_out]
  w3?: tf.Tensor; // [d_in, d_ff], SwiGLU only
}

/**
 * The same two-layer network applied to every position (row) of x:
 *   "relu", "gelu", "gelu-tanh":  act(x·W1 + b1)·W2 + b2
 *   "swiglu":                     (silu(x·W1 + b1) ⊙ (x·W3))·W2 + b2
 * with relu(h) = max(0, h); gelu(h) = h·Φ(h) = 0.5·h·(1 + erf(h/√2)) (exact);
 * gelu-tanh(h) = 0.5·h·(1 + tanh(√(2/π)·(h + 0.044715·h³))); silu(h) = h·σ(h).
 * A missing bias is simply not added (LLaMA's SwiGLU has none).
 *
 * @param x          [..., d_in] (rank ≥ 2)
 * @returns          [..., d_out]
 *
 * Throw an Error for any other activation, and for "swiglu" without w.w3.
 * What the grader checks: every activation, with and without biases, ranks 2
 * to 4, gradients for x and every weight, that positions are transformed
 * independently, and the two errors.
 */
export function feedForward(x: tf.Tensor, w: FfnWeights, activation: Activation): tf.Tensor {
  throw new Error("not implemented");
}
