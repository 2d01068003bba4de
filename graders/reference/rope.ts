/**
 * Float64 rotary position embeddings (Su et al., RoFormer). Pair i of the row at position
 * m turns by m·θ_i with θ_i = base^(−2i/d): a different frequency per pair, which is what
 * gives RoPE its multi-scale code. Angles are formed in float64 so positions in the
 * thousands stay exact to ~1e-12 rad.
 */
import { nd, type NdArray } from "../engine/ndarray.js";

export type RopeStyle = "interleaved" | "half";
export interface RopeOptions {
  offset?: number;
  base?: number;
  style?: RopeStyle;
}

function checkDim(dim: number): void {
  if (!Number.isInteger(dim) || dim <= 0 || dim % 2 !== 0) throw new Error(`RoPE needs an even dimension, got ${dim}`);
}

export function ropeFrequencies(dim: number, base = 10000): NdArray {
  checkDim(dim);
  const out = nd([dim / 2]);
  for (let i = 0; i < dim / 2; i++) out.data[i] = Math.pow(base, (-2 * i) / dim);
  return out;
}

/** Rotate every pair of every row by sign·m·θ_i: sign −1 is the inverse rotation (the VJP). */
function rotate(x: NdArray, opts: RopeOptions, sign: 1 | -1): NdArray {
  if (x.shape.length < 2) throw new Error("RoPE needs x of rank ≥ 2 ([..., seqLen, dim])");
  const dim = x.shape[x.shape.length - 1];
  const seqLen = x.shape[x.shape.length - 2];
  checkDim(dim);
  const theta = ropeFrequencies(dim, opts.base ?? 10000).data;
  const offset = opts.offset ?? 0;
  const half = dim / 2;
  const interleaved = (opts.style ?? "interleaved") === "interleaved";
  const out = nd(x.shape);
  for (let row = 0; row < x.data.length / dim; row++) {
    const m = offset + (row % seqLen);
    const at = row * dim;
    for (let i = 0; i < half; i++) {
      const [a, b] = interleaved ? [at + 2 * i, at + 2 * i + 1] : [at + i, at + i + half];
      const phi = sign * m * theta[i];
      const c = Math.cos(phi);
      const s = Math.sin(phi);
      out.data[a] = x.data[a] * c - x.data[b] * s;
      out.data[b] = x.data[a] * s + x.data[b] * c;
    }
  }
  return out;
}

export function applyRope(x: NdArray, opts: RopeOptions = {}): NdArray {
  return rotate(x, opts, 1);
}

/** A rotation is orthogonal: its transpose — the VJP — is the rotation by −φ. */
export function applyRopeVjp(dy: NdArray, opts: RopeOptions = {}): NdArray {
  return rotate(dy, opts, -1);
}
