// @expect fail fill-minus-1000
// scores + (1 − mask)·(−1e4): blocked scores 10⁵ above the real ones stay above them.
import * as tf from "@tensorflow/tfjs";

function maskedSoftmax(scores: tf.Tensor, mask: tf.Tensor): tf.Tensor {
  // BUG (fill-minus-1000): an additive −1e4 is not enough once scores reach ±1e5.
  const biased = tf.add(scores, tf.mul(tf.sub(1, mask), -1e4));
  const e = tf.exp(tf.sub(biased, tf.max(biased, -1, true)));
  return tf.div(e, tf.sum(e, -1, true));
}

function softmaxLastAxis(scores: tf.Tensor): tf.Tensor {
  const e = tf.exp(tf.sub(scores, tf.max(scores, -1, true)));
  return tf.div(e, tf.sum(e, -1, true));
}

export function scaledDotProductAttention(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, mask?: tf.Tensor): { output: tf.Tensor; weights: tf.Tensor } {
  return tf.tidy(() => {
    const dk = q.shape[q.shape.length - 1];
    const scores = tf.div(tf.matMul(q, k, false, true), Math.sqrt(dk));
    const weights = mask ? maskedSoftmax(scores, mask) : softmaxLastAxis(scores);
    return { output: tf.matMul(weights, v), weights };
  });
}
