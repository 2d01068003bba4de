// @expect pass
// A fresh port of the math in PyTorch's documented reference for F.scaled_dot_product_attention: an additive attn_bias, scale_factor multiplied in, key.transpose(-2, -1) spelled as a transpose; the −inf bias becomes the most negative float32 and the weights are zeroed on blocked keys, as this course's contract requires.
import * as tf from "@tensorflow/tfjs";

export function scaledDotProductAttention(query: tf.Tensor, key: tf.Tensor, value: tf.Tensor, attnMask?: tf.Tensor): { output: tf.Tensor; weights: tf.Tensor } {
  return tf.tidy(() => {
    const rank = key.rank;
    const scaleFactor = 1 / Math.sqrt(query.shape[rank - 1]);
    const perm = [...Array(rank).keys()];
    [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1], perm[rank - 2]];
    let attnWeight = tf.mul(tf.matMul(query, tf.transpose(key, perm)), scaleFactor);
    const open = attnMask ? tf.broadcastTo(attnMask, attnWeight.shape) : tf.onesLike(attnWeight);
    // attn_bias: 0 where attending, the most negative float32 where blocked (PyTorch uses −inf).
    const attnBias = tf.mul(tf.sub(1, open), -3.4e38);
    attnWeight = tf.add(attnWeight, attnBias);
    const e = tf.mul(tf.exp(tf.sub(attnWeight, tf.max(attnWeight, -1, true))), open);
    // A query with no open key keeps all-zero weights instead of PyTorch's NaN row.
    const weights = tf.div(e, tf.maximum(tf.sum(e, -1, true), 1e-12));
    return { output: tf.matMul(weights, value), weights };
  });
}
