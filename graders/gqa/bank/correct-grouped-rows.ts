// @expect pass
// Never copies K or V: the g query heads of one KV head are consecutive, so [b, h, Lq, d_h] reshapes to [b, hkv, g·Lq, d_h] and one matmul per KV head scores them all.
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

function project(x: tf.Tensor, w: tf.Tensor, b: tf.Tensor | undefined, n: number): tf.Tensor {
  const [batch, L] = x.shape;
  const y = tf.matMul(tf.reshape(x, [batch * L, x.shape[2]]), w);
  const z = b ? tf.add(y, b) : y;
  return tf.transpose(tf.reshape(z, [batch, L, n, (w.shape[1] as number) / n]), [0, 2, 1, 3]);
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
  if (d % numHeads !== 0 || numHeads % numKvHeads !== 0) throw new Error("numHeads must divide d, and numKvHeads must divide numHeads");
  const g = numHeads / numKvHeads;
  return tf.tidy(() => {
    const q = project(query, w.wq, w.bq, numHeads);
    const k = project(key, w.wk, w.bk, numKvHeads);
    const v = project(value, w.wv, w.bv, numKvHeads);
    const [b, , Lq, dh] = q.shape;
    const Lk = k.shape[2];
    const grouped = tf.reshape(q, [b, numKvHeads, g * Lq, dh]);
    let scores = tf.reshape(tf.matMul(grouped, k, false, true), [b, numHeads, Lq, Lk]);
    scores = tf.div(scores, Math.sqrt(dh));
    let weights: tf.Tensor;
    if (mask) {
      const open = tf.broadcastTo(mask, scores.shape);
      const filled = tf.where(tf.greater(open, 0), scores, tf.fill(scores.shape, -3e38));
      const e = tf.mul(tf.exp(tf.sub(filled, tf.max(filled, -1, true))), open);
      weights = tf.div(e, tf.maximum(tf.sum(e, -1, true), 1e-12));
    } else {
      weights = tf.softmax(scores);
    }
    const out = tf.reshape(tf.matMul(tf.reshape(weights, [b, numKvHeads, g * Lq, Lk]), v), [b, numHeads, Lq, dh]);
    const merged = tf.reshape(tf.transpose(out, [0, 2, 1, 3]), [b, Lq, d]);
    const o = tf.matMul(tf.reshape(merged, [b * Lq, d]), w.wo);
    return { output: tf.reshape(w.bo ? tf.add(o, w.bo) : o, [b, Lq, d]), weights };
  });
}
