// @expect fail non-finite-gradient
// −∞ fill, with tf.where zeroing the fully masked rows afterwards: the forward values are right, but the NaN of −∞ − (−∞) comes back through where's gradient (0 · NaN).
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
    const filled = tf.where(open, scores, tf.fill(scores.shape, -Infinity));
    // BUG (non-finite-gradient): a fully masked row is NaN here; where hides it only in the forward pass.
    const e = tf.exp(tf.sub(filled, tf.max(filled, -1, true)));
    const kept = tf.where(open, e, tf.zerosLike(e));
    return tf.div(kept, tf.maximum(tf.sum(kept, -1, true), 1e-12));
  });
}
