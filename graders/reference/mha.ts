/**
 * Float64 multi-head attention (Vaswani et al. 2017, §3.2.2) and its VJP with respect to
 * the three inputs and every weight and bias. Weights are [d_in, d_out], applied as x·W + b.
 */
import { add, matmul, reshape, sumTo, transpose, transposeLast2, type NdArray } from "../engine/ndarray.js";
import { scaledDotProductAttention, scaledDotProductAttentionVjp } from "./attention.js";

export interface MhaWeightsNd {
  wq: NdArray;
  wk: NdArray;
  wv: NdArray;
  wo: NdArray;
  bq?: NdArray;
  bk?: NdArray;
  bv?: NdArray;
  bo?: NdArray;
}

export interface MhaGrads {
  dquery: NdArray;
  dkey: NdArray;
  dvalue: NdArray;
  dwq: NdArray;
  dwk: NdArray;
  dwv: NdArray;
  dwo: NdArray;
  dbq?: NdArray;
  dbk?: NdArray;
  dbv?: NdArray;
  dbo?: NdArray;
}

/** [b, L, d] → [b, h, L, d/h]: reshape to [b, L, h, d/h], then bring the head axis forward. */
export function splitHeads(x: NdArray, numHeads: number): NdArray {
  const [b, L, d] = x.shape;
  if (!Number.isInteger(numHeads) || numHeads < 1 || d % numHeads !== 0) throw new Error(`d = ${d} is not divisible by numHeads = ${numHeads}`);
  return transpose(reshape(x, [b, L, numHeads, d / numHeads]), [0, 2, 1, 3]);
}

/** [b, h, L, d/h] → [b, L, h·d/h]: the inverse of splitHeads. */
export function mergeHeads(x: NdArray): NdArray {
  const [b, h, L, dh] = x.shape;
  return reshape(transpose(x, [0, 2, 1, 3]), [b, L, h * dh]);
}

export function linear(x: NdArray, w: NdArray, bias?: NdArray): NdArray {
  const y = matmul(x, w);
  return bias ? add(y, bias) : y;
}

/** x [b, L, d_in]: the VJP of x·W + b, flattening batch and length so dW is one matmul. */
export function linearVjp(x: NdArray, w: NdArray, dy: NdArray): { dx: NdArray; dw: NdArray; db: NdArray } {
  const [dIn, dOut] = w.shape;
  const rows = x.data.length / dIn;
  const x2 = reshape(x, [rows, dIn]);
  const dy2 = reshape(dy, [rows, dOut]);
  return {
    dx: matmul(dy, transposeLast2(w)),
    dw: matmul(transposeLast2(x2), dy2),
    db: sumTo(dy2, [dOut]),
  };
}

function checkHeads(d: number, numHeads: number): void {
  if (!Number.isInteger(numHeads) || numHeads < 1 || d % numHeads !== 0) throw new Error(`d = ${d} is not divisible by numHeads = ${numHeads}`);
}

export function multiHeadAttention(
  query: NdArray,
  key: NdArray,
  value: NdArray,
  w: MhaWeightsNd,
  numHeads: number,
  mask?: NdArray,
): { output: NdArray; weights: NdArray } {
  checkHeads(w.wq.shape[1], numHeads);
  const Q = splitHeads(linear(query, w.wq, w.bq), numHeads);
  const K = splitHeads(linear(key, w.wk, w.bk), numHeads);
  const V = splitHeads(linear(value, w.wv, w.bv), numHeads);
  const { output: heads, weights } = scaledDotProductAttention(Q, K, V, mask);
  return { output: linear(mergeHeads(heads), w.wo, w.bo), weights };
}

/** Gradients of Σ output ⊙ dOutput (+ Σ weights ⊙ dWeights). */
export function multiHeadAttentionVjp(
  query: NdArray,
  key: NdArray,
  value: NdArray,
  w: MhaWeightsNd,
  numHeads: number,
  mask: NdArray | undefined,
  dOutput: NdArray,
  /** A cotangent for the attention weights [b, h, Lq, Lk] too. */
  dWeights?: NdArray,
): MhaGrads {
  checkHeads(w.wq.shape[1], numHeads);
  const pq = linear(query, w.wq, w.bq);
  const pk = linear(key, w.wk, w.bk);
  const pv = linear(value, w.wv, w.bv);
  const Q = splitHeads(pq, numHeads);
  const K = splitHeads(pk, numHeads);
  const V = splitHeads(pv, numHeads);
  const { output: heads } = scaledDotProductAttention(Q, K, V, mask);
  const merged = mergeHeads(heads);
  const out = linearVjp(merged, w.wo, dOutput);
  // splitHeads and mergeHeads are mutually inverse permutations, so each is the other's VJP.
  const dHeads = splitHeads(out.dx, numHeads);
  const g = scaledDotProductAttentionVjp(Q, K, V, mask, dHeads, dWeights);
  const gq = linearVjp(query, w.wq, mergeHeads(g.dq));
  const gk = linearVjp(key, w.wk, mergeHeads(g.dk));
  const gv = linearVjp(value, w.wv, mergeHeads(g.dv));
  const grads: MhaGrads = { dquery: gq.dx, dkey: gk.dx, dvalue: gv.dx, dwq: gq.dw, dwk: gk.dw, dwv: gv.dw, dwo: out.dw };
  if (w.bq) grads.dbq = gq.db;
  if (w.bk) grads.dbk = gk.db;
  if (w.bv) grads.dbv = gv.db;
  if (w.bo) grads.dbo = out.db;
  return grads;
}
