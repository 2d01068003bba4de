/**
 * Float64 sinusoidal positional encoding (Vaswani et al. 2017, §3.5): ω_i = 10000^(−2i/d),
 * pair i of position p is (sin pω_i, cos pω_i). "interleaved" lays pairs out as
 * [sin, cos, sin, cos, …] (the paper's PE(p, 2i), PE(p, 2i+1)); "concat" puts every sine
 * first, then every cosine (tensor2tensor's get_timing_signal_1d). A fixed table: no gradient.
 */
import { nd, type NdArray } from "../engine/ndarray.js";

export type PeLayout = "interleaved" | "concat";
export interface PeOptions {
  offset?: number;
  layout?: PeLayout;
}

/** What a bug hypothesis may change: the frequency of column `col` (pair i), the angle's sin/cos, the position. */
export interface PeVariant {
  omega?: (i: number, col: number, d: number) => number;
  swapSinCos?: boolean;
  swapLayout?: boolean;
  positionShift?: number;
  ignoreOffset?: boolean;
}

export function sinusoidalVariant(seqLen: number, dModel: number, opts: PeOptions = {}, v: PeVariant = {}): NdArray {
  if (!Number.isInteger(dModel) || dModel <= 0 || dModel % 2 !== 0) throw new Error(`dModel must be even, got ${dModel}`);
  const offset = v.ignoreOffset ? 0 : (opts.offset ?? 0);
  let layout = opts.layout ?? "interleaved";
  if (v.swapLayout) layout = layout === "interleaved" ? "concat" : "interleaved";
  const half = dModel / 2;
  const omega = v.omega ?? ((i, _col, d) => Math.pow(10000, (-2 * i) / d));
  const out = nd([seqLen, dModel]);
  for (let t = 0; t < seqLen; t++) {
    const p = offset + t + (v.positionShift ?? 0);
    for (let i = 0; i < half; i++) {
      const [sinCol, cosCol] = layout === "interleaved" ? [2 * i, 2 * i + 1] : [i, i + half];
      const sinAngle = p * omega(i, sinCol, dModel);
      const cosAngle = p * omega(i, cosCol, dModel);
      out.data[t * dModel + sinCol] = v.swapSinCos ? Math.cos(sinAngle) : Math.sin(sinAngle);
      out.data[t * dModel + cosCol] = v.swapSinCos ? Math.sin(cosAngle) : Math.cos(cosAngle);
    }
  }
  return out;
}

export function sinusoidalEncoding(seqLen: number, dModel: number, opts: PeOptions = {}): NdArray {
  return sinusoidalVariant(seqLen, dModel, opts);
}
