// @expect fail backward-sign
// Backward pass adds the Σ dy ⊙ y term instead of subtracting it: dx = y ⊙ (dy + Σ dy ⊙ y).
import * as tf from "@tensorflow/tfjs";

export function softmax(logits: tf.Tensor, axis = -1): tf.Tensor {
  return tf.tidy(() => {
    const shifted = tf.sub(logits, tf.max(logits, axis, true));
    const e = tf.exp(shifted);
    return tf.div(e, tf.sum(e, axis, true));
  });
}

export function softmaxBackward(y: tf.Tensor, dy: tf.Tensor, axis = -1): tf.Tensor {
  // BUG (backward-sign): + where − belongs.
  return tf.tidy(() => tf.mul(y, tf.add(dy, tf.sum(tf.mul(dy, y), axis, true))));
}
