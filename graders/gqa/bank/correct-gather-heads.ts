// @expect pass
// Picks each query head's KV head with tf.gather on the head axis (indices ⌊j·hkv/h⌋), and a masked softmax that zeroes blocked keys exactly.
import * as tf from "@tensorflow/tfjs";

export interface GqaWeights {
  wq: tf.Tensor;
  wk: tf.Tensor;
  wv: tf.Tensor;
  wo: tf.Tensor;
  bq?: tf.Tensor;
  bk?: tf.Tensor;
  bv?: tf.Tensor;
  bo?: tf.Tensor;
}

const heads = (x: tf.Tensor, n: number) => {
  const [b, L, width] = x.shape;
  return tf.transpose(tf.reshape(x, [b, L, n, width / n]), [0, 2, 1, 3]);
};

export function groupedQueryAttention(
  query: tf.Tensor,
  key: tf.Tensor,
  value: tf.Tensor,
  w: GqaWeights,
  numHeads: number,
  numKvHeads: number,
  mask?: tf.Tensor,
) {
  const d = w.wq.shape[1] as number;
  if (d % numHeads !== 0) throw new Error(`d = ${d} is not divisible by ${numHeads} heads`);
  if (numHeads % numKvHeads !== 0) throw new Error(`${numHeads} query heads cannot share ${numKvHeads} KV heads evenly`);
  return tf.tidy(() => {
    // x [n, L, d_in] flattened to 2-D: tfjs has no gradient for a rank-3 × rank-2 broadcast matMul.
    const proj = (x: tf.Tensor, W: tf.Tensor, b?: tf.Tensor) => {
      const [n, L, dIn] = x.shape;
      const y = tf.reshape(tf.matMul(tf.reshape(x, [n * L, dIn]), W), [n, L, W.shape[1] as number]);
      return b ? tf.add(y, b) : y;
    };
    const which = Array.from({ length: numHeads }, (_, j) => Math.floor((j * numKvHeads) / numHeads));
    const q = heads(proj(query, w.wq, w.bq), numHeads);
    const k = tf.gather(heads(proj(key, w.wk, w.bk), numKvHeads), which, 1);
    const v = tf.gather(heads(proj(value, w.wv, w.bv), numKvHeads), which, 1);
    const scores = tf.div(tf.matMul(q, k, false, true), Math.sqrt(d / numHeads));
    const open = mask ? tf.broadcastTo(mask, scores.shape) : tf.ones(scores.shape);
    const shifted = tf.sub(scores, tf.max(tf.where(tf.greater(open, 0), scores, tf.fill(scores.shape, -3e38)), -1, true));
    const e = tf.mul(tf.exp(tf.minimum(shifted, 0)), open);
    const weights = tf.div(e, tf.maximum(tf.sum(e, -1, true), 1e-12));
    const [b, , Lq, dh] = q.shape;
    const merged = tf.reshape(tf.transpose(tf.matMul(weights, v), [0, 2, 1, 3]), [b, Lq, d]);
    return { output: proj(merged, w.wo, w.bo), weights };
  });
}
