// @expect fail cache-not-grown
// Attends correctly, but returns only this step's keys and values as the cache.
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

function linear(x: tf.Tensor, w: tf.Tensor, b?: tf.Tensor): tf.Tensor {
  const [n, L, dIn] = x.shape;
  const y = tf.reshape(tf.matMul(tf.reshape(x, [n * L, dIn]), w), [n, L, w.shape[1] as number]);
  return b ? tf.add(y, b) : y;
}

const split = (x: tf.Tensor, h: number) => tf.transpose(tf.reshape(x, [x.shape[0], x.shape[1], h, (x.shape[2] as number) / h]), [0, 2, 1, 3]);
const merge = (x: tf.Tensor) => tf.reshape(tf.transpose(x, [0, 2, 1, 3]), [x.shape[0], x.shape[2], (x.shape[1] as number) * (x.shape[3] as number)]);

/** Half-split pairs are (x[i], x[i + dim/2]); interleaved pairs are (x[2i], x[2i+1]). */
function rope(x: tf.Tensor, offset: number, base: number, style: string): tf.Tensor {
  const [, , n, dim] = x.shape;
  const half = dim / 2;
  const angles = Array.from({ length: n * half }, (_, k) => (offset + Math.floor(k / half)) * Math.pow(base, (-2 * (k % half)) / dim));
  const c = tf.tensor2d(angles.map(Math.cos), [n, half]);
  const s = tf.tensor2d(angles.map(Math.sin), [n, half]);
  if (style === "half") {
    const [a, b] = tf.split(x, 2, -1);
    return tf.concat([tf.sub(tf.mul(a, c), tf.mul(b, s)), tf.add(tf.mul(a, s), tf.mul(b, c))], -1);
  }
  const [a, b] = tf.split(tf.reshape(x, [...x.shape.slice(0, -1), half, 2]), 2, -1).map((p) => tf.squeeze(p, [-1]));
  return tf.reshape(tf.stack([tf.sub(tf.mul(a, c), tf.mul(b, s)), tf.add(tf.mul(a, s), tf.mul(b, c))], -1), x.shape);
}

export function decodeStep(xNew: tf.Tensor, cache: KvCache, w: MhaWeights, numHeads: number, options: DecodeOptions = {}) {
  const t = cache.k.shape[2];
  const n = xNew.shape[1];
  return tf.tidy(() => {
    const r = options.rope;
    const rot = (x: tf.Tensor, offset: number) => (r ? rope(x, offset, r.base ?? 10000, r.style ?? "interleaved") : x);
    const q = rot(split(linear(xNew, w.wq, w.bq), numHeads), t);
    const kRaw = split(linear(xNew, w.wk, w.bk), numHeads);
    const k = rot(kRaw, t);
    const v = split(linear(xNew, w.wv, w.bv), numHeads);
    const keys = tf.concat([cache.k, k], 2);
    const values = tf.concat([cache.v, v], 2);
    const scores = tf.div(tf.matMul(q, keys, false, true), Math.sqrt(q.shape[3] as number));
    const bits = Array.from({ length: n * (t + n) }, (_, i) => (i % (t + n) <= t + Math.floor(i / (t + n)) ? 1 : 0));
    const open = tf.tensor2d(bits, [n, t + n]);
    const masked = tf.where(tf.greater(tf.broadcastTo(open, scores.shape), 0), scores, tf.fill(scores.shape, -1e30));
    const weights = tf.softmax(masked);
    const output = linear(merge(tf.matMul(weights, values)), w.wo, w.bo);
    return { output, cache: { k, v } };
  });
}
