/**
 * Reference solution: one decoding step of causal multi-head attention with a KV cache.
 * Only the n new tokens are projected; the cache already holds the keys and values of the
 * t earlier positions (projected, split into heads and, with RoPE, rotated), so a step costs
 * O(n·(t+n)) attention instead of recomputing the whole prefix.
 */
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
  k: tf.Tensor; // [b, h, t, d_h]
  v: tf.Tensor; // [b, h, t, d_h]
}
export interface DecodeOptions {
  rope?: { base?: number; style?: "interleaved" | "half" };
}

function linear(x: tf.Tensor, w: tf.Tensor, bias?: tf.Tensor): tf.Tensor {
  const [b, L, dIn] = x.shape;
  const y = tf.reshape(tf.matMul(tf.reshape(x, [b * L, dIn]), w), [b, L, w.shape[1] as number]);
  return bias ? tf.add(y, bias) : y;
}

function splitHeads(x: tf.Tensor, h: number): tf.Tensor {
  const [b, L, d] = x.shape;
  return tf.transpose(tf.reshape(x, [b, L, h, d / h]), [0, 2, 1, 3]);
}

/** RoPE on [b, h, n, d_h] at positions offset … offset+n−1; the angles are plain float64 numbers. */
function rope(x: tf.Tensor, offset: number, base: number, style: "interleaved" | "half"): tf.Tensor {
  const [, , n, dim] = x.shape;
  const half = dim / 2;
  const cos = new Float32Array(n * half);
  const sin = new Float32Array(n * half);
  for (let t = 0; t < n; t++) {
    for (let i = 0; i < half; i++) {
      const phi = (offset + t) * Math.pow(base, (-2 * i) / dim);
      cos[t * half + i] = Math.cos(phi);
      sin[t * half + i] = Math.sin(phi);
    }
  }
  const c = tf.tensor2d(cos, [n, half]);
  const s = tf.tensor2d(sin, [n, half]);
  if (style === "half") {
    const [a, b] = tf.split(x, 2, -1);
    return tf.concat([tf.sub(tf.mul(a, c), tf.mul(b, s)), tf.add(tf.mul(a, s), tf.mul(b, c))], -1);
  }
  const [a, b] = tf.split(tf.reshape(x, [...x.shape.slice(0, -1), half, 2]), 2, -1).map((p) => tf.squeeze(p, [-1]));
  return tf.reshape(tf.stack([tf.sub(tf.mul(a, c), tf.mul(b, s)), tf.add(tf.mul(a, s), tf.mul(b, c))], -1), x.shape);
}

/** [n, t+n] of 1/0: new token i sits at position t+i and sees keys 0 … t+i. */
function decodeMask(t: number, n: number): tf.Tensor {
  const open = new Float32Array(n * (t + n));
  for (let i = 0; i < n; i++) for (let j = 0; j <= t + i; j++) open[i * (t + n) + j] = 1;
  return tf.tensor2d(open, [n, t + n]);
}

export function decodeStep(
  xNew: tf.Tensor,
  cache: KvCache,
  w: MhaWeights,
  numHeads: number,
  { rope: ropeOptions }: DecodeOptions = {},
): { output: tf.Tensor; cache: KvCache } {
  const d = w.wq.shape[1] as number;
  if (!Number.isInteger(numHeads) || numHeads < 1 || d % numHeads !== 0) throw new Error(`d = ${d} is not divisible by numHeads = ${numHeads}`);
  const t = cache.k.shape[2] as number;
  const [b, n] = xNew.shape as [number, number, number];
  return tf.tidy(() => {
    let q = splitHeads(linear(xNew, w.wq, w.bq), numHeads);
    let k = splitHeads(linear(xNew, w.wk, w.bk), numHeads);
    const v = splitHeads(linear(xNew, w.wv, w.bv), numHeads);
    if (ropeOptions) {
      // The new rows continue where the cache ends: positions t … t+n−1. Values are not rotated.
      const base = ropeOptions.base ?? 10000;
      const style = ropeOptions.style ?? "interleaved";
      q = rope(q, t, base, style);
      k = rope(k, t, base, style);
    }
    // Grow along the sequence axis (2) of [b, h, t, d_h].
    const keys = tf.concat([cache.k, k], 2);
    const values = tf.concat([cache.v, v], 2);
    const scores = tf.div(tf.matMul(q, keys, false, true), Math.sqrt(d / numHeads));
    const open = decodeMask(t, n);
    const filled = tf.where(tf.greater(tf.broadcastTo(open, scores.shape), 0), scores, tf.fill(scores.shape, -1e30));
    const e = tf.mul(tf.exp(tf.sub(filled, tf.max(filled, -1, true))), open);
    const weights = tf.div(e, tf.sum(e, -1, true));
    const heads = tf.matMul(weights, values);
    const merged = tf.reshape(tf.transpose(heads, [0, 2, 1, 3]), [b, n, d]);
    return { output: linear(merged, w.wo, w.bo), cache: { k: keys, v: values } };
  });
}
