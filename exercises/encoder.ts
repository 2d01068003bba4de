/**
 * Exercise: one Transformer encoder layer, Post-LN and Pre-LN.
 *
 * Run `npm run grade -- encoder` (or press Run on the exercise page) to grade
 * this file. Conventions (the course's contract): weights are [d_in, d_out],
 * applied as x·W + b; masks are 1 = attend, 0 = blocked, and broadcast
 * against the scores [b, h, L, L]. Import only @tensorflow/tfjs — this file
 * stands alone, so copy in your multi-head attention; keep it synchronous;
 * build the result from tf ops so gradients reach x and every parameter;
 * don't dispose or modify the inputs.
 */
import * as tf from "@tensorflow/tfjs";

export interface MhaWeights {
  wq: tf.Tensor; // [d, d]
  wk: tf.Tensor; // [d, d]
  wv: tf.Tensor; // [d, d]
  wo: tf.Tensor; // [d, d]
  bq?: tf.Tensor; // [d], optional
  bk?: tf.Tensor; // [d], optional
  bv?: tf.Tensor; // [d], optional
  bo?: tf.Tensor; // [d], optional
}

export interface EncoderParams {
  numHeads: number;
  attn: MhaWeights;
  // W1 [d, d_ff], b1 [d_ff], W2 [d_ff, d], b2 [d]
  ffn: { w1: tf.Tensor; b1: tf.Tensor; w2: tf.Tensor; b2: tf.Tensor };
  ln1: { gamma: tf.Tensor; beta: tf.Tensor }; // [d] each
  ln2: { gamma: tf.Tensor; beta: tf.Tensor };
}

/**
 * One encoder layer: self-attention, then a ReLU feed-forward block, each
 * wrapped in a residual connection and a LayerNorm (over the last axis,
 * biased variance, ε = 1e-5). No dropout.
 *
 *   norm "post" (the 2017 paper, the default):
 *     h   = LN1(x + MHA(x))
 *     out = LN2(h + FFN(h))
 *   norm "pre" (most modern models):
 *     h   = x + MHA(LN1(x))
 *     out = h + FFN(LN2(h))
 *
 * with MHA(t) = multi-head self-attention of t (query = key = value = t)
 * using p.attn and p.numHeads and options.mask, and
 * FFN(t) = max(0, t·W1 + b1)·W2 + b2.
 *
 * @param x       [b, L, d]
 * @param p       the parameters above
 * @param options `{ norm = "post", mask }`; the mask broadcasts against
 *                [b, h, L, L] (padding [b, 1, 1, L], causal [L, L])
 * @returns       [b, L, d]
 *
 * Throw an Error when d is not divisible by numHeads, as your multi-head
 * attention does.
 *
 * What the grader checks: both forms with and without masks, the default,
 * gradients with respect to x and all sixteen parameters, and that under a
 * causal mask the output at t ignores later inputs.
 */
export function encoderLayer(x: tf.Tensor, p: EncoderParams, options: { norm?: "post" | "pre"; mask?: tf.Tensor } = {}): tf.Tensor {
  throw new Error("not implemented");
}
