/**
 * Exercise: multi-head attention (Vaswani et al. 2017, §3.2.2).
 *
 * Run `npm run grade -- mha` (or press Run on the exercise page) to grade this
 * file. Conventions (the course's contract): weights are stored as
 * [d_in, d_out] and applied as x·W + b (not PyTorch's nn.Linear layout, x·Wᵀ);
 * masks are 1 = attend, 0 = blocked and broadcast against [b, h, Lq, Lk].
 * Import only `@tensorflow/tfjs` — this file stands alone, so copy your
 * attention (and masked softmax) in; keep it synchronous; build results from tf
 * ops so gradients reach the inputs and every weight; don't dispose or modify
 * the inputs.
 */
import * as tf from "@tensorflow/tfjs";

export interface MhaWeights {
  wq: tf.Tensor; // [d, d]
  wk: tf.Tensor; // [d, d]
  wv: tf.Tensor; // [d, d]
  wo: tf.Tensor; // [d, d]
  bq?: tf.Tensor; // [d], optional
  bk?: tf.Tensor; // [d], optional
  bv?: tf.Tensor; // [d], optional
  bo?: tf.Tensor; // [d], optional
}

/**
 * [b, L, d] → [b, h, L, d/h]: head j holds features j·d/h … (j+1)·d/h − 1 of
 * every position. Careful: a reshape alone gives the right shape and the wrong
 * contents. Write out where element [0, 1, 0] of the input should land for
 * d = 4, h = 2.
 */
export function splitHeads(x: tf.Tensor, numHeads: number): tf.Tensor {
  throw new Error("not implemented");
}

/**
 * [b, h, L, d/h] → [b, L, d]: the exact inverse of splitHeads (same trap,
 * backwards).
 */
export function mergeHeads(x: tf.Tensor): tf.Tensor {
  throw new Error("not implemented");
}

/**
 * @param query    [b, Lq, d]; key and value [b, Lk, d] (self-attention passes
 *                 the same tensor three times; cross-attention passes decoder
 *                 states as the query and the encoder output as key and value)
 * @param w        the four projections and optional biases (any of bq, bk, bv,
 *                 bo may be absent)
 * @param numHeads h; throw an Error when d is not divisible by h — check it
 *                 before any work
 * @param mask     optional, broadcastable to [b, h, Lq, Lk] (e.g. [b, 1, 1, Lk]
 *                 or [Lq, Lk])
 * @returns        output [b, Lq, d] (after the output projection W_O, b_O) and
 *                 weights [b, h, Lq, Lk] (every head's attention weights, not
 *                 an average)
 *
 * Each head attends in d/h dimensions: what does that mean for the scale? The
 * grader checks outputs and weights, gradients with respect to query, key,
 * value and all eight weights, self- and cross-attention, one head, a padding
 * and a causal mask, and the error.
 */
export function multiHeadAttention(
  query: tf.Tensor,
  key: tf.Tensor,
  value: tf.Tensor,
  w: MhaWeights,
  numHeads: number,
  mask?: tf.Tensor,
): { output: tf.Tensor; weights: tf.Tensor } {
  throw new Error("not implemented");
}
