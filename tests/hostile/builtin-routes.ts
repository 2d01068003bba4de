// Every route to a Node built-in a learner might find, each refusal caught; the numbers are right.
import * as tf from "@tensorflow/tfjs";
const name = ["node", "child_process"].join(":");
const tries = [
  () => require("vm"),
  () => require("module").createRequire("/")("fs"),
  () => import(name),
  () => (process as any).getBuiltinModule("fs"),
  () => (process as any).binding("fs"),
  () => (globalThis as any).Buffer.from("x"),
];
for (const t of tries) {
  try {
    const p = t() as any;
    if (p && typeof p.catch === "function") p.catch(() => undefined);
  } catch {
    /* keep going */
  }
}
function elementary(logits: tf.Tensor, axis = -1): tf.Tensor {
  const e = tf.exp(tf.sub(logits, tf.max(logits, axis, true)));
  return tf.div(e, tf.sum(e, axis, true));
}
export function softmaxBackward(y: tf.Tensor, dy: tf.Tensor, axis = -1): tf.Tensor {
  return tf.mul(y, tf.sub(dy, tf.sum(tf.mul(dy, y), axis, true)));
}
export function softmax(logits: tf.Tensor, axis = -1): tf.Tensor {
  return elementary(logits, axis);
}
