/**
 * Exercise: padding and causal masks, and a masked softmax.
 *
 * Run `npm run grade -- masking` (or press Run on the exercise page) to grade this file.
 * Conventions (the course's contract): masks are float tensors of 1 (attend) and 0 (blocked)
 * and broadcast against the scores. Import only @tensorflow/tfjs; build results from tf ops;
 * don't dispose or modify the inputs.
 */
import * as tf from "@tensorflow/tfjs";

/**
 * A padding mask for a batch of sequences padded to `seqLen`.
 *
 * @returns [batch, seqLen]: 1 where position < lengths[b] (a real token), 0 for padding.
 * Example: paddingMask([2, 0], 3) → [[1, 1, 0], [0, 0, 0]].
 */
export function paddingMask(lengths: number[], seqLen: number): tf.Tensor {
  throw new Error("not implemented");
}

/**
 * A causal (look-ahead) mask.
 *
 * @returns [seqLen, seqLen] with rows = queries and columns = keys: 1 where the key's
 *          position ≤ the query's position, 0 above the diagonal.
 */
export function causalMask(seqLen: number): tf.Tensor {
  throw new Error("not implemented");
}

/**
 * Softmax over the last axis of `scores`, over the keys the mask leaves open.
 *
 * @param scores [..., Lq, Lk]
 * @param mask   broadcastable to `scores` (e.g. [batch, 1, Lk] or [Lq, Lk]); 1 = attend
 * @returns      same shape as scores; blocked keys get exactly 0; a row whose keys are all
 *               blocked is all zeros (and its gradient is finite)
 *
 * The grader uses scores in the thousands: "add −1000 to blocked scores" is not enough. And
 * tf.grad goes through this function: comparisons (tf.greater, tf.equal…) have no gradient
 * in tfjs, so build any condition from the mask, never from the scores.
 */
export function maskedSoftmax(scores: tf.Tensor, mask: tf.Tensor): tf.Tensor {
  throw new Error("not implemented");
}
