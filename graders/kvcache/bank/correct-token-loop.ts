// @expect pass
// Handles a chunk of n new tokens as n single-token steps, each growing the cache by one row — causality among the new tokens comes for free.
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
export interface KvCache {
  k: tf.Tensor;
  v: tf.Tensor;
}
export interface DecodeOptions {
  rope?: { base?: number; style?: "interleaved" | "half" };
}

function project(x: tf.Tensor, w: tf.Tensor, b: tf.Tensor | undefined, h: number): tf.Tensor {
  const [n, d] = x.shape;
  const y = tf.matMul(x, w);
  return tf.transpose(tf.reshape(b ? tf.add(y, b) : y, [n, 1, h, d / h]), [0, 2, 1, 3]);
}

/** Rotates one position's [b, h, 1, d_h] by the angles of position `pos`, pairing as `style` says, via a gather of pair partners. */
function rotateAt(x: tf.Tensor, pos: number, base: number, style: string): tf.Tensor {
  const dim = x.shape[3] as number;
  const half = dim / 2;
  const pairOf = (e: number) => (style === "half" ? e % half : Math.floor(e / 2));
  const isFirst = (e: number) => (style === "half" ? e < half : e % 2 === 0);
  const partner = Array.from({ length: dim }, (_, e) => (style === "half" ? (e < half ? e + half : e - half) : e ^ 1));
  const cos = Array.from({ length: dim }, (_, e) => Math.cos(pos * Math.pow(base, (-2 * pairOf(e)) / dim)));
  const sin = Array.from({ length: dim }, (_, e) => (isFirst(e) ? -1 : 1) * Math.sin(pos * Math.pow(base, (-2 * pairOf(e)) / dim)));
  return tf.add(tf.mul(x, tf.tensor1d(cos)), tf.mul(tf.gather(x, partner, 3), tf.tensor1d(sin)));
}

export function decodeStep(xNew: tf.Tensor, cache: KvCache, w: MhaWeights, numHeads: number, options: DecodeOptions = {}) {
  const [b, n, d] = xNew.shape;
  return tf.tidy(() => {
    let keys = cache.k;
    let values = cache.v;
    const outs: tf.Tensor[] = [];
    for (let i = 0; i < n; i++) {
      const pos = keys.shape[2];
      const x = tf.reshape(tf.slice(xNew, [0, i, 0], [b, 1, d]), [b, d]);
      let q = project(x, w.wq, w.bq, numHeads);
      let k = project(x, w.wk, w.bk, numHeads);
      if (options.rope) {
        q = rotateAt(q, pos, options.rope.base ?? 10000, options.rope.style ?? "interleaved");
        k = rotateAt(k, pos, options.rope.base ?? 10000, options.rope.style ?? "interleaved");
      }
      keys = tf.concat([keys, k], 2);
      values = tf.concat([values, project(x, w.wv, w.bv, numHeads)], 2);
      // One query sees every key so far: no mask needed.
      const s = tf.div(tf.matMul(q, keys, false, true), Math.sqrt(d / numHeads));
      const e = tf.exp(tf.sub(s, tf.max(s, -1, true)));
      const heads = tf.matMul(tf.div(e, tf.sum(e, -1, true)), values);
      const merged = tf.reshape(tf.transpose(heads, [0, 2, 1, 3]), [b, d]);
      const o = tf.matMul(merged, w.wo);
      outs.push(tf.reshape(w.bo ? tf.add(o, w.bo) : o, [b, 1, d]));
    }
    return { output: outs.length === 1 ? outs[0] : tf.concat(outs, 1), cache: { k: keys, v: values } };
  });
}
