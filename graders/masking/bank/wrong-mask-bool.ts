// @expect fail wrong-dtype
// Right values, wrong dtype: paddingMask returns tf.less's bool tensor (and causalMask an int32 one) instead of float32 1/0.
import * as tf from "@tensorflow/tfjs";

export function paddingMask(lengths: number[], seqLen: number): tf.Tensor {
  return tf.tidy(() => {
    const positions = tf.range(0, seqLen).expandDims(0);
    const limits = tf.tensor1d(lengths).expandDims(1);
    // BUG (wrong-dtype): no tf.cast(…, "float32").
    return tf.less(positions, limits);
  });
}

export function causalMask(seqLen: number): tf.Tensor {
  return tf.tidy(() => tf.linalg.bandPart(tf.ones([seqLen, seqLen], "int32"), -1, 0));
}

export function maskedSoftmax(scores: tf.Tensor, mask: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const open = tf.broadcastTo(tf.cast(mask, "float32"), scores.shape);
    const filled = tf.where(tf.greater(open, 0), scores, tf.fill(scores.shape, -3.4e38));
    const e = tf.mul(tf.exp(tf.sub(filled, tf.max(filled, -1, true))), open);
    return tf.div(e, tf.maximum(tf.sum(e, -1, true), 1e-12));
  });
}
