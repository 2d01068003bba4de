// @expect fail no-output-projection
// Returns the merged heads without the output projection W_O, b_O.
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
  if (d % numHeads !== 0) throw new Error(`d = ${d} is not divisible by numHeads = ${numHeads}`);
  return tf.tidy(() => tf.transpose(tf.reshape(x, [b, L, numHeads, d / numHeads]), [0, 2, 1, 3]));
}

export function mergeHeads(x: tf.Tensor): tf.Tensor {
  const [b, h, L, dh] = x.shape;
  return tf.tidy(() => tf.reshape(tf.transpose(x, [0, 2, 1, 3]), [b, L, h * dh]));
}

function linear(x: tf.Tensor, w: tf.Tensor, bias?: tf.Tensor): tf.Tensor {
  const [b, L, dIn] = x.shape;
  const dOut = w.shape[1] as number;
  const y = tf.reshape(tf.matMul(tf.reshape(x, [b * L, dIn]), w), [b, L, dOut]);
  return bias ? tf.add(y, bias) : y;
}

function attention(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, mask?: tf.Tensor) {
  const dk = q.shape[q.shape.length - 1];
  const scores = tf.div(tf.matMul(q, k, false, true), Math.sqrt(dk));
  let weights: tf.Tensor;
  if (mask) {
    const open = tf.broadcastTo(mask, scores.shape);
    const filled = tf.where(tf.greater(open, 0), scores, tf.fill(scores.shape, -3.4e38));
    const e = tf.mul(tf.exp(tf.sub(filled, tf.max(filled, -1, true))), open);
    weights = tf.div(e, tf.maximum(tf.sum(e, -1, true), 1e-12));
  } else {
    const e = tf.exp(tf.sub(scores, tf.max(scores, -1, true)));
    weights = tf.div(e, tf.sum(e, -1, true));
  }
  return { output: tf.matMul(weights, v), weights };
}

export function multiHeadAttention(
  query: tf.Tensor,
  key: tf.Tensor,
  value: tf.Tensor,
  w: MhaWeights,
  numHeads: number,
  mask?: tf.Tensor,
): { output: tf.Tensor; weights: tf.Tensor } {
  const d = w.wq.shape[1] as number;
  if (!Number.isInteger(numHeads) || numHeads < 1 || d % numHeads !== 0) {
    throw new Error(`d = ${d} is not divisible by numHeads = ${numHeads}`);
  }
  return tf.tidy(() => {
    const q = splitHeads(linear(query, w.wq, w.bq), numHeads);
    const k = splitHeads(linear(key, w.wk, w.bk), numHeads);
    const v = splitHeads(linear(value, w.wv, w.bv), numHeads);
    const { output, weights } = attention(q, k, v, mask);
    // BUG (no-output-projection): W_O and b_O are never applied.
    return { output: mergeHeads(output), weights };
  });
}
