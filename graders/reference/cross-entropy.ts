/**
 * Float64 cross-entropy with label smoothing and an ignored class id, and its VJP with
 * respect to the logits. Target distribution q = (1 − ε)·onehot(t) + ε/K over all K classes
 * (PyTorch's CrossEntropyLoss, Szegedy et al. 2016 §7); loss = mean over positions whose
 * target is not `ignoreIndex` of −Σ_k q_k log p_k, with log p from a max-shifted log-softmax.
 */
import { nd, type NdArray } from "../engine/ndarray.js";
import { logSoftmax, softmax } from "./softmax.js";

export interface CrossEntropyOptions {
  labelSmoothing?: number;
  ignoreIndex?: number;
}

/** Per position: its row of K logits and its target id, or skipped when ignored. */
interface Rows {
  K: number;
  positions: number;
  kept: number[];
}

function rowsOf(logits: NdArray, targets: NdArray, ignoreIndex: number | undefined): Rows {
  const K = logits.shape[logits.shape.length - 1];
  const positions = logits.data.length / K;
  if (targets.data.length !== positions) throw new Error(`targets have ${targets.data.length} positions, logits ${positions}`);
  const kept: number[] = [];
  for (let r = 0; r < positions; r++) if (targets.data[r] !== ignoreIndex) kept.push(r);
  if (kept.length === 0) throw new Error("every position is ignored: the mean is undefined");
  for (const r of kept) {
    const t = targets.data[r];
    if (!(Number.isInteger(t) && t >= 0 && t < K)) throw new Error(`target ${t} at position ${r} is not a class id in [0, ${K})`);
  }
  return { K, positions, kept };
}

/** q_k for one position: (1 − ε) at the target plus ε/K everywhere. */
export function smoothedTarget(t: number, K: number, eps: number): (k: number) => number {
  return (k) => (k === t ? 1 - eps : 0) + eps / K;
}

export function crossEntropy(logits: NdArray, targets: NdArray, opts: CrossEntropyOptions = {}): NdArray {
  const eps = opts.labelSmoothing ?? 0;
  const { K, kept } = rowsOf(logits, targets, opts.ignoreIndex);
  const logp = logSoftmax(logits);
  let total = 0;
  for (const r of kept) {
    const q = smoothedTarget(targets.data[r], K, eps);
    for (let k = 0; k < K; k++) total -= q(k) * logp.data[r * K + k];
  }
  return nd([], [total / kept.length]);
}

/** d loss / d logits = (p − q)/N at kept positions (Σ_k q_k = 1), 0 at ignored ones; times the scalar cotangent. */
export function crossEntropyVjp(logits: NdArray, targets: NdArray, opts: CrossEntropyOptions, dy: NdArray): NdArray {
  const eps = opts.labelSmoothing ?? 0;
  const { K, kept } = rowsOf(logits, targets, opts.ignoreIndex);
  const p = softmax(logits);
  const dx = nd(logits.shape);
  const c = dy.data[0] / kept.length;
  for (const r of kept) {
    const q = smoothedTarget(targets.data[r], K, eps);
    for (let k = 0; k < K; k++) dx.data[r * K + k] = c * (p.data[r * K + k] - q(k));
  }
  return dx;
}
