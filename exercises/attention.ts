/**
 * Exercise: scaled dot-product attention, softmax(q·kᵀ / √d_k) · v (Vaswani
 * et al. 2017, §3.2.1).
 *
 * Run `npm run grade -- attention` (or press Run on the exercise page) to grade
 * this file. Conventions (the course's contract): masks are 1 = attend,
 * 0 = blocked, and broadcast against the scores [..., Lq, Lk]. Import only
 * `@tensorflow/tfjs` — this file stands alone, so copy what you need from your
 * softmax and masking solutions; keep it synchronous; build results from tf
 * ops; don't dispose or modify the inputs; use tf.tidy so nothing leaks.
 */
import * as tf from "@tensorflow/tfjs";

/**
 * @param q    [..., Lq, d_k] queries
 * @param k    [..., Lk, d_k] keys
 * @param v    [..., Lk, d_v] values
 * @param mask optional, broadcastable to [..., Lq, Lk] (e.g. [batch, 1, Lk] or
 *             [Lq, Lk])
 * @returns    output [..., Lq, d_v] and weights [..., Lq, Lk]: each row of
 *             weights sums to 1 over the open keys, blocked keys are exactly 0,
 *             a fully blocked row is all zeros (so its output row is 0)
 *
 * Lq ≠ Lk and d_k ≠ d_v are both allowed (cross-attention). Which dimension
 * goes under the square root — and why that one? Over which axis does each
 * query's attention sum to 1?
 *
 * What the grader checks: output and weights against a float64 reference,
 * gradients with respect to q, k and v (so no comparison of q, k or v may sit
 * on the path: comparisons have no gradient in tfjs), rank 3 and rank 4 inputs,
 * a square k on which a missing transpose still runs, padded keys at exactly
 * zero weight, and that nothing at a padded or future position changes the
 * output. One case has real scores near −1800 and padded ones near +1800: a
 * −1000 fill is not enough there.
 */
export function scaledDotProductAttention(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, mask?: tf.Tensor): { output: tf.Tensor; weights: tf.Tensor } {
  throw new Error("not implemented");
}
