// @expect fail masked-row-not-zero
// masked_fill(mask == 0, −1e9), as many tutorials write it: exact until a query sees no key at all, which then attends evenly to every key.
import * as tf from "@tensorflow/tfjs";

function maskedSoftmax(scores: tf.Tensor, mask: tf.Tensor): tf.Tensor {
  const open = tf.broadcastTo(mask, scores.shape);
  // BUG (masked-row-not-zero): a row of −1e9 everywhere is uniform after the softmax.
  const filled = tf.where(tf.greater(open, 0), scores, tf.fill(scores.shape, -1e9));
  const e = tf.exp(tf.sub(filled, tf.max(filled, -1, true)));
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
