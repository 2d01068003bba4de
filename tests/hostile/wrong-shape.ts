import * as tf from "@tensorflow/tfjs";
export function softmax(logits: tf.Tensor, axis = -1): tf.Tensor {
  const e = tf.exp(tf.sub(logits, tf.max(logits, axis, true)));
  return tf.sum(e, axis); // drops the axis
}
export function softmaxBackward(y: tf.Tensor, dy: tf.Tensor, axis = -1): tf.Tensor {
  return tf.reshape(dy, [-1]);
}
