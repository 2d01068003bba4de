/**
 * Float64 decoding step with a KV cache, and its VJP. The cache holds the keys and values of
 * positions 0 … t−1, already projected into heads (and, with RoPE, rotated); a step projects
 * only the n new tokens, rotates their queries and keys at positions t … t+n−1, appends the
 * new keys and values along the sequence axis (axis 2 of [b, h, t, d_h]) and lets new token i
 * attend to keys 0 … t+i. Its output equals rows t … t+n−1 of causal multi-head attention
 * over the whole sequence (kvcache.test.ts checks it).
 */
import { nd, type NdArray } from "../engine/ndarray.js";
import { scaledDotProductAttention, scaledDotProductAttentionVjp } from "./attention.js";
import { linear, linearVjp, mergeHeads, splitHeads, type MhaWeightsNd } from "./mha.js";
import { applyRope, applyRopeVjp, type RopeStyle } from "./rope.js";

export interface KvCache {
  k: NdArray;
  v: NdArray;
}
export interface DecodeOptions {
  rope?: { base?: number; style?: RopeStyle };
}

/** Concatenate two rank-4 arrays along axis `axis` (their other axes equal). */
export function concatAxis(a: NdArray, b: NdArray, axis: number): NdArray {
  const shape = a.shape.map((d, i) => (i === axis ? d + b.shape[i] : d));
  const outer = a.shape.slice(0, axis).reduce((x, y) => x * y, 1);
  const ia = a.data.length / outer;
  const ib = b.data.length / outer;
  const out = nd(shape);
  for (let o = 0; o < outer; o++) {
    out.data.set(a.data.subarray(o * ia, (o + 1) * ia), o * (ia + ib));
    out.data.set(b.data.subarray(o * ib, (o + 1) * ib), o * (ia + ib) + ia);
  }
  return out;
}

/** Rows start … start+size−1 of axis 2 of a rank-4 array. */
export function sliceAxis2(a: NdArray, start: number, size: number): NdArray {
  const [b, h, L, d] = a.shape;
  const out = nd([b, h, size, d]);
  for (let o = 0; o < b * h; o++) out.data.set(a.data.subarray((o * L + start) * d, (o * L + start + size) * d), o * size * d);
  return out;
}

/** [n, t+n]: new token i (position t+i) sees keys 0 … t+i. */
export function decodeMask(t: number, n: number): NdArray {
  const out = nd([n, t + n]);
  for (let i = 0; i < n; i++) for (let j = 0; j <= t + i; j++) out.data[i * (t + n) + j] = 1;
  return out;
}

function ropeAt(t: number, opts: DecodeOptions) {
  return opts.rope ? { offset: t, base: opts.rope.base ?? 10000, style: opts.rope.style ?? "interleaved" } : null;
}

/** The step's projections, rotated queries and keys, and the grown cache. */
function forward(xNew: NdArray, cache: KvCache, w: MhaWeightsNd, h: number, opts: DecodeOptions) {
  const t = cache.k.shape[2];
  const rope = ropeAt(t, opts);
  let Q = splitHeads(linear(xNew, w.wq, w.bq), h);
  let Kn = splitHeads(linear(xNew, w.wk, w.bk), h);
  const Vn = splitHeads(linear(xNew, w.wv, w.bv), h);
  if (rope) {
    Q = applyRope(Q, rope);
    Kn = applyRope(Kn, rope);
  }
  const K = concatAxis(cache.k, Kn, 2);
  const V = concatAxis(cache.v, Vn, 2);
  return { t, rope, Q, K, V, mask: decodeMask(t, xNew.shape[1]) };
}

export function decodeStep(xNew: NdArray, cache: KvCache, w: MhaWeightsNd, numHeads: number, opts: DecodeOptions = {}): { output: NdArray; cache: KvCache } {
  const { Q, K, V, mask } = forward(xNew, cache, w, numHeads, opts);
  const heads = scaledDotProductAttention(Q, K, V, mask).output;
  return { output: linear(mergeHeads(heads), w.wo, w.bo), cache: { k: K, v: V } };
}

export interface DecodeGrads {
  dxNew: NdArray;
  dcacheK: NdArray;
  dcacheV: NdArray;
  /** By weight name (wq … bo); a bias that was not given has no entry. */
  weights: Record<string, NdArray>;
}

/** Gradients of Σ output ⊙ dOutput: the new tokens, both cache tensors, every weight and bias. */
export function decodeStepVjp(xNew: NdArray, cache: KvCache, w: MhaWeightsNd, numHeads: number, opts: DecodeOptions, dOutput: NdArray): DecodeGrads {
  const { t, rope, Q, K, V, mask } = forward(xNew, cache, w, numHeads, opts);
  const n = xNew.shape[1];
  const out = linearVjp(mergeHeads(scaledDotProductAttention(Q, K, V, mask).output), w.wo, dOutput);
  const g = scaledDotProductAttentionVjp(Q, K, V, mask, splitHeads(out.dx, numHeads));
  // The cache's rows of dK, dV are its gradient; the new rows flow back through RoPE (orthogonal:
  // its VJP is the inverse rotation) and the projections.
  let dQ = g.dq;
  let dKn = sliceAxis2(g.dk, t, n);
  if (rope) {
    dQ = applyRopeVjp(dQ, rope);
    dKn = applyRopeVjp(dKn, rope);
  }
  const gq = linearVjp(xNew, w.wq, mergeHeads(dQ));
  const gk = linearVjp(xNew, w.wk, mergeHeads(dKn));
  const gv = linearVjp(xNew, w.wv, mergeHeads(sliceAxis2(g.dv, t, n)));
  const weights: Record<string, NdArray> = { wq: gq.dw, wk: gk.dw, wv: gv.dw, wo: out.dw };
  if (w.bq) weights.bq = gq.db;
  if (w.bk) weights.bk = gk.db;
  if (w.bv) weights.bv = gv.db;
  if (w.bo) weights.bo = out.db;
  return {
    dxNew: nd(
      xNew.shape,
      gq.dx.data.map((x, i) => x + gk.dx.data[i] + gv.dx.data[i]),
    ),
    dcacheK: sliceAxis2(g.dk, 0, t),
    dcacheV: sliceAxis2(g.dv, 0, t),
    weights,
  };
}
