// @expect fail diagonal-backward
// Backward pass keeps only the diagonal of the Jacobian: dx = y ⊙ (1 − y) ⊙ dy.
import * as tf from "@tensorflow/tfjs";

export function softmax(logits: tf.Tensor, axis = -1): tf.Tensor {
  return tf.tidy(() => {
    const shifted = tf.sub(logits, tf.max(logits, axis, true));
    const e = tf.exp(shifted);
    return tf.div(e, tf.sum(e, axis, true));
  });
}

export function softmaxBackward(y: tf.Tensor, dy: tf.Tensor, axis = -1): tf.Tensor {
  // BUG (diagonal-backward): drops the off-diagonal −y_i y_j terms.
  return tf.tidy(() => tf.mul(tf.mul(y, tf.sub(1, y)), dy));
}
