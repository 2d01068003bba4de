/**
 * Exercise: scaled dot-product attention, softmax(q·kᵀ / √d_k) · v.
 *
 * Run `npm run grade -- attention` (or press Run on the exercise page) to grade this file.
 * Conventions (the course's contract): masks are 1 = attend, 0 = blocked, broadcast against
 * the scores. Import only @tensorflow/tfjs (this file stands alone: copy what you need from
 * your masking solution); build results from tf ops; don't dispose or modify the inputs.
 */
import * as tf from "@tensorflow/tfjs";

/**
 * @param q    [..., Lq, d_k]
 * @param k    [..., Lk, d_k]
 * @param v    [..., Lk, d_v]
 * @param mask optional, broadcastable to [..., Lq, Lk]
 * @returns    output [..., Lq, d_v] and weights [..., Lq, Lk] (each row sums to 1, blocked
 *             keys exactly 0, a fully blocked row all zeros)
 *
 * Lq ≠ Lk and d_k ≠ d_v are both allowed (cross-attention). Which dimension goes under the
 * square root — and why that one?
 */
export function scaledDotProductAttention(
  q: tf.Tensor,
  k: tf.Tensor,
  v: tf.Tensor,
  mask?: tf.Tensor,
): { output: tf.Tensor; weights: tf.Tensor } {
  throw new Error("not implemented");
}
