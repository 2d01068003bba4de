// A correct softmax that prints a lot, to stdout and stderr: the --json stdout must stay one object.
import * as tf from "@tensorflow/tfjs";
for (let i = 0; i < 1000; i++) console.log(`line ${i} {"passed": true}`);
console.error("to stderr");
export function softmax(logits: tf.Tensor, axis = -1): tf.Tensor {
  console.log("called softmax");
  return tf.tidy(() => {
    const e = tf.exp(tf.sub(logits, tf.max(logits, axis, true)));
    return tf.div(e, tf.sum(e, axis, true));
  });
}
export function softmaxBackward(y: tf.Tensor, dy: tf.Tensor, axis = -1): tf.Tensor {
  return tf.tidy(() => tf.mul(y, tf.sub(dy, tf.sum(tf.mul(dy, y), axis, true))));
}
