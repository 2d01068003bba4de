// @expect fail scale-wrong-axis
// Reads d_k as k.shape[1]: for rank 3 that is Lk, a sequence length, not the width of q and k.
import * as tf from "@tensorflow/tfjs";

function maskedSoftmax(scores: tf.Tensor, mask: tf.Tensor): tf.Tensor {
  const open = tf.broadcastTo(mask, scores.shape);
  const filled = tf.where(tf.greater(open, 0), scores, tf.fill(scores.shape, -3.4e38));
  const e = tf.mul(tf.exp(tf.sub(filled, tf.max(filled, -1, true))), open);
  return tf.div(e, tf.maximum(tf.sum(e, -1, true), 1e-12));
}

function softmaxLastAxis(scores: tf.Tensor): tf.Tensor {
  const e = tf.exp(tf.sub(scores, tf.max(scores, -1, true)));
  return tf.div(e, tf.sum(e, -1, true));
}

export function scaledDotProductAttention(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, mask?: tf.Tensor): { output: tf.Tensor; weights: tf.Tensor } {
  return tf.tidy(() => {
    // BUG (scale-wrong-axis): axis 1 of k is the key axis in rank 3 (and the heads in rank 4).
    const dk = k.shape[1];
    const scores = tf.div(tf.matMul(q, k, false, true), Math.sqrt(dk));
    const weights = mask ? maskedSoftmax(scores, mask) : softmaxLastAxis(scores);
    return { output: tf.matMul(weights, v), weights };
  });
}
