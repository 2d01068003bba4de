/**
 * Float64 scaled dot-product attention (Vaswani et al. 2017, §3.2.1) and its VJP.
 * Batch axes broadcast among q, k, v and the mask, so the same kernel serves [b, L, d],
 * [b, h, L, d] and a [Lq, Lk] mask shared by the whole batch.
 */
import { add, matmul, scale, sumTo, transposeLast2, type NdArray } from "../engine/ndarray.js";
import { maskedSoftmax, maskedSoftmaxVjp } from "./masking.js";
import { softmax, softmaxVjp } from "./softmax.js";

function scores(q: NdArray, k: NdArray): NdArray {
  const dk = q.shape[q.shape.length - 1];
  if (k.shape[k.shape.length - 1] !== dk) throw new Error(`q and k must share d_k (got ${dk} and ${k.shape[k.shape.length - 1]})`);
  return scale(matmul(q, transposeLast2(k)), 1 / Math.sqrt(dk));
}

function weightsOf(s: NdArray, mask: NdArray | undefined): NdArray {
  return mask ? maskedSoftmax(s, mask) : softmax(s, -1);
}

export function scaledDotProductAttention(q: NdArray, k: NdArray, v: NdArray, mask?: NdArray): { output: NdArray; weights: NdArray } {
  const weights = weightsOf(scores(q, k), mask);
  return { output: matmul(weights, v), weights };
}

/** Gradients of Σ output ⊙ dOutput (+ Σ weights ⊙ dWeights) with respect to q, k and v. */
export function scaledDotProductAttentionVjp(
  q: NdArray,
  k: NdArray,
  v: NdArray,
  mask: NdArray | undefined,
  dOutput: NdArray,
  dWeights?: NdArray,
): { dq: NdArray; dk: NdArray; dv: NdArray } {
  const s = scores(q, k);
  const w = weightsOf(s, mask);
  // v may carry batch axes that w lacks: fold those back before the softmax VJP.
  let dw = sumTo(matmul(dOutput, transposeLast2(v)), w.shape);
  if (dWeights) dw = add(dw, dWeights);
  const dv = sumTo(matmul(transposeLast2(w), dOutput), v.shape);
  const ds = mask ? maskedSoftmaxVjp(s, mask, dw) : softmaxVjp(w, dw, -1);
  const c = 1 / Math.sqrt(q.shape[q.shape.length - 1]);
  const dq = sumTo(scale(matmul(ds, k), c), q.shape);
  const dk = sumTo(scale(matmul(transposeLast2(ds), q), c), k.shape);
  return { dq, dk, dv };
}
