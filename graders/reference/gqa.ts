/**
 * Float64 grouped-query attention (Ainslie et al. 2023) and its VJP. numKvHeads key/value
 * heads serve numHeads query heads: query head j uses KV head ⌊j·numKvHeads/numHeads⌋, the
 * repeat-interleave order of LLaMA's repeat_kv (KV head 0 serves query heads 0 … g−1, where
 * g = numHeads/numKvHeads). numKvHeads = numHeads is MHA; numKvHeads = 1 is multi-query attention.
 * wk and wv are [d, numKvHeads·d_h] with d_h = d/numHeads.
 */
import { nd, type NdArray } from "../engine/ndarray.js";
import { scaledDotProductAttention, scaledDotProductAttentionVjp } from "./attention.js";
import { linear, linearVjp, mergeHeads, splitHeads, type MhaGrads, type MhaWeightsNd } from "./mha.js";

/** The KV head a query head reads: ⌊j·numKvHeads/numHeads⌋. */
export function kvHeadOf(j: number, numHeads: number, numKvHeads: number): number {
  return Math.floor((j * numKvHeads) / numHeads);
}

export function checkGqaHeads(d: number, numHeads: number, numKvHeads: number): void {
  if (!Number.isInteger(numHeads) || numHeads < 1 || d % numHeads !== 0) throw new Error(`d = ${d} is not divisible by numHeads = ${numHeads}`);
  if (!Number.isInteger(numKvHeads) || numKvHeads < 1 || numHeads % numKvHeads !== 0)
    throw new Error(`numHeads = ${numHeads} is not divisible by numKvHeads = ${numKvHeads}`);
}

/** [b, hkv, L, dh] → [b, h, L, dh], query head j taking KV head head(j) (repeat-interleave by default). */
export function repeatKv(x: NdArray, numHeads: number, head: (j: number) => number = (j) => kvHeadOf(j, numHeads, x.shape[1])): NdArray {
  const [b, hkv, L, dh] = x.shape;
  const block = L * dh;
  const out = nd([b, numHeads, L, dh]);
  for (let bi = 0; bi < b; bi++) {
    for (let j = 0; j < numHeads; j++) {
      const src = (bi * hkv + head(j)) * block;
      out.data.set(x.data.subarray(src, src + block), (bi * numHeads + j) * block);
    }
  }
  return out;
}

/** The VJP of repeatKv: every KV head collects the gradients of the query heads it served. */
export function repeatKvVjp(dy: NdArray, numKvHeads: number): NdArray {
  const [b, h, L, dh] = dy.shape;
  const block = L * dh;
  const out = nd([b, numKvHeads, L, dh]);
  for (let bi = 0; bi < b; bi++) {
    for (let j = 0; j < h; j++) {
      const dst = (bi * numKvHeads + kvHeadOf(j, h, numKvHeads)) * block;
      const src = (bi * h + j) * block;
      for (let i = 0; i < block; i++) out.data[dst + i] += dy.data[src + i];
    }
  }
  return out;
}

function project(query: NdArray, key: NdArray, value: NdArray, w: MhaWeightsNd, h: number, hkv: number) {
  checkGqaHeads(w.wq.shape[1], h, hkv);
  const dh = w.wq.shape[1] / h;
  if (w.wk.shape[1] !== hkv * dh || w.wv.shape[1] !== hkv * dh) throw new Error(`wk and wv must be [d, numKvHeads·d_h] = [d, ${hkv * dh}]`);
  return { Q: splitHeads(linear(query, w.wq, w.bq), h), K: splitHeads(linear(key, w.wk, w.bk), hkv), V: splitHeads(linear(value, w.wv, w.bv), hkv) };
}

export function groupedQueryAttention(
  query: NdArray,
  key: NdArray,
  value: NdArray,
  w: MhaWeightsNd,
  numHeads: number,
  numKvHeads: number,
  mask?: NdArray,
): { output: NdArray; weights: NdArray } {
  const { Q, K, V } = project(query, key, value, w, numHeads, numKvHeads);
  const { output: heads, weights } = scaledDotProductAttention(Q, repeatKv(K, numHeads), repeatKv(V, numHeads), mask);
  return { output: linear(mergeHeads(heads), w.wo, w.bo), weights };
}

/** Gradients of Σ output ⊙ dOutput (+ Σ weights ⊙ dWeights) with respect to the inputs and every weight and bias. */
export function groupedQueryAttentionVjp(
  query: NdArray,
  key: NdArray,
  value: NdArray,
  w: MhaWeightsNd,
  numHeads: number,
  numKvHeads: number,
  mask: NdArray | undefined,
  dOutput: NdArray,
  /** A cotangent for the attention weights [b, h, Lq, Lk] too. */
  dWeights?: NdArray,
): MhaGrads {
  const { Q, K, V } = project(query, key, value, w, numHeads, numKvHeads);
  const Kr = repeatKv(K, numHeads);
  const Vr = repeatKv(V, numHeads);
  const { output: heads } = scaledDotProductAttention(Q, Kr, Vr, mask);
  const out = linearVjp(mergeHeads(heads), w.wo, dOutput);
  const g = scaledDotProductAttentionVjp(Q, Kr, Vr, mask, splitHeads(out.dx, numHeads), dWeights);
  const gq = linearVjp(query, w.wq, mergeHeads(g.dq));
  const gk = linearVjp(key, w.wk, mergeHeads(repeatKvVjp(g.dk, numKvHeads)));
  const gv = linearVjp(value, w.wv, mergeHeads(repeatKvVjp(g.dv, numKvHeads)));
  const grads: MhaGrads = { dquery: gq.dx, dkey: gk.dx, dvalue: gv.dx, dwq: gq.dw, dwk: gk.dw, dwv: gv.dw, dwo: out.dw };
  if (w.bq) grads.dbq = gq.db;
  if (w.bk) grads.dbk = gk.db;
  if (w.bv) grads.dbv = gv.db;
  if (w.bo) grads.dbo = out.db;
  return grads;
}
