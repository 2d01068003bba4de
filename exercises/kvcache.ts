/**
 * Exercise: one decoding step of causal multi-head attention with a KV cache —
 * how a GPT generates text token by token without recomputing the prefix.
 *
 * Run `npm run grade -- kvcache` (or press Run on the exercise page) to grade
 * this file. Conventions (the course's contract): weights are stored as
 * [d_in, d_out] and applied as x·W + b. Import only @tensorflow/tfjs — this
 * file stands alone, so copy your multi-head attention (and RoPE) in; keep it
 * synchronous; build results from tf ops so gradients reach xNew, the cache
 * and every weight; don't dispose or modify the inputs (return new cache
 * tensors); use tf.tidy so nothing leaks.
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
export interface KvCache {
  // [b, h, t, d_h]: keys of positions 0 … t−1, projected, split, rotated
  k: tf.Tensor;
  // [b, h, t, d_h]: values of positions 0 … t−1, projected and split
  v: tf.Tensor;
}
export interface DecodeOptions {
  // defaults 10000, "interleaved"
  rope?: { base?: number; style?: "interleaved" | "half" };
}

/**
 * @param xNew     [b, n, d]: n ≥ 1 new tokens at positions t … t+n−1, causal
 *                 among themselves (new token i sees the cache and new tokens
 *                 0 … i)
 * @param cache    { k, v } of shape [b, h, t, d_h]; t = 0 (an empty cache) is
 *                 allowed
 * @param w        the four projections and optional biases, as in multi-head
 *                 attention
 * @param numHeads h, with d_h = d / h
 * @param options.rope when given, rotate the new queries and keys (not the
 *                 values) at positions t … t+n−1, with the `rope` exercise's
 *                 base and style
 * @returns output [b, n, d] — rows t … t+n−1 of causal multi-head attention
 *          over the whole sequence — and the grown cache { k, v } of shape
 *          [b, h, t+n, d_h]
 *
 * The grader checks outputs, the returned cache and gradients (xNew, cache,
 * every weight) against float64 references, that decoding one token at a time
 * from an empty cache gives the one-call result row by row and the same cache,
 * and that no token sees its future.
 */
export function decodeStep(
  xNew: tf.Tensor,
  cache: KvCache,
  w: MhaWeights,
  numHeads: number,
  options: DecodeOptions = {},
): { output: tf.Tensor; cache: KvCache } {
  throw new Error("not implemented");
}
