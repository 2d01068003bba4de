// @expect fail fill-minus-1000
// Replaces blocked scores by −1000 and never zeroes them: leaks when real scores are in the thousands.
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
    // BUG (fill-minus-1000): −1000 is not "very negative" next to scores of ±5000, and nothing zeroes the blocked keys.
    const blocked = tf.fill(scores.shape, -1000);
    const filled = tf.where(tf.greater(open, 0), scores, blocked);
    const e = tf.exp(tf.sub(filled, tf.max(filled, -1, true)));
    return tf.div(e, tf.sum(e, -1, true));
  });
}
