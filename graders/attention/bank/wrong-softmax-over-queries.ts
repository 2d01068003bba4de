// @expect fail softmax-over-queries
// Normalises over the query axis (−2) instead of the keys, with or without a mask.
import * as tf from "@tensorflow/tfjs";

// BUG (softmax-over-queries): every reduction below runs over axis −2 (queries).
function maskedSoftmax(scores: tf.Tensor, mask: tf.Tensor): tf.Tensor {
  const open = tf.broadcastTo(mask, scores.shape);
  const filled = tf.where(tf.greater(open, 0), scores, tf.fill(scores.shape, -3.4e38));
  const e = tf.mul(tf.exp(tf.sub(filled, tf.max(filled, -2, true))), open);
  return tf.div(e, tf.maximum(tf.sum(e, -2, true), 1e-12));
}

function softmaxLastAxis(scores: tf.Tensor): tf.Tensor {
  const e = tf.exp(tf.sub(scores, tf.max(scores, -2, true)));
  return tf.div(e, tf.sum(e, -2, true));
}

export function scaledDotProductAttention(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, mask?: tf.Tensor): { output: tf.Tensor; weights: tf.Tensor } {
  return tf.tidy(() => {
    const dk = q.shape[q.shape.length - 1];
    const scores = tf.div(tf.matMul(q, k, false, true), Math.sqrt(dk));
    const weights = mask ? maskedSoftmax(scores, mask) : softmaxLastAxis(scores);
    return { output: tf.matMul(weights, v), weights };
  });
}
