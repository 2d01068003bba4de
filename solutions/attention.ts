/**
 * Reference solution: scaled dot-product attention (Vaswani et al. 2017, §3.2.1).
 */
import * as tf from "@tensorflow/tfjs";

/**
 * Softmax over the last axis with blocked keys at exactly zero and fully-blocked rows at
 * zero (see the masking exercise for why each step is there).
 */
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

/**
 * q [..., Lq, d_k], k [..., Lk, d_k], v [..., Lk, d_v] → output [..., Lq, d_v], weights [..., Lq, Lk].
 *
 * Why √d_k: if the components of q and k are independent with mean 0 and variance 1, then
 * q·k has variance d_k; dividing by √d_k brings the logits back to unit variance, so the
 * softmax does not saturate (and its gradient does not vanish) as d_k grows.
 */
export function scaledDotProductAttention(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, mask?: tf.Tensor): { output: tf.Tensor; weights: tf.Tensor } {
  return tf.tidy(() => {
    const dk = q.shape[q.shape.length - 1];
    // matMul(q, k, false, true) contracts q's last axis with k's last axis: q·kᵀ for every batch entry.
    const scores = tf.div(tf.matMul(q, k, false, true), Math.sqrt(dk));
    // The softmax runs over the keys (last axis): each query distributes one unit of attention.
    const weights = mask ? maskedSoftmax(scores, mask) : softmaxLastAxis(scores);
    return { output: tf.matMul(weights, v), weights };
  });
}
