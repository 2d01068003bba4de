// @expect fail fill-minus-1000
// where(mask, scores, −1e4): real scores 3·10⁴ below zero are smaller than the fill, so blocked keys take the weight.
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
    // BUG (fill-minus-1000): −1e4 is not below every real score, and blocked keys are never zeroed.
    const filled = tf.where(tf.greater(open, 0), scores, tf.fill(scores.shape, -1e4));
    const e = tf.exp(tf.sub(filled, tf.max(filled, -1, true)));
    return tf.div(e, tf.sum(e, -1, true));
  });
}
