/**
 * Exercise: softmax and its backward pass.
 *
 * Run `npm run grade -- softmax` (or press Run on the exercise page) to grade this file.
 * Rules: import only @tensorflow/tfjs; build results from tf ops (the grader differentiates
 * through your softmax with tf.grad); don't dispose or modify the inputs; tf.softmax,
 * tf.logSoftmax and Tensor.softmax() are off limits here.
 */
import * as tf from "@tensorflow/tfjs";

/**
 * softmax(x)_i = exp(x_i) / Σ_j exp(x_j), taken along `axis`.
 *
 * @param logits any rank from 1 to 4
 * @param axis   the axis to normalise; negative values count from the end (−1 = last)
 * @returns      a tensor of the same shape whose slices along `axis` are probability
 *               distributions (non-negative, summing to 1)
 *
 * The grader feeds logits of magnitude 1e4 and rows whose scales differ by 1e5: think about
 * what exp does to those in float32.
 */
export function softmax(logits: tf.Tensor, axis = -1): tf.Tensor {
  throw new Error("not implemented");
}

/**
 * The vector–Jacobian product of softmax: given y = softmax(x) and the upstream gradient
 * dy (same shape), return dx = J(y)ᵀ · dy along `axis`.
 *
 * Derive J = ∂y/∂x first (what is ∂y_i/∂x_j for i = j, and for i ≠ j?), then simplify
 * J ᵀ dy so that you never build an n × n matrix.
 */
export function softmaxBackward(y: tf.Tensor, dy: tf.Tensor, axis = -1): tf.Tensor {
  throw new Error("not implemented");
}
