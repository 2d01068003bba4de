// @expect fail fill-minus-1000
// The common "scores + (1 − mask)·(−1e4)": fine at everyday scales, leaks once blocked scores sit 1e5 above the real ones.
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
    // BUG (fill-minus-1000): an additive −1e4 only pushes blocked scores down by 1e4.
    const biased = tf.add(scores, tf.mul(tf.sub(1, mask), -1e4));
    const e = tf.exp(tf.sub(biased, tf.max(biased, -1, true)));
    return tf.div(e, tf.sum(e, -1, true));
  });
}
