// @expect fail tfjs-unstack-size-one
// Heads merged with tf.unstack over the head axis and tf.concat along the features: right, but with one head tfjs 4.22 cannot differentiate unstack of a size-1 axis.
import * as tf from "@tensorflow/tfjs";

export interface MhaWeights {
  wq: tf.Tensor;
  wk: tf.Tensor;
  wv: tf.Tensor;
  wo: tf.Tensor;
  bq?: tf.Tensor;
  bk?: tf.Tensor;
  bv?: tf.Tensor;
  bo?: tf.Tensor;
}

/**
 * [b, L, d] → [b, h, L, d/h]. The reshape splits each position's d features into h groups
 * ([b, L, h, d/h]); the transpose then brings heads before positions. Reshaping straight to
 * [b, h, L, d/h] would instead cut the sequence into h chunks — mixing positions into heads.
 */
export function splitHeads(x: tf.Tensor, numHeads: number): tf.Tensor {
  const [b, L, d] = x.shape;
  if (d % numHeads !== 0) throw new Error(`d = ${d} is not divisible by numHeads = ${numHeads}`);
  return tf.tidy(() => tf.transpose(tf.reshape(x, [b, L, numHeads, d / numHeads]), [0, 2, 1, 3]));
}

/** [b, h, L, d/h] → [b, L, d]: the heads unstacked and concatenated along the features. */
export function mergeHeads(x: tf.Tensor): tf.Tensor {
  // BUG (tfjs-unstack-size-one): tf.unstack of a size-1 axis runs forward, but its gradient throws in tfjs 4.22.
  return tf.tidy(() => tf.concat(tf.unstack(x, 1), 2));
}

/** x [b, L, d_in] · W [d_in, d_out] + b: flatten positions so one 2-D matMul does it. */
function linear(x: tf.Tensor, w: tf.Tensor, bias?: tf.Tensor): tf.Tensor {
  const [b, L, dIn] = x.shape;
  const dOut = w.shape[1] as number;
  const y = tf.reshape(tf.matMul(tf.reshape(x, [b * L, dIn]), w), [b, L, dOut]);
  return bias ? tf.add(y, bias) : y;
}

function attention(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, mask?: tf.Tensor) {
  const dk = q.shape[q.shape.length - 1];
  const scores = tf.div(tf.matMul(q, k, false, true), Math.sqrt(dk));
  let weights: tf.Tensor;
  if (mask) {
    // Blocked keys exactly 0, fully-blocked rows 0, condition from the mask only (see masking).
    const open = tf.broadcastTo(mask, scores.shape);
    const filled = tf.where(tf.greater(open, 0), scores, tf.fill(scores.shape, -3.4e38));
    const e = tf.mul(tf.exp(tf.sub(filled, tf.max(filled, -1, true))), open);
    weights = tf.div(e, tf.maximum(tf.sum(e, -1, true), 1e-12));
  } else {
    const e = tf.exp(tf.sub(scores, tf.max(scores, -1, true)));
    weights = tf.div(e, tf.sum(e, -1, true));
  }
  return { output: tf.matMul(weights, v), weights };
}

/**
 * query [b, Lq, d], key and value [b, Lk, d] → output [b, Lq, d], weights [b, h, Lq, Lk].
 * Each head works in d/h dimensions, so it is scaled by 1/√(d/h) — not 1/√d. The total
 * cost equals one full-width head: the four projections are the same d × d matrices.
 */
export function multiHeadAttention(
  query: tf.Tensor,
  key: tf.Tensor,
  value: tf.Tensor,
  w: MhaWeights,
  numHeads: number,
  mask?: tf.Tensor,
): { output: tf.Tensor; weights: tf.Tensor } {
  const d = w.wq.shape[1] as number;
  if (!Number.isInteger(numHeads) || numHeads < 1 || d % numHeads !== 0) {
    throw new Error(`d = ${d} is not divisible by numHeads = ${numHeads}`);
  }
  return tf.tidy(() => {
    const q = splitHeads(linear(query, w.wq, w.bq), numHeads);
    const k = splitHeads(linear(key, w.wk, w.bk), numHeads);
    const v = splitHeads(linear(value, w.wv, w.bv), numHeads);
    // The mask broadcasts (NumPy rules) against [b, h, Lq, Lk]: [b, 1, 1, Lk] or [Lq, Lk].
    const { output, weights } = attention(q, k, v, mask);
    return { output: linear(mergeHeads(output), w.wo, w.bo), weights };
  });
}
