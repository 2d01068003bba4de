// @expect pass
// Keeps one running log-sum-exp per query row and an output that is normalised after every block (the form of FlashAttention-2's backward pass).
import * as tf from "@tensorflow/tfjs";

export interface TiledOptions {
  blockSize: number;
  causal?: boolean;
}

export function tiledAttention(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, options: TiledOptions): tf.Tensor {
  const { blockSize } = options;
  const causal = options.causal ?? false;
  const lq = q.shape[q.rank - 2];
  const lk = k.shape[k.rank - 2];
  if (causal && lq !== lk) throw new Error("causal attention is defined here only for Lq = Lk");
  const axis = k.rank - 2;
  const sizes: number[] = [];
  for (let s = 0; s < lk; s += blockSize) sizes.push(Math.min(blockSize, lk - s));
  return tf.tidy(() => {
    // tf.split's gradient fails for a single piece in tfjs, so one block is passed whole.
    const kb = sizes.length > 1 ? tf.split(k, sizes, axis) : [k];
    const vb = sizes.length > 1 ? tf.split(v, sizes, axis) : [v];
    let lse: tf.Tensor | null = null;
    let out: tf.Tensor | null = null;
    let start = 0;
    sizes.forEach((size, b) => {
      let s = tf.mul(tf.matMul(q, kb[b], false, true), 1 / Math.sqrt(q.shape[q.rank - 1]));
      let open: tf.Tensor | null = null;
      if (causal) {
        open = tf.tensor2d(
          Array.from({ length: lq * size }, (_, n) => (start + (n % size) <= Math.floor(n / size) ? 1 : 0)),
          [lq, size],
        );
        s = tf.where(tf.greater(tf.broadcastTo(open, s.shape), 0), s, tf.fill(s.shape, -1e30));
      }
      // Block log-sum-exp, stable: max + log Σ exp(s − max).
      const mb = tf.max(s, -1, true);
      let e = tf.exp(tf.sub(s, mb));
      if (open) e = tf.mul(e, open);
      // A visible row sums to ≥ 1 (its max term is exp(0)); a row this block hides sums to 0, and max(·, 1)
      // gives it log-sum-exp ≈ −1e30 and output 0 — no 0/0, in the forward or the backward pass.
      const sum = tf.maximum(tf.sum(e, -1, true), 1);
      const blockLse = tf.add(mb, tf.log(sum));
      const blockOut = tf.div(tf.matMul(e, vb[b]), sum);
      if (lse && out) {
        const hi = tf.maximum(lse, blockLse);
        const merged = tf.add(hi, tf.log(tf.add(tf.exp(tf.sub(lse, hi)), tf.exp(tf.sub(blockLse, hi)))));
        out = tf.add(tf.mul(out, tf.exp(tf.sub(lse, merged))), tf.mul(blockOut, tf.exp(tf.sub(blockLse, merged))));
        lse = merged;
      } else {
        lse = blockLse;
        out = blockOut;
      }
      start += size;
    });
    return out!;
  });
}
