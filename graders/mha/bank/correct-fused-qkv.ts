// @expect pass
// Fuses the three input projections into one matmul when query, key and value are the same tensor.
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

export function splitHeads(x: tf.Tensor, numHeads: number): tf.Tensor {
  const [b, L, d] = x.shape;
  if (d % numHeads !== 0) throw new Error("not divisible");
  return tf.tidy(() => tf.transpose(tf.reshape(x, [b, L, numHeads, d / numHeads]), [0, 2, 1, 3]));
}

export function mergeHeads(x: tf.Tensor): tf.Tensor {
  const [b, h, L, dh] = x.shape;
  return tf.tidy(() => tf.reshape(tf.transpose(x, [0, 2, 1, 3]), [b, L, h * dh]));
}

const dim = (t: tf.Tensor, axis: number) => t.shape[axis] as number;
const dense = (x: tf.Tensor, w: tf.Tensor) => tf.reshape(tf.matMul(tf.reshape(x, [-1, dim(x, 2)]), w), [dim(x, 0), dim(x, 1), dim(w, 1)]);
const bias = (d: number, b?: tf.Tensor) => b ?? tf.zeros([d]);

export function multiHeadAttention(query: tf.Tensor, key: tf.Tensor, value: tf.Tensor, w: MhaWeights, numHeads: number, mask?: tf.Tensor) {
  const d = dim(w.wq, 1);
  if (d % numHeads !== 0) throw new Error(`numHeads ${numHeads} does not divide ${d}`);
  return tf.tidy(() => {
    let q: tf.Tensor, k: tf.Tensor, v: tf.Tensor;
    if (query === key && key === value) {
      const qkv = tf.add(dense(query, tf.concat([w.wq, w.wk, w.wv], 1)), tf.concat([bias(d, w.bq), bias(d, w.bk), bias(d, w.bv)]));
      [q, k, v] = tf.split(qkv, 3, 2);
    } else {
      q = tf.add(dense(query, w.wq), bias(d, w.bq));
      k = tf.add(dense(key, w.wk), bias(d, w.bk));
      v = tf.add(dense(value, w.wv), bias(d, w.bv));
    }
    const [Q, K, V] = [q, k, v].map((t) => splitHeads(t, numHeads));
    const s = tf.matMul(tf.mul(Q, 1 / Math.sqrt(d / numHeads)), K, false, true);
    const open = mask ? tf.broadcastTo(mask, s.shape) : tf.ones(s.shape);
    const kept = tf.where(tf.greater(open, 0), s, tf.fill(s.shape, -3e38));
    const e = tf.mul(tf.exp(tf.sub(kept, tf.max(kept, -1, true))), open);
    const weights = tf.div(e, tf.maximum(tf.sum(e, -1, true), 1e-12));
    const output = tf.add(dense(mergeHeads(tf.matMul(weights, V)), w.wo), bias(dim(w.wo, 1), w.bo));
    return { output, weights };
  });
}
