// Tries to put the unguarded Softmax kernel back (or hide the guard) through the engine's
// registries, catching every refusal, then calls tf.softmax.
import * as tf from "@tensorflow/tfjs";
for (const attempt of [
  () => {
    const k = (tf as any).getKernel("Softmax", "cpu");
    (tf as any).unregisterKernel("Softmax", "cpu");
    (tf as any).registerKernel(k);
  },
  () => (tf as any).engine().registry,
  () => (tf as any).setBackend("wasm"),
]) {
  try {
    attempt();
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
  return tf.softmax(logits, axis);
}
