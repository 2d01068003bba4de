// @expect fail log-softmax
// Returns log-probabilities (x − logsumexp) instead of probabilities.
import * as tf from "@tensorflow/tfjs";

export function softmax(logits: tf.Tensor, axis = -1): tf.Tensor {
  return tf.tidy(() => {
    const shifted = tf.sub(logits, tf.max(logits, axis, true));
    // BUG (log-softmax): returns log softmax(x) = (x − max) − log Σ exp(x − max).
    return tf.sub(shifted, tf.log(tf.sum(tf.exp(shifted), axis, true)));
  });
}

export function softmaxBackward(y: tf.Tensor, dy: tf.Tensor, axis = -1): tf.Tensor {
  return tf.tidy(() => tf.mul(y, tf.sub(dy, tf.sum(tf.mul(dy, y), axis, true))));
}
