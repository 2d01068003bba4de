// @expect fail padding-off-by-one
// Marks positions ≤ length as real tokens (one too many).
import * as tf from "@tensorflow/tfjs";

export function paddingMask(lengths: number[], seqLen: number): tf.Tensor {
  return tf.tidy(() => {
    const positions = tf.range(0, seqLen).expandDims(0);
    const limits = tf.tensor1d(lengths).expandDims(1);
    // BUG (padding-off-by-one): ≤ where < belongs.
    return tf.cast(tf.lessEqual(positions, limits), "float32");
  });
}

export function causalMask(seqLen: number): tf.Tensor {
  return tf.tidy(() => tf.linalg.bandPart(tf.ones([seqLen, seqLen]), -1, 0));
}

export function maskedSoftmax(scores: tf.Tensor, mask: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const open = tf.broadcastTo(mask, scores.shape);
    const blocked = tf.fill(scores.shape, -3.4e38);
    const filled = tf.where(tf.greater(open, 0), scores, blocked);
    const e = tf.mul(tf.exp(tf.sub(filled, tf.max(filled, -1, true))), open);
    return tf.div(e, tf.maximum(tf.sum(e, -1, true), 1e-12));
  });
}
