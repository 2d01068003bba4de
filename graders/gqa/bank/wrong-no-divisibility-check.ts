// @expect fail no-divisibility-check
// Never checks the head counts: with 4 query heads over 3 KV heads it rounds the group size down and carries on.
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

function linear(x: tf.Tensor, w: tf.Tensor, b?: tf.Tensor): tf.Tensor {
  const [n, L, dIn] = x.shape;
  const y = tf.reshape(tf.matMul(tf.reshape(x, [n * L, dIn]), w), [n, L, w.shape[1] as number]);
  return b ? tf.add(y, b) : y;
}

function split(x: tf.Tensor, heads: number): tf.Tensor {
  const [b, L, width] = x.shape;
  return tf.transpose(tf.reshape(x, [b, L, heads, width / heads]), [0, 2, 1, 3]);
}

function repeatKv(x: tf.Tensor, groups: number): tf.Tensor {
  const [b, hkv, L, dh] = x.shape;
  return tf.gather(
    x,
    Array.from({ length: Math.floor(groups) * hkv }, (_, j) => Math.floor(j / Math.floor(groups))),
    1,
  );
}

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
  // the head counts are assumed to fit
  return tf.tidy(() => {
    const g = numHeads / numKvHeads;
    const q = split(linear(query, w.wq, w.bq), numHeads);
    const k = repeatKv(split(linear(key, w.wk, w.bk), numKvHeads), g);
    const v = repeatKv(split(linear(value, w.wv, w.bv), numKvHeads), g);
    let scores = tf.div(tf.matMul(q, k, false, true), Math.sqrt(d / numHeads));
    if (mask) scores = tf.where(tf.greater(tf.broadcastTo(mask, scores.shape), 0), scores, tf.fill(scores.shape, -1e9));
    const weights = tf.softmax(scores);
    const [b, , Lq, dh] = q.shape;
    const merged = tf.reshape(tf.transpose(tf.matMul(weights, v), [0, 2, 1, 3]), [b, Lq, numHeads * dh]);
    return { output: linear(merged, w.wo, w.bo), weights };
  });
}
