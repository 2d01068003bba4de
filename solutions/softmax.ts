/**
 * Reference solution: softmax and its backward pass, from elementary tf ops.
 * (The overflow trap below is the worked example of Goodfellow, Bengio & Courville,
 * "Deep Learning", §4.1 "Overflow and Underflow".)
 */
import * as tf from "@tensorflow/tfjs";

/**
 * softmax(x)_i = exp(x_i) / Σ_j exp(x_j) along `axis`.
 *
 * Subtracting the maximum first is what makes this usable: softmax is shift-invariant, and
 * after the shift every exponent is ≤ 0, so exp never overflows float32 (it would past
 * x ≈ 88.7) and the largest term is exactly 1, so the sum is never 0.
 */
export function softmax(logits: tf.Tensor, axis = -1): tf.Tensor {
  return tf.tidy(() => {
    // keepDims = true keeps the reduced axis as size 1, so the result broadcasts back.
    // tf.max / tf.sum take negative axes too, so axis = -1 (the last) needs no special case.
    const shifted = tf.sub(logits, tf.max(logits, axis, true));
    const e = tf.exp(shifted);
    return tf.div(e, tf.sum(e, axis, true));
  });
}

/**
 * The vector–Jacobian product of softmax, in terms of its output y.
 *
 * ∂y_i/∂x_j = y_i (δ_ij − y_j), i.e. J = diag(y) − y yᵀ (symmetric). Applied to the upstream
 * gradient dy: dx = y ⊙ dy − y (yᵀ dy) = y ⊙ (dy − Σ_axis dy ⊙ y). Never materialise J: it is
 * n × n per row, while this is O(n).
 */
export function softmaxBackward(y: tf.Tensor, dy: tf.Tensor, axis = -1): tf.Tensor {
  return tf.tidy(() => tf.mul(y, tf.sub(dy, tf.sum(tf.mul(dy, y), axis, true))));
}
