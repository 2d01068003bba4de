// @expect pass
// Masks from broadcast comparisons of tf.range; masked softmax with tf.where and a ratio guard.
import * as tf from "@tensorflow/tfjs";

export function paddingMask(lengths: number[], seqLen: number): tf.Tensor {
  return tf.tidy(() => tf.cast(tf.greater(tf.tensor2d(lengths, [lengths.length, 1]), tf.range(0, seqLen).reshape([1, seqLen])), "float32"));
}

export function causalMask(seqLen: number): tf.Tensor {
  return tf.tidy(() => {
    const q = tf.range(0, seqLen).reshape([seqLen, 1]);
    const k = tf.range(0, seqLen).reshape([1, seqLen]);
    return tf.cast(tf.lessEqual(k, q), "float32");
  });
}

export function maskedSoftmax(scores: tf.Tensor, mask: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const open = tf.greater(tf.broadcastTo(mask, scores.shape), 0.5);
    const lowest = tf.fill(scores.shape, -3.4028234663852886e38);
    const kept = tf.where(open, scores, lowest);
    const e = tf.where(open, tf.exp(tf.sub(kept, tf.max(kept, -1, true))), tf.zerosLike(scores));
    return tf.div(e, tf.maximum(tf.sum(e, -1, true), 1e-6));
  });
}
