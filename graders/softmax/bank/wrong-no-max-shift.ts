// @expect fail no-max-shift
// Exponentiates the raw logits: exp overflows to Infinity for logits of ~1e4, and Infinity / Infinity is NaN.
import * as tf from "@tensorflow/tfjs";

export function softmax(logits: tf.Tensor, axis = -1): tf.Tensor {
  return tf.tidy(() => {
    // BUG (no-max-shift): no max subtraction before exp.
    const shifted = logits;
    const e = tf.exp(shifted);
    return tf.div(e, tf.sum(e, axis, true));
  });
}

export function softmaxBackward(y: tf.Tensor, dy: tf.Tensor, axis = -1): tf.Tensor {
  return tf.tidy(() => tf.mul(y, tf.sub(dy, tf.sum(tf.mul(dy, y), axis, true))));
}
