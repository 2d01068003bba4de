// Exports softmax under another name and forgets softmaxBackward.
import * as tf from "@tensorflow/tfjs";
export function softMax(logits: tf.Tensor, axis = -1): tf.Tensor {
  return logits;
}
