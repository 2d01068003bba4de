// @expect fail non-finite-gradient
// Shifts by the max over open keys but takes exp of every score and masks afterwards: blocked scores 1e5 above it overflow to ∞, and ∞ · 0 is NaN on the way back.
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
    const open = tf.greater(tf.broadcastTo(mask, scores.shape), 0);
    const max = tf.max(tf.where(open, scores, tf.fill(scores.shape, -3.4e38)), -1, true);
    // BUG (non-finite-gradient): exp of blocked scores far above the max is ∞ on the discarded branch.
    const e = tf.where(open, tf.exp(tf.sub(scores, max)), tf.zerosLike(scores));
    return tf.div(e, tf.maximum(tf.sum(e, -1, true), 1e-12));
  });
}
