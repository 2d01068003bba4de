/**
 * Exercise: multi-head attention.
 *
 * Run `npm run grade -- mha` (or press Run on the exercise page) to grade this file.
 * Conventions (the course's contract): weights are stored as [d_in, d_out] and applied as
 * x·W + b (not PyTorch's x·Wᵀ); masks are 1 = attend, 0 = blocked and broadcast against
 * [b, h, Lq, Lk]. Import only @tensorflow/tfjs (this file stands alone); build results from tf
 * ops so gradients reach every weight; don't dispose or modify the inputs.
 */
import * as tf from "@tensorflow/tfjs";

export interface MhaWeights {
  wq: tf.Tensor; // [d, d]
  wk: tf.Tensor; // [d, d]
  wv: tf.Tensor; // [d, d]
  wo: tf.Tensor; // [d, d]
  bq?: tf.Tensor; // [d], optional
  bk?: tf.Tensor;
  bv?: tf.Tensor;
  bo?: tf.Tensor;
}

/**
 * [b, L, d] → [b, h, L, d/h]: head j holds features j·d/h … (j+1)·d/h − 1 of every position.
 * Careful: a reshape alone does not do this.
 */
export function splitHeads(x: tf.Tensor, numHeads: number): tf.Tensor {
  throw new Error("not implemented");
}

/** [b, h, L, d/h] → [b, L, d]: the exact inverse of splitHeads. */
export function mergeHeads(x: tf.Tensor): tf.Tensor {
  throw new Error("not implemented");
}

/**
 * @param query [b, Lq, d]; key and value [b, Lk, d] (self-attention passes the same tensor
 *              three times; cross-attention passes decoder states and the encoder output)
 * @param w     the four projections and optional biases
 * @param numHeads h; throw an Error when d is not divisible by h
 * @param mask  optional, broadcastable to [b, h, Lq, Lk]
 * @returns     output [b, Lq, d] (after the output projection) and weights [b, h, Lq, Lk]
 *              (every head's attention weights, not an average)
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
