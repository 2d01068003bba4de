// @expect fail no-rescale
// Rescales the running sum when the max grows, but not the running output.
import * as tf from "@tensorflow/tfjs";

export interface TiledOptions {
  blockSize: number;
  causal?: boolean;
}

function keyRows(x: tf.Tensor, start: number, size: number): tf.Tensor {
  const begin = x.shape.map((_, a) => (a === x.rank - 2 ? start : 0));
  return tf.slice(
    x,
    begin,
    x.shape.map((d, a) => (a === x.rank - 2 ? size : d)),
  );
}

export function tiledAttention(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, { blockSize, causal = false }: TiledOptions): tf.Tensor {
  const lq = q.shape[q.rank - 2];
  const lk = k.shape[k.rank - 2];
  if (causal && lq !== lk) throw new Error("causal attention needs Lq = Lk");
  return tf.tidy(() => {
    let m: tf.Tensor | null = null;
    let l: tf.Tensor | null = null;
    let acc: tf.Tensor | null = null;
    for (let start = 0; start < lk; start += blockSize) {
      const size = Math.min(blockSize, lk - start);
      let s = tf.div(tf.matMul(q, keyRows(k, start, size), false, true), Math.sqrt(q.shape[q.rank - 1]));
      let open: tf.Tensor | null = null;
      if (causal) {
        const bits: number[] = [];
        for (let i = 0; i < lq; i++) for (let c = 0; c < size; c++) bits.push(start + c <= i ? 1 : 0);
        open = tf.tensor2d(bits, [lq, size]);
        s = tf.where(tf.greater(tf.broadcastTo(open, s.shape), 0), s, tf.fill(s.shape, -1e30));
      }
      const mNew: tf.Tensor = m ? tf.maximum(m, tf.max(s, -1, true)) : tf.max(s, -1, true);
      let p = tf.exp(tf.sub(s, mNew));
      if (open) p = tf.mul(p, open);
      const pv = tf.matMul(p, keyRows(v, start, size));
      if (m && l && acc) {
        const shrink = tf.exp(tf.sub(m, mNew));
        l = tf.add(tf.mul(l, shrink), tf.sum(p, -1, true));
        acc = tf.add(acc, pv);
      } else {
        l = tf.sum(p, -1, true);
        acc = pv;
      }
      m = mNew;
    }
    return tf.div(acc!, l!);
  });
}
