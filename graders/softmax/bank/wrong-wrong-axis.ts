// @expect fail wrong-axis
// Normalises over axis 0 whatever `axis` says.
import * as tf from "@tensorflow/tfjs";

export function softmax(logits: tf.Tensor, axis = -1): tf.Tensor {
  return tf.tidy(() => {
    // BUG (wrong-axis): axis 0 hard-coded where `axis` belongs (both reductions).
    const shifted = tf.sub(logits, tf.max(logits, 0, true));
    const e = tf.exp(shifted);
    return tf.div(e, tf.sum(e, 0, true));
  });
}

export function softmaxBackward(y: tf.Tensor, dy: tf.Tensor, axis = -1): tf.Tensor {
  return tf.tidy(() => tf.mul(y, tf.sub(dy, tf.sum(tf.mul(dy, y), axis, true))));
}
