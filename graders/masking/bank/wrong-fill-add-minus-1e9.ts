// @expect fail masked-row-not-zero
// An additive −1e9 never leaks, but a fully masked row has every score at ≈ −1e9 and comes out uniform.
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
    // BUG (masked-row-not-zero): nothing sets a row with no open key to zero.
    const biased = tf.add(scores, tf.mul(tf.sub(1, mask), -1e9));
    const e = tf.exp(tf.sub(biased, tf.max(biased, -1, true)));
    return tf.div(e, tf.sum(e, -1, true));
  });
}
