// @expect pass
// FlashAttention's two loops: query tiles outside, key tiles inside; under the causal flag it skips every key tile after the query tile and masks only the diagonal one.
import * as tf from "@tensorflow/tfjs";

export interface TiledOptions {
  blockSize: number;
  causal?: boolean;
}

function rowsOf(x: tf.Tensor, start: number, size: number): tf.Tensor {
  return tf.slice(
    x,
    x.shape.map((_, a) => (a === x.rank - 2 ? start : 0)),
    x.shape.map((d, a) => (a === x.rank - 2 ? size : d)),
  );
}

function queryTile(qt: tf.Tensor, k: tf.Tensor, v: tf.Tensor, q0: number, bs: number, causal: boolean): tf.Tensor {
  const lk = k.shape[k.rank - 2];
  const rowsHere = qt.shape[qt.rank - 2];
  const last = causal ? Math.min(lk, q0 + rowsHere) : lk;
  let m: tf.Tensor | undefined;
  let l: tf.Tensor | undefined;
  let acc: tf.Tensor | undefined;
  for (let k0 = 0; k0 < last; k0 += bs) {
    const size = Math.min(bs, lk - k0);
    let s = tf.div(tf.matMul(qt, rowsOf(k, k0, size), false, true), Math.sqrt(qt.shape[qt.rank - 1]));
    let keep: tf.Tensor | undefined;
    if (causal && k0 + size - 1 > q0) {
      const bits = Array.from({ length: rowsHere * size }, (_, n) => (k0 + (n % size) <= q0 + Math.floor(n / size) ? 1 : 0));
      keep = tf.tensor2d(bits, [rowsHere, size]);
      s = tf.where(tf.greater(tf.broadcastTo(keep, s.shape), 0), s, tf.fill(s.shape, -1e30));
    }
    const mNew = m ? tf.maximum(m, tf.max(s, -1, true)) : tf.max(s, -1, true);
    let p = tf.exp(tf.sub(s, mNew));
    if (keep) p = tf.mul(p, keep);
    const shrink = m ? tf.exp(tf.sub(m, mNew)) : undefined;
    l = shrink && l ? tf.add(tf.mul(l, shrink), tf.sum(p, -1, true)) : tf.sum(p, -1, true);
    acc = shrink && acc ? tf.add(tf.mul(acc, shrink), tf.matMul(p, rowsOf(v, k0, size))) : tf.matMul(p, rowsOf(v, k0, size));
    m = mNew;
  }
  return tf.div(acc!, l!);
}

export function tiledAttention(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, { blockSize, causal = false }: TiledOptions): tf.Tensor {
  const lq = q.shape[q.rank - 2];
  if (causal && lq !== k.shape[k.rank - 2]) throw new Error(`causal needs Lq = Lk, got ${lq} and ${k.shape[k.rank - 2]}`);
  return tf.tidy(() => {
    const tiles: tf.Tensor[] = [];
    for (let q0 = 0; q0 < lq; q0 += blockSize) tiles.push(queryTile(rowsOf(q, q0, Math.min(blockSize, lq - q0)), k, v, q0, blockSize, causal));
    return tiles.length === 1 ? tiles[0] : tf.concat(tiles, -2);
  });
}
