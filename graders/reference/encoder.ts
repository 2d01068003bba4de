/**
 * Float64 Transformer encoder layer (Vaswani et al. 2017, §3.1; Pre-LN as in Xiong et al.
 * 2020) and its VJP with respect to the input and every parameter. It composes the MHA
 * reference with a LayerNorm and a ReLU feed-forward block written here, each beside its
 * hand-derived VJP.
 *   post: h = LN1(x + MHA(x));   out = LN2(h + FFN(h))
 *   pre:  h = x + MHA(LN1(x));   out = h + FFN(LN2(h))
 */
import { add, map, matmul, reshape, sumTo, transposeLast2, zip, type NdArray } from "../engine/ndarray.js";
import { layerNorm as layerNormRef, layerNormVjp as layerNormRefVjp } from "./layernorm.js";
import { multiHeadAttention, multiHeadAttentionVjp, type MhaWeightsNd } from "./mha.js";

export interface LayerNormNd {
  gamma: NdArray;
  beta: NdArray;
}

export interface FfnNd {
  w1: NdArray;
  b1: NdArray;
  w2: NdArray;
  b2: NdArray;
}

export interface EncoderParamsNd {
  numHeads: number;
  attn: MhaWeightsNd;
  ffn: FfnNd;
  ln1: LayerNormNd;
  ln2: LayerNormNd;
}

export const LN_EPS = 1e-5;

/** LayerNorm over the last axis (biased variance): the layernorm exercise's own reference, on a parameter pair. */
export function layerNorm(x: NdArray, p: LayerNormNd, eps = LN_EPS): { y: NdArray } {
  return { y: layerNormRef(x, p.gamma, p.beta, eps) };
}

/** Its VJP, from the same reference (hand-derived and finite-difference tested there). */
export function layerNormVjp(x: NdArray, p: LayerNormNd, dy: NdArray, eps = LN_EPS): { dx: NdArray; dgamma: NdArray; dbeta: NdArray } {
  const g = layerNormRefVjp(x, p.gamma, dy, eps);
  if (!g.beta) throw new Error("layerNormVjp: the LayerNorm reference returned no beta gradient");
  return { dx: g.x, dgamma: g.gamma, dbeta: g.beta };
}

function linear(x: NdArray, w: NdArray, b: NdArray): NdArray {
  return add(matmul(x, w), b);
}

/** dx, dW, db of x·W + b, with batch and length flattened so dW is one matmul. */
function linearVjp(x: NdArray, w: NdArray, dy: NdArray): { dx: NdArray; dw: NdArray; db: NdArray } {
  const [dIn, dOut] = w.shape;
  const rows = x.data.length / dIn;
  const dy2 = reshape(dy, [rows, dOut]);
  return { dx: matmul(dy, transposeLast2(w)), dw: matmul(transposeLast2(reshape(x, [rows, dIn])), dy2), db: sumTo(dy2, [dOut]) };
}

export function feedForward(x: NdArray, p: FfnNd): NdArray {
  return linear(
    map(linear(x, p.w1, p.b1), (v) => Math.max(0, v)),
    p.w2,
    p.b2,
  );
}

/** ReLU passes the gradient where its input was positive. */
export function feedForwardVjp(x: NdArray, p: FfnNd, dy: NdArray): { dx: NdArray; dw1: NdArray; db1: NdArray; dw2: NdArray; db2: NdArray } {
  const z = linear(x, p.w1, p.b1);
  const a = map(z, (v) => Math.max(0, v));
  const second = linearVjp(a, p.w2, dy);
  const dz = zip(second.dx, z, (g, v) => (v > 0 ? g : 0));
  const first = linearVjp(x, p.w1, dz);
  return { dx: first.dx, dw1: first.dw, db1: first.db, dw2: second.dw, db2: second.db };
}

export type Norm = "post" | "pre";

function selfAttention(x: NdArray, p: EncoderParamsNd, mask: NdArray | undefined): NdArray {
  return multiHeadAttention(x, x, x, p.attn, p.numHeads, mask).output;
}

export function encoderLayer(x: NdArray, p: EncoderParamsNd, norm: Norm = "post", mask?: NdArray): NdArray {
  if (norm === "post") {
    const h = layerNorm(add(x, selfAttention(x, p, mask)), p.ln1).y;
    return layerNorm(add(h, feedForward(h, p.ffn)), p.ln2).y;
  }
  const h = add(x, selfAttention(layerNorm(x, p.ln1).y, p, mask));
  return add(h, feedForward(layerNorm(h, p.ln2).y, p.ffn));
}

/** Gradients keyed by leaf path under the parameter object's name ("p.attn.wq", "p.ln1.gamma"). */
export type EncoderGrads = Record<string, NdArray>;

/** Self-attention's input gradient is the sum over its three roles (query, key, value). */
function attentionVjp(input: NdArray, p: EncoderParamsNd, mask: NdArray | undefined, dOut: NdArray, grads: EncoderGrads, name: string): NdArray {
  const g = multiHeadAttentionVjp(input, input, input, p.attn, p.numHeads, mask, dOut);
  const weights = { wq: g.dwq, wk: g.dwk, wv: g.dwv, wo: g.dwo, bq: g.dbq, bk: g.dbk, bv: g.dbv, bo: g.dbo };
  for (const [k, v] of Object.entries(weights)) if (v) grads[`${name}.attn.${k}`] = v;
  return add(add(g.dquery, g.dkey), g.dvalue);
}

function recordFfn(g: ReturnType<typeof feedForwardVjp>, grads: EncoderGrads, name: string): void {
  Object.assign(grads, { [`${name}.ffn.w1`]: g.dw1, [`${name}.ffn.b1`]: g.db1, [`${name}.ffn.w2`]: g.dw2, [`${name}.ffn.b2`]: g.db2 });
}

function recordLn(g: { dgamma: NdArray; dbeta: NdArray }, grads: EncoderGrads, key: string): void {
  grads[`${key}.gamma`] = g.dgamma;
  grads[`${key}.beta`] = g.dbeta;
}

/** Gradients of Σ out ⊙ dOut; `name` is the parameter object's argument name. */
export function encoderLayerVjp(x: NdArray, p: EncoderParamsNd, norm: Norm, mask: NdArray | undefined, dOut: NdArray, name = "p"): EncoderGrads {
  const grads: EncoderGrads = {};
  if (norm === "post") {
    const s1 = add(x, selfAttention(x, p, mask));
    const h = layerNorm(s1, p.ln1).y;
    const s2 = add(h, feedForward(h, p.ffn));
    const ln2 = layerNormVjp(s2, p.ln2, dOut);
    const ffn = feedForwardVjp(h, p.ffn, ln2.dx);
    const ln1 = layerNormVjp(s1, p.ln1, add(ln2.dx, ffn.dx));
    grads.x = add(ln1.dx, attentionVjp(x, p, mask, ln1.dx, grads, name));
    recordFfn(ffn, grads, name);
    recordLn(ln1, grads, `${name}.ln1`);
    recordLn(ln2, grads, `${name}.ln2`);
    return grads;
  }
  const n1 = layerNorm(x, p.ln1).y;
  const h = add(x, selfAttention(n1, p, mask));
  const n2 = layerNorm(h, p.ln2).y;
  const ffn = feedForwardVjp(n2, p.ffn, dOut);
  const ln2 = layerNormVjp(h, p.ln2, ffn.dx);
  const dh = add(dOut, ln2.dx);
  const ln1 = layerNormVjp(x, p.ln1, attentionVjp(n1, p, mask, dh, grads, name));
  grads.x = add(dh, ln1.dx);
  recordFfn(ffn, grads, name);
  recordLn(ln1, grads, `${name}.ln1`);
  recordLn(ln2, grads, `${name}.ln2`);
  return grads;
}
