// @expect pass
// Additive masking with the most negative float32 (not −1000), masks from tf.buffer loops, explicit zeroing of blocked keys.
import * as tf from "@tensorflow/tfjs";

export function paddingMask(lengths: number[], seqLen: number): tf.Tensor {
  const b = tf.buffer([lengths.length, seqLen], "float32");
  lengths.forEach((len, i) => {
    for (let k = 0; k < Math.min(len, seqLen); k++) b.set(1, i, k);
  });
  return b.toTensor();
}

export function causalMask(seqLen: number): tf.Tensor {
  const b = tf.buffer([seqLen, seqLen], "float32");
  for (let q = 0; q < seqLen; q++) for (let k = 0; k <= q; k++) b.set(1, q, k);
  return b.toTensor();
}

export function maskedSoftmax(scores: tf.Tensor, mask: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    // (1 − mask)·(−3e38) is −3e38 on blocked keys: exp underflows to 0 whatever the real scores.
    const biased = tf.add(scores, tf.mul(tf.sub(1, mask), -3e38));
    const e = tf.mul(tf.exp(tf.sub(biased, tf.max(biased, -1, true))), mask);
    const sum = tf.sum(e, -1, true);
    // Rows with no open key have sum 0: add 1 there so they divide to exactly 0.
    return tf.div(e, tf.add(sum, tf.cast(tf.equal(tf.sum(tf.broadcastTo(mask, scores.shape), -1, true), 0), "float32")));
  });
}
