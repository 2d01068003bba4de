// Touches ~2 GB: the memory limit must stop it, not the machine.
import * as tf from "@tensorflow/tfjs";
export function softmax(logits: tf.Tensor, axis = -1): tf.Tensor {
  const big = new Float32Array(2 ** 29);
  big.fill(1);
  return tf.tensor(big.subarray(0, logits.size), logits.shape);
}
export function softmaxBackward(y: tf.Tensor, dy: tf.Tensor, axis = -1): tf.Tensor {
  return tf.zeros([100000, 100000]);
}
