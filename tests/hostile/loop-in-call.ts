// A softmax that never returns: must end in a "timeout" verdict, not a hung grader.
import * as tf from "@tensorflow/tfjs";
export function softmax(logits: tf.Tensor, axis = -1): tf.Tensor {
  for (;;) {
    /* spin */
  }
}
export function softmaxBackward(y: tf.Tensor, dy: tf.Tensor, axis = -1): tf.Tensor {
  return dy;
}
