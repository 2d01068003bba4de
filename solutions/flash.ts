/**
 * Reference solution: exact attention by blocks of keys with an online softmax — the idea
 * of FlashAttention (Dao et al. 2022). The full [Lq, Lk] score matrix is never formed: each
 * key block contributes its scores [..., Lq, blockSize] to three running tensors, and the
 * result equals softmax(qkᵀ/√d_k)·v up to rounding.
 */
import * as tf from "@tensorflow/tfjs";

export interface TiledOptions {
  blockSize: number;
  causal?: boolean;
}

/** Rows start … start + size − 1 of the second-to-last axis. */
function rows(x: tf.Tensor, start: number, size: number): tf.Tensor {
  const begin = x.shape.map((_, a) => (a === x.rank - 2 ? start : 0));
  const sizes = x.shape.map((d, a) => (a === x.rank - 2 ? size : d));
  return tf.slice(x, begin, sizes);
}

/** [Lq, size] of 1/0: query i sees key start + c when start + c ≤ i. Built from numbers: no gradient needed. */
function causalBlock(lq: number, start: number, size: number): tf.Tensor {
  const open = new Float32Array(lq * size);
  for (let i = 0; i < lq; i++) for (let c = 0; c < size; c++) open[i * size + c] = start + c <= i ? 1 : 0;
  return tf.tensor2d(open, [lq, size]);
}

export function tiledAttention(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, { blockSize, causal = false }: TiledOptions): tf.Tensor {
  const lq = q.shape[q.rank - 2];
  const lk = k.shape[k.rank - 2];
  if (!Number.isInteger(blockSize) || blockSize < 1) throw new Error(`blockSize must be a positive integer, got ${blockSize}`);
  if (causal && lq !== lk) throw new Error(`causal attention needs Lq = Lk (got Lq = ${lq}, Lk = ${lk})`);
  const scale = 1 / Math.sqrt(q.shape[q.rank - 1]);
  return tf.tidy(() => {
    // Running max m and sum ℓ [..., Lq, 1], unnormalised output acc [..., Lq, d_v].
    let state: { m: tf.Tensor; l: tf.Tensor; acc: tf.Tensor } | null = null;
    for (let start = 0; start < lk; start += blockSize) {
      const size = Math.min(blockSize, lk - start);
      let s = tf.mul(tf.matMul(q, rows(k, start, size), false, true), scale);
      const open = causal ? causalBlock(lq, start, size) : null;
      // Blocked scores become a large negative number; exp of them is then multiplied by 0 anyway.
      if (open) s = tf.where(tf.greater(tf.broadcastTo(open, s.shape), 0), s, tf.fill(s.shape, -1e30));
      const blockMax = tf.max(s, -1, true);
      const m: tf.Tensor = state ? tf.maximum(state.m, blockMax) : blockMax;
      let p = tf.exp(tf.sub(s, m));
      if (open) p = tf.mul(p, open);
      const l = tf.sum(p, -1, true);
      const pv = tf.matMul(p, rows(v, start, size));
      if (state) {
        // The max rose from state.m to m: what was summed against the old max shrinks by exp(m_old − m).
        const shrink: tf.Tensor = tf.exp(tf.sub(state.m, m));
        state = { m, l: tf.add(tf.mul(state.l, shrink), l), acc: tf.add(tf.mul(state.acc, shrink), pv) };
      } else {
        state = { m, l, acc: pv };
      }
    }
    if (!state) throw new Error("k has no rows: attention over zero keys is undefined");
    return tf.div(state.acc, state.l);
  });
}
