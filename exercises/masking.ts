/**
 * Exercise: padding and causal masks, and a masked softmax.
 *
 * Run `npm run grade -- masking` (or press Run on the exercise page) to grade
 * this file. Conventions (the course's contract): masks are float32 tensors of
 * 1 (attend) and 0 (blocked), and broadcast against the scores (NumPy rules).
 * Import only `@tensorflow/tfjs`; keep it synchronous; build results from tf
 * ops; don't dispose or modify the inputs; use tf.tidy so no intermediate
 * tensor leaks.
 */
import * as tf from "@tensorflow/tfjs";

/**
 * A padding mask for a batch of sequences padded to `seqLen`.
 *
 * @returns [batch, seqLen], float32: 1 where position < lengths[b] (a real
 *          token), 0 for padding. Example: paddingMask([2, 0], 3) → [[1, 1, 0],
 *          [0, 0, 0]].
 *
 * Positions count from 0: a sequence of length 3 has real tokens at 0, 1 and 2
 * only. A length of 0 is allowed (the row is all zeros).
 */
export function paddingMask(lengths: number[], seqLen: number): tf.Tensor {
  throw new Error("not implemented");
}

/**
 * A causal (look-ahead) mask for a decoder.
 *
 * @returns [seqLen, seqLen], float32, rows = queries and columns = keys: 1
 *          where the key's position ≤ the query's position (the past and the
 *          token itself), 0 above the diagonal (the future). causalMask(1) is
 *          [[1]].
 *
 * Check your orientation on a 3 × 3 example: which entry of row 0 is 1?
 */
export function causalMask(seqLen: number): tf.Tensor {
  throw new Error("not implemented");
}

/**
 * Softmax over the last axis of `scores`, over the keys the mask leaves open.
 *
 * @param scores [..., Lq, Lk]
 * @param mask   broadcastable to `scores` (e.g. [batch, 1, Lk], [Lq, Lk],
 *               [b, 1, 1, Lk]); 1 = attend, 0 = blocked
 * @returns      same shape as scores: each row sums to 1 over its open keys;
 *               blocked keys get exactly 0; a row whose keys are all blocked is
 *               all zeros — not uniform, not NaN — and its gradient is finite
 *
 * What the grader checks: values (padding, causal and rank-4 broadcasts),
 * gradients with respect to the scores, that blocked keys are exactly 0, and
 * that changing a blocked score changes nothing. Three traps:
 * - it uses scores in the thousands, so "add −1000 to blocked scores" is not
 *   enough;
 * - −Infinity makes a fully blocked row compute −∞ − (−∞) = NaN;
 * - tf.grad goes through this function, and comparisons (tf.greater,
 *   tf.equal, …) have no gradient in tfjs: build any condition from the mask,
 *   never from the scores.
 */
export function maskedSoftmax(scores: tf.Tensor, mask: tf.Tensor): tf.Tensor {
  throw new Error("not implemented");
}
