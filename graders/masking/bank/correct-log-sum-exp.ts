// @expect pass
// exp(s − logsumexp(s)) over the open keys: the normaliser as a log, with log(max(sum, 1e-30)) so an empty row stays finite (its exponentials are multiplied by 0).
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
    const filled = tf.where(tf.greater(open, 0), scores, tf.fill(scores.shape, -3.4e38));
    const z = tf.sub(filled, tf.max(filled, -1, true));
    const logSum = tf.log(tf.maximum(tf.sum(tf.mul(tf.exp(z), open), -1, true), 1e-30));
    return tf.mul(tf.exp(tf.sub(z, logSum)), open);
  });
}
