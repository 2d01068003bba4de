// @expect fail no-relu
// A feed-forward block with no activation between W1 and W2.
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

export interface EncoderParams {
  numHeads: number;
  attn: MhaWeights;
  ffn: { w1: tf.Tensor; b1: tf.Tensor; w2: tf.Tensor; b2: tf.Tensor };
  ln1: { gamma: tf.Tensor; beta: tf.Tensor };
  ln2: { gamma: tf.Tensor; beta: tf.Tensor };
}

export interface EncoderOptions {
  norm?: "post" | "pre";
  mask?: tf.Tensor;
}

function dense(x: tf.Tensor, w: tf.Tensor, b?: tf.Tensor): tf.Tensor {
  const [bs, L, d] = x.shape;
  const y = tf.reshape(tf.matMul(tf.reshape(x, [bs * L, d]), w), [bs, L, w.shape[1] as number]);
  return b ? tf.add(y, b) : y;
}

/** Self-attention over x [b, L, d] with h heads; blocked scores become −1e9 before the softmax. */
function selfAttention(x: tf.Tensor, w: MhaWeights, numHeads: number, mask?: tf.Tensor): tf.Tensor {
  const [b, L, d] = x.shape;
  if (!Number.isInteger(numHeads) || numHeads < 1 || d % numHeads !== 0) throw new Error(`d = ${d} is not divisible by numHeads = ${numHeads}`);
  const dh = d / numHeads;
  const split = (t: tf.Tensor) => tf.transpose(tf.reshape(t, [b, L, numHeads, dh]), [0, 2, 1, 3]);
  const q = split(dense(x, w.wq, w.bq));
  const k = split(dense(x, w.wk, w.bk));
  const v = split(dense(x, w.wv, w.bv));
  let scores = tf.div(tf.matMul(q, k, false, true), Math.sqrt(dh));
  if (mask) scores = tf.where(tf.greater(tf.broadcastTo(mask, scores.shape), 0), scores, tf.fill(scores.shape, -1e9));
  const weights = tf.softmax(scores, -1);
  const heads = tf.reshape(tf.transpose(tf.matMul(weights, v), [0, 2, 1, 3]), [b, L, d]);
  return dense(heads, w.wo, w.bo);
}

/** LayerNorm over the last axis, biased variance, ε = 1e-5 inside the square root. */
function layerNorm(x: tf.Tensor, p: { gamma: tf.Tensor; beta: tf.Tensor }): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))), p.gamma), p.beta);
}

function feedForward(x: tf.Tensor, p: EncoderParams["ffn"]): tf.Tensor {
  return dense(dense(x, p.w1, p.b1), p.w2, p.b2);
}

/**
 * post: h = LN1(x + MHA(x)); out = LN2(h + FFN(h)) — every output is normalised, but the
 *       gradient to early layers passes through each LayerNorm (hence warm-up).
 * pre:  h = x + MHA(LN1(x)); out = h + FFN(LN2(h)) — the residual stream x → h → out is a
 *       clean identity path; only the branches see normalised inputs.
 */
export function encoderLayer(x: tf.Tensor, p: EncoderParams, options: EncoderOptions = {}): tf.Tensor {
  const { norm = "post", mask } = options;
  return tf.tidy(() => {
    if (norm === "post") {
      const h = layerNorm(tf.add(x, selfAttention(x, p.attn, p.numHeads, mask)), p.ln1);
      return layerNorm(tf.add(h, feedForward(h, p.ffn)), p.ln2);
    }
    const h = tf.add(x, selfAttention(layerNorm(x, p.ln1), p.attn, p.numHeads, mask));
    return tf.add(h, feedForward(layerNorm(h, p.ln2), p.ffn));
  });
}
