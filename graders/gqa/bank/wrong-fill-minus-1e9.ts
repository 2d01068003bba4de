// @expect fail masked-row-not-zero
// masked_fill(mask == 0, −1e9) in every head, as many tutorials write it: a query that sees no key attends evenly to all of them.
import * as tf from "@tensorflow/tfjs";

export interface GqaWeights {
  wq: tf.Tensor; // [d, d]
  wk: tf.Tensor; // [d, numKvHeads·d_h]
  wv: tf.Tensor; // [d, numKvHeads·d_h]
  wo: tf.Tensor; // [d, d]
  bq?: tf.Tensor;
  bk?: tf.Tensor;
  bv?: tf.Tensor;
  bo?: tf.Tensor;
}

/** x [b, L, d_in] · W [d_in, d_out] + b. */
function linear(x: tf.Tensor, w: tf.Tensor, bias?: tf.Tensor): tf.Tensor {
  const [b, L, dIn] = x.shape;
  const y = tf.reshape(tf.matMul(tf.reshape(x, [b * L, dIn]), w), [b, L, w.shape[1] as number]);
  return bias ? tf.add(y, bias) : y;
}

/** [b, L, h·dh] → [b, h, L, dh]. */
function splitHeads(x: tf.Tensor, heads: number): tf.Tensor {
  const [b, L, width] = x.shape;
  return tf.transpose(tf.reshape(x, [b, L, heads, width / heads]), [0, 2, 1, 3]);
}

/**
 * [b, hkv, L, dh] → [b, hkv·g, L, dh] with each KV head repeated g times in place
 * (head 0, head 0, …, head 1, head 1, …): query head j reads KV head ⌊j/g⌋ = ⌊j·hkv/h⌋.
 * A new axis after the heads, broadcast to g, is LLaMA's repeat_kv; tf.tile on the head axis
 * would give 0, 1, 0, 1 instead. Positions and features are flattened first because tfjs
 * has no gradient for broadcasting a rank-5 tensor (its gradient is a rank-5 tile).
 */
function repeatKv(x: tf.Tensor, groups: number): tf.Tensor {
  const [b, hkv, L, dh] = x.shape;
  const flat = tf.reshape(x, [b, hkv, 1, L * dh]);
  return tf.reshape(tf.broadcastTo(flat, [b, hkv, groups, L * dh]), [b, hkv * groups, L, dh]);
}

function attention(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, mask?: tf.Tensor) {
  const scores = tf.div(tf.matMul(q, k, false, true), Math.sqrt(q.shape[3] as number));
  let weights: tf.Tensor;
  if (mask) {
    const open = tf.broadcastTo(mask, scores.shape);
    // BUG (masked-row-not-zero): a row of −1e9 everywhere is uniform after the softmax.
    const filled = tf.where(tf.greater(open, 0), scores, tf.fill(scores.shape, -1e9));
    const e = tf.exp(tf.sub(filled, tf.max(filled, -1, true)));
    weights = tf.div(e, tf.sum(e, -1, true));
  } else {
    const e = tf.exp(tf.sub(scores, tf.max(scores, -1, true)));
    weights = tf.div(e, tf.sum(e, -1, true));
  }
  return { output: tf.matMul(weights, v), weights };
}

export function groupedQueryAttention(
  query: tf.Tensor,
  key: tf.Tensor,
  value: tf.Tensor,
  w: GqaWeights,
  numHeads: number,
  numKvHeads: number,
  mask?: tf.Tensor,
): { output: tf.Tensor; weights: tf.Tensor } {
  const d = w.wq.shape[1] as number;
  if (!Number.isInteger(numHeads) || numHeads < 1 || d % numHeads !== 0) throw new Error(`d = ${d} is not divisible by numHeads = ${numHeads}`);
  if (!Number.isInteger(numKvHeads) || numKvHeads < 1 || numHeads % numKvHeads !== 0) {
    throw new Error(`numHeads = ${numHeads} is not divisible by numKvHeads = ${numKvHeads}`);
  }
  return tf.tidy(() => {
    const q = splitHeads(linear(query, w.wq, w.bq), numHeads);
    const k = repeatKv(splitHeads(linear(key, w.wk, w.bk), numKvHeads), numHeads / numKvHeads);
    const v = repeatKv(splitHeads(linear(value, w.wv, w.bv), numKvHeads), numHeads / numKvHeads);
    const { output, weights } = attention(q, k, v, mask);
    const [b, , Lq, dh] = output.shape;
    const merged = tf.reshape(tf.transpose(output, [0, 2, 1, 3]), [b, Lq, numHeads * dh]);
    return { output: linear(merged, w.wo, w.bo), weights };
  });
}
