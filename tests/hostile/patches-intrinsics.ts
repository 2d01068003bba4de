// Patches the host realm's built-ins, reached through objects tf hands out, so that the
// harness's bookkeeping (a Set of forbidden names, typed-array copies, JSON, Promise) lies;
// then calls the forbidden tf.softmax. The patches must not take, and the use must be seen.
import * as tf from "@tensorflow/tfjs";
const hostArray = Object.getPrototypeOf(tf.tensor([1]).shape);
const hostObject = Object.getPrototypeOf(hostArray);
const patches: [object, string, unknown][] = [
  [hostArray, "includes", () => false],
  [hostArray, "some", () => false],
  [hostObject.constructor, "entries", () => []],
  [Object.getPrototypeOf(tf.tensor), "call", null],
  [Object.getPrototypeOf(tf.memory()), "hasOwnProperty", () => true],
];
let took = 0;
for (const [target, key, value] of patches) {
  try {
    (target as any)[key] = value;
    took += (target as any)[key] === value ? 1 : 0;
  } catch {
    /* frozen */
  }
}
try {
  Set.prototype.add = function () {
    return this;
  } as any;
} catch {
  /* own realm only */
}
try {
  (tf.tensor([1]).dataSync() as any).constructor.prototype.slice = () => new Float32Array(0);
} catch {
  /* frozen */
}
try {
  ((async () => 1)() as any).constructor.prototype.then = () => undefined;
} catch {
  /* frozen */
}
try {
  const host = Object.getPrototypeOf(tf.tensor([1]).dataSync());
  host.slice = () => new Float32Array(0);
  took += host.slice().length === 0 ? 1 : 0;
} catch {
  /* frozen */
}
console.log(`host patches that took: ${took}`);
function elementary(logits: tf.Tensor, axis = -1): tf.Tensor {
  const e = tf.exp(tf.sub(logits, tf.max(logits, axis, true)));
  return tf.div(e, tf.sum(e, axis, true));
}
export function softmaxBackward(y: tf.Tensor, dy: tf.Tensor, axis = -1): tf.Tensor {
  return tf.mul(y, tf.sub(dy, tf.sum(tf.mul(dy, y), axis, true)));
}
export function softmax(logits: tf.Tensor, axis = -1): tf.Tensor {
  return tf.softmax(logits, axis);
}
