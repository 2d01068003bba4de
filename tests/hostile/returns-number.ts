import * as tf from "@tensorflow/tfjs";
export function softmax(logits: tf.Tensor, axis = -1): any {
  return 42;
}
export function softmaxBackward(y: tf.Tensor, dy: tf.Tensor, axis = -1): any {
  return [1, 2, 3];
}
