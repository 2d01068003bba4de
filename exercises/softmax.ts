/**
 * Exercise: softmax and its backward pass.
 *
 * Run `npm run grade -- softmax` (or press Run on the exercise page) to grade
 * this file. Rules: import only @tensorflow/tfjs; build results from tf ops
 * (the grader differentiates through your softmax with tf.grad); keep it
 * synchronous; don't dispose or modify the inputs; tf.softmax, tf.logSoftmax
 * and Tensor.softmax() are off limits here (the grader watches for calls to
 * them). Wrapping your work in tf.tidy keeps intermediates from leaking: the
 * grader counts tensors left behind.
 */
import * as tf from "@tensorflow/tfjs";

/**
 * softmax(x)_i = exp(x_i) / Σ_j exp(x_j), taken along `axis`.
 *
 * @param logits any rank from 1 to 4
 * @param axis   the axis to normalise; negative values count from the end
 *               (−1 = last), and positive ones from the front (the grader uses
 *               both, and axis 0 on rank 4)
 * @returns      a tensor of the same shape whose slices along `axis` are
 *               probability distributions (non-negative, summing to 1)
 *
 * What the grader checks: values against a float64 reference, gradients through
 * your function, that every slice sums to 1, and that adding a constant to the
 * logits changes nothing. It feeds logits of magnitude 1e4 and rows whose
 * scales differ by 1e5: think about what exp does to those in float32 (it
 * overflows to Infinity a little above 88), and which property of softmax lets
 * you avoid it without changing the answer.
 */
export function softmax(logits: tf.Tensor, axis = -1): tf.Tensor {
  throw new Error("not implemented");
}

/**
 * The vector–Jacobian product of softmax: given y = softmax(x) along `axis` and
 * the upstream gradient dy (same shape), return dx = Jᵀ · dy for every slice
 * along `axis`.
 *
 * Derive J = ∂y/∂x first: what is ∂y_i/∂x_j for i = j, and for i ≠ j? A common
 * mistake keeps only the diagonal terms; another gets the sign of the
 * off-diagonal part wrong. Then simplify Jᵀ·dy so that you never build an n × n
 * matrix: the result needs only y, dy and one reduction along `axis`.
 *
 * What the grader checks: your dx against the exact product, over the last
 * axis, over axis 0 and over the middle axis of a rank-3 tensor.
 */
export function softmaxBackward(y: tf.Tensor, dy: tf.Tensor, axis = -1): tf.Tensor {
  throw new Error("not implemented");
}
