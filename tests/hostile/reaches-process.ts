// Looks for `process` (and through it the IPC channel) on every path it can think of,
// swallows each refusal, and then computes a correct softmax: the attempt alone must fail it.
import * as tf from "@tensorflow/tfjs";
const routes: Record<string, () => unknown> = {
  global: () => (globalThis as any).process.send({ type: "done", token: "x" }),
  sloppyThis: () =>
    (function (this: any) {
      return this;
    })()?.process?.channel,
  tfEnvGlobal: () => (tf as any).env().global.process.binding("spawn_sync"),
  tfEngine: () => (tf as any).engine().backend,
  constructorChain: () => (tf.tensor([1]).shape as any).constructor.constructor("return process")(),
  errorStack: () => {
    (Error as any).prepareStackTrace = (_e: unknown, s: any[]) => s.map((f) => f.getThis());
    return (new Error() as any).stack;
  },
};
for (const [name, route] of Object.entries(routes)) {
  try {
    route();
  } catch {
    /* swallowed on purpose: the attempt must still count */
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
