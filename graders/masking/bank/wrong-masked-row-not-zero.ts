// @expect fail masked-row-not-zero
// Fills blocked scores with −1e9 (exact for partly masked rows) but never zeroes them: a fully masked row comes out uniform.
import * as tf from "@tensorflow/tfjs";

export function paddingMask(lengths: number[], seqLen: number): tf.Tensor {
  return tf.tidy(() => {
    const positions = tf.range(0, seqLen).expandDims(0);
    const limits = tf.tensor1d(lengths).expandDims(1);
    return tf.cast(tf.less(positions, limits), "float32");
  });
}

export function causalMask(seqLen: number): tf.Tensor {
  return tf.tidy(() => tf.linalg.bandPart(tf.ones([seqLen, seqLen]), -1, 0));
}

export function maskedSoftmax(scores: tf.Tensor, mask: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const open = tf.broadcastTo(mask, scores.shape);
    const blocked = tf.fill(scores.shape, -1e9);
    const filled = tf.where(tf.greater(open, 0), scores, blocked);
    // BUG (masked-row-not-zero): no multiplication by the mask: when every key is blocked, all fills are equal and the row is uniform.
    const e = tf.exp(tf.sub(filled, tf.max(filled, -1, true)));
    return tf.div(e, tf.sum(e, -1, true));
  });
}
