// An infinite loop at module load, before any export can be called.
import * as tf from "@tensorflow/tfjs";
while (true) {
  /* spin */
}
export function softmax(logits: tf.Tensor): tf.Tensor {
  return logits;
}
