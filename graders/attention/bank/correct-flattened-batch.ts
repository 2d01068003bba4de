// @expect pass
// Flattens all batch axes into one, works on rank-3 tensors, and restores the shapes at the end.
import * as tf from "@tensorflow/tfjs";

export function scaledDotProductAttention(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, mask?: tf.Tensor) {
  return tf.tidy(() => {
    const batch = q.shape.slice(0, -2);
    const [lq, dk] = q.shape.slice(-2);
    const lk = k.shape[k.rank - 2];
    const dv = v.shape[v.rank - 1];
    const n = batch.reduce((a, b) => a * b, 1);
    const q3 = tf.reshape(q, [n, lq, dk]);
    const k3 = tf.reshape(k, [n, lk, dk]);
    const v3 = tf.reshape(v, [n, lk, dv]);
    let scores = tf.mul(tf.matMul(q3, k3, false, true), 1 / Math.sqrt(dk));
    let open: tf.Tensor | null = null;
    if (mask) {
      open = tf.reshape(tf.broadcastTo(mask, [...batch, lq, lk]), [n, lq, lk]);
      scores = tf.where(tf.greater(open, 0), scores, tf.fill(scores.shape, -1e38));
    }
    let e = tf.exp(tf.sub(scores, tf.max(scores, -1, true)));
    if (open) e = tf.mul(e, open);
    const w3 = tf.div(e, tf.maximum(tf.sum(e, -1, true), 1e-9));
    return { output: tf.reshape(tf.matMul(w3, v3), [...batch, lq, dv]), weights: tf.reshape(w3, [...batch, lq, lk]) };
  });
}
