// @expect fail fill-minus-inf-nan
// Fills blocked scores with −Infinity: a fully masked row computes −∞ − (−∞) = NaN.
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
    // BUG (fill-minus-inf-nan): −Infinity instead of the most negative finite float32.
    const blocked = tf.fill(scores.shape, -Infinity);
    const filled = tf.where(tf.greater(open, 0), scores, blocked);
    const e = tf.mul(tf.exp(tf.sub(filled, tf.max(filled, -1, true))), open);
    return tf.div(e, tf.maximum(tf.sum(e, -1, true), 1e-12));
  });
}
