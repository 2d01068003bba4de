// @expect fail mask-after-softmax
// Softmax over every key, then multiplies by the mask without renormalising (rows no longer sum to 1).
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
    // BUG (mask-after-softmax): the blocked keys still take their share of the normaliser.
    const e = tf.exp(tf.sub(scores, tf.max(scores, -1, true)));
    return tf.mul(tf.div(e, tf.sum(e, -1, true)), mask);
  });
}
