// @expect pass
// Computes softmax as exp(x − logsumexp(x)), and the backward pass as y·dy − y·(yᵀdy) written out.
import * as tf from "@tensorflow/tfjs";

export function softmax(logits: tf.Tensor, axis = -1): tf.Tensor {
  return tf.tidy(() => tf.exp(tf.sub(logits, tf.logSumExp(logits, axis, true))));
}

export function softmaxBackward(y: tf.Tensor, dy: tf.Tensor, axis = -1): tf.Tensor {
  return tf.tidy(() => {
    const ydy = tf.mul(y, dy);
    return tf.sub(ydy, tf.mul(y, tf.sum(ydy, axis, true)));
  });
}
