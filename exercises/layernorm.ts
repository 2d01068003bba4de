/**
 * Exercise: LayerNorm and RMSNorm.
 *
 * Run `npm run grade -- layernorm` (or press Run on the exercise page) to
 * grade this file. Import only @tensorflow/tfjs; keep it synchronous; build
 * the result from tf ops (the grader takes gradients with respect to x, gamma
 * and beta); don't dispose or modify the inputs; use tf.tidy so nothing leaks.
 */
import * as tf from "@tensorflow/tfjs";

/**
 * LayerNorm over the last axis: (x − mean)/√(var + ε)·γ + β, where mean and
 * var are taken over the d features of each row (each token), and var is the
 * biased variance (the squared deviations divided by d, not d − 1).
 *
 * @param x     [..., d] (any rank ≥ 1)
 * @param gamma [d], multiplies the normalised value
 * @param beta  [d], is added after
 * @param eps   inside the square root; default 1e-5
 * @returns     the same shape as x
 *
 * What the grader checks: ranks 1 to 4, rows of tiny variance (where ε's
 * place shows), rows far apart in scale, rows with a large mean, an
 * explicit ε, gradients with respect to x, γ and β, and that rows are
 * normalised independently of each other.
 */
export function layerNorm(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, eps = 1e-5): tf.Tensor {
  throw new Error("not implemented");
}

/**
 * RMSNorm over the last axis: x/√(mean(x²) + ε)·γ — no mean subtracted, no β
 * (LLaMA, T5).
 *
 * @param x     [..., d]
 * @param gamma [d]
 * @param eps   inside the square root; default 1e-6
 * @returns     the same shape as x
 */
export function rmsNorm(x: tf.Tensor, gamma: tf.Tensor, eps = 1e-6): tf.Tensor {
  throw new Error("not implemented");
}
