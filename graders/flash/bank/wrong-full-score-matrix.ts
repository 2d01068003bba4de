// @expect fail full-score-matrix
// Right numbers, wrong memory: computes the whole score matrix q·kᵀ once, then runs the online softmax over its column blocks.
import * as tf from "@tensorflow/tfjs";

export interface TiledOptions {
  blockSize: number;
  causal?: boolean;
}

export function tiledAttention(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, { blockSize, causal = false }: TiledOptions): tf.Tensor {
  const lq = q.shape[q.rank - 2];
  const lk = k.shape[k.rank - 2];
  if (causal && lq !== lk) throw new Error("causal attention needs Lq = Lk");
  return tf.tidy(() => {
    let scores = tf.div(tf.matMul(q, k, false, true), Math.sqrt(q.shape[q.rank - 1]));
    if (causal) {
      const open = tf.linalg.bandPart(tf.ones([lq, lk]), -1, 0);
      scores = tf.where(tf.greater(tf.broadcastTo(open, scores.shape), 0), scores, tf.fill(scores.shape, -1e30));
    }
    const blocks = Math.ceil(lk / blockSize);
    const sizes = Array.from({ length: blocks }, (_, b) => Math.min(blockSize, lk - b * blockSize));
    const sBlocks = tf.split(scores, sizes, -1);
    const vBlocks = tf.split(v, sizes, -2);
    let m = tf.max(sBlocks[0], -1, true);
    let p = tf.exp(tf.sub(sBlocks[0], m));
    let l = tf.sum(p, -1, true);
    let acc = tf.matMul(p, vBlocks[0]);
    for (let b = 1; b < blocks; b++) {
      const mNew = tf.maximum(m, tf.max(sBlocks[b], -1, true));
      const shrink = tf.exp(tf.sub(m, mNew));
      p = tf.exp(tf.sub(sBlocks[b], mNew));
      l = tf.add(tf.mul(l, shrink), tf.sum(p, -1, true));
      acc = tf.add(tf.mul(acc, shrink), tf.matMul(p, vBlocks[b]));
      m = mNew;
    }
    return tf.div(acc, l);
  });
}
