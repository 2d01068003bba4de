import * as tf from "@tensorflow/tfjs";
export function softmax(logits: tf.Tensor, axis = -1): tf.Tensor {
  throw new TypeError("something went wrong in my code");
}
export function softmaxBackward(y: tf.Tensor, dy: tf.Tensor, axis = -1): tf.Tensor {
  throw new RangeError("and here");
}
