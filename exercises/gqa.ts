/**
 * Exercise: grouped-query attention, GQA (Ainslie et al. 2023) — the attention
 * of LLaMA 2 70B, LLaMA 3 and Mistral.
 *
 * Run `npm run grade -- gqa` (or press Run on the exercise page) to grade this
 * file. Conventions (the course's contract): weights are stored as
 * [d_in, d_out] and applied as x·W + b; masks are 1 = attend, 0 = blocked and
 * broadcast against [b, h, Lq, Lk]. Import only @tensorflow/tfjs — this file
 * stands alone, so copy your multi-head attention in; keep it synchronous;
 * build results from tf ops so gradients reach the inputs and every weight;
 * don't dispose or modify the inputs; use tf.tidy so nothing leaks.
 */
import * as tf from "@tensorflow/tfjs";

export interface GqaWeights {
  wq: tf.Tensor; // [d, d]
  wk: tf.Tensor; // [d, numKvHeads·d_h], d_h = d / numHeads
  wv: tf.Tensor; // [d, numKvHeads·d_h]
  wo: tf.Tensor; // [d, d]
  bq?: tf.Tensor; // [d], optional
  bk?: tf.Tensor; // [numKvHeads·d_h], optional
  bv?: tf.Tensor; // [numKvHeads·d_h], optional
  bo?: tf.Tensor; // [d], optional
}

/**
 * Multi-head attention in which numKvHeads key/value heads serve numHeads
 * query heads. numKvHeads = numHeads is plain MHA; numKvHeads = 1 is
 * multi-query attention (MQA).
 *
 * @param query      [b, Lq, d]; key and value [b, Lk, d]
 * @param w          wq, wo [d, d]; wk, wv [d, numKvHeads·d_h]; biases optional
 * @param numHeads   h query heads of width d_h = d / h
 * @param numKvHeads the key/value heads; query head j uses KV head
 *                   ⌊j·numKvHeads/numHeads⌋ (repeat-interleave, as LLaMA's
 *                   repeat_kv: for 4 query heads over 2 KV heads, KV heads
 *                   0, 0, 1, 1 — not 0, 1, 0, 1)
 * @param mask       optional, broadcastable to [b, h, Lq, Lk]
 * @returns          output [b, Lq, d] and weights [b, h, Lq, Lk] (one map per
 *                   query head)
 *
 * Throw an Error unless numHeads is divisible by numKvHeads and d by numHeads.
 * The grader checks outputs, weights and gradients for the inputs and every
 * weight, that it equals MHA when numKvHeads = numHeads, MQA with one KV head,
 * the head order, and the errors.
 */
export function groupedQueryAttention(
  query: tf.Tensor,
  key: tf.Tensor,
  value: tf.Tensor,
  w: GqaWeights,
  numHeads: number,
  numKvHeads: number,
  mask?: tf.Tensor,
): { output: tf.Tensor; weights: tf.Tensor } {
  throw new Error("not implemented");
}
