// @expect fail fill-minus-1000
// Replaces blocked scores by −1000 and never zeroes them: leaks when real scores are far below −1000.
import * as tf from "@tensorflow/tfjs";

function maskedSoftmax(scores: tf.Tensor, mask: tf.Tensor): tf.Tensor {
  const open = tf.broadcastTo(mask, scores.shape);
  // BUG (fill-minus-1000): −1000 fill, blocked keys never zeroed.
  const filled = tf.where(tf.greater(open, 0), scores, tf.fill(scores.shape, -1000));
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
