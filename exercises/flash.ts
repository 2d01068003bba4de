/**
 * Exercise: tiled attention with an online softmax — the idea behind
 * FlashAttention (Dao et al. 2022).
 *
 * Run `npm run grade -- flash` (or press Run on the exercise page) to grade
 * this file. Import only @tensorflow/tfjs; keep it synchronous; build the
 * result from tf ops so gradients reach q, k and v; don't dispose or modify
 * the inputs; use tf.tidy so nothing leaks.
 */
import * as tf from "@tensorflow/tfjs";

export interface TiledOptions {
  blockSize: number; // keys per block
  causal?: boolean; // default false; query i sees keys 0 … i (needs Lq = Lk)
}

/**
 * Exact attention, softmax(q·kᵀ/√d_k)·v, computed over blocks of blockSize
 * keys with an online softmax: keep, for every query row, the running max m,
 * the running sum ℓ of exp(score − m) and the unnormalised output; when a
 * block raises the max, rescale what you accumulated before adding the block.
 * Divide by ℓ at the end.
 *
 * @param q [..., Lq, d_k]; k [..., Lk, d_k]; v [..., Lk, d_v]
 *          (same leading axes)
 * @returns [..., Lq, d_v]
 *
 * Throw an Error when causal is true and Lq ≠ Lk. Never create a tensor of
 * B·Lq·Lk elements or more (B = the product of the leading axes): the grader
 * measures the largest tensor your call creates. It also checks outputs and
 * gradients against plain attention, blocks whose maxima rise, a last block
 * shorter than blockSize, rank 4, and causal masks.
 */
export function tiledAttention(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, options: TiledOptions): tf.Tensor {
  throw new Error("not implemented");
}
