/**
 * Reference solution: padding and causal masks, and a softmax that respects them.
 * Convention (the course's contract): 1 = attend, 0 = blocked; masks broadcast against scores.
 */
import * as tf from "@tensorflow/tfjs";

/** [batch, seqLen]: position k of sequence b is real when k < lengths[b]. */
export function paddingMask(lengths: number[], seqLen: number): tf.Tensor {
  return tf.tidy(() => {
    const positions = tf.range(0, seqLen).expandDims(0); // [1, seqLen]
    const limits = tf.tensor1d(lengths).expandDims(1); // [batch, 1]
    return tf.cast(tf.less(positions, limits), "float32");
  });
}

/** [seqLen, seqLen], row = query, column = key: query q may see key k when k ≤ q. */
export function causalMask(seqLen: number): tf.Tensor {
  // bandPart(ones, -1, 0) keeps the lower triangle, diagonal included.
  return tf.tidy(() => tf.linalg.bandPart(tf.ones([seqLen, seqLen]), -1, 0));
}

/**
 * Softmax over the last axis, over the open keys only.
 *
 * Vaswani et al. (2017, §3.2.3) describe masking as "setting to −∞" the illegal inputs of
 * the softmax. That is fine on paper and in a causal decoder, where every query sees at
 * least itself; with padding a row can have no open key at all, and −∞ − (−∞) is NaN.
 *
 * Three traps, and why this code avoids each:
 * - "add −1000 to blocked scores" leaks as soon as real scores are in the thousands; we
 *   replace blocked scores by the most negative float32 instead, with tf.where;
 * - the where-condition is built from the mask alone — a comparison of a tensor on the
 *   scores' gradient path would make tf.grad fail (comparisons have no gradient in tfjs);
 * - a row with every key blocked would be uniform (all equal scores) or NaN (with −∞); we
 *   multiply the exponentials by the mask, so that row is exactly 0, and divide by
 *   max(sum, 1e-12): after the max shift a non-empty row sums to ≥ 1, so the guard only acts
 *   on empty rows — and 1e-12 (unlike a denormal ε) keeps the backward pass finite.
 */
export function maskedSoftmax(scores: tf.Tensor, mask: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const open = tf.broadcastTo(mask, scores.shape);
    const blocked = tf.fill(scores.shape, -3.4e38);
    const filled = tf.where(tf.greater(open, 0), scores, blocked);
    const e = tf.mul(tf.exp(tf.sub(filled, tf.max(filled, -1, true))), open);
    return tf.div(e, tf.maximum(tf.sum(e, -1, true), 1e-12));
  });
}
