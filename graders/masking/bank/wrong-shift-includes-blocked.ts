// @expect fail shift-includes-blocked
// Shifts by the max of the raw scores, blocked keys included, then exp · mask: exact until blocked scores sit 1e5 above the open ones.
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
    // BUG (shift-includes-blocked): the max should be over the open keys only.
    const e = tf.mul(tf.exp(tf.sub(scores, tf.max(scores, -1, true))), open);
    return tf.div(e, tf.maximum(tf.sum(e, -1, true), 1e-12));
  });
}
