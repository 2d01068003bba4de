// @expect pass
// Scales q before the product, transposes k explicitly, and masks additively with the most negative float.
import * as tf from "@tensorflow/tfjs";

export function scaledDotProductAttention(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, mask?: tf.Tensor) {
  return tf.tidy(() => {
    const r = k.rank;
    const perm = [...Array(r - 2).keys(), r - 1, r - 2];
    const scores = tf.matMul(tf.div(q, Math.sqrt(q.shape[q.rank - 1])), tf.transpose(k, perm));
    let weights: tf.Tensor;
    if (mask) {
      const biased = tf.add(scores, tf.mul(tf.sub(1, mask), -3e38));
      const e = tf.mul(tf.exp(tf.sub(biased, tf.max(biased, -1, true))), mask);
      weights = tf.div(e, tf.maximum(tf.sum(e, -1, true), 1e-12));
    } else {
      weights = tf.exp(tf.sub(scores, tf.logSumExp(scores, -1, true)));
    }
    return { output: tf.matMul(weights, v), weights };
  });
}
