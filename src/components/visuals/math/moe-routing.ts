/**
 * Top-k routing of a mixture-of-experts layer, for topic 39 (pure functions; the visual and
 * the tests share them).
 *   router probabilities  p_t = softmax(x_t W + b)            (Shazeer et al., 2017; Fedus et al., 2021)
 *   expert capacity       C = ⌊CF · k · T / N⌋                 (Switch: k = 1, C = ⌊CF · T / N⌋)
 *   balancing loss        L_aux = N · Σ_i f_i · P_i             (Fedus et al., 2021; the paper scales it by α = 0.01)
 * with f_i the fraction of the T·k assignments sent to expert i (not differentiable) and P_i the
 * mean router probability of expert i (differentiable). L_aux = 1 exactly when both are uniform.
 * Tokens claim their experts in sequence order; an assignment beyond an expert's capacity is
 * dropped (the token skips that expert and passes on through the residual connection).
 */
import { softmax } from "../_math.js";

export interface Router {
  /** d × N */
  W: number[][];
  /** N */
  b: number[];
}

export function routerProbs(X: number[][], r: Router): number[][] {
  const n = r.b.length;
  return X.map((x) => {
    const z = r.b.slice();
    x.forEach((xi, i) => {
      const row = r.W[i];
      for (let j = 0; j < n; j++) z[j] += xi * row[j];
    });
    return softmax(z);
  });
}

/** Indices of the k largest entries, largest first (ties go to the lower index). */
export function topK(p: number[], k: number): number[] {
  if (!Number.isInteger(k) || k < 1 || k > p.length) throw new Error(`k must be an integer in 1…${p.length}, got ${k}`);
  return p
    .map((v, i) => ({ v, i }))
    .sort((a, b) => b.v - a.v || a.i - b.i)
    .slice(0, k)
    .map((e) => e.i);
}

export function expertCapacity(tokens: number, experts: number, k: number, capacityFactor: number): number {
  if (!(capacityFactor > 0)) throw new Error(`the capacity factor must be positive, got ${capacityFactor}`);
  return Math.floor((capacityFactor * k * tokens) / experts);
}

export interface Routing {
  /** Assignments each expert was asked to take (T·k in all). */
  requested: number[];
  /** Assignments each expert processed (≤ capacity). */
  kept: number[];
  /** Assignments beyond capacity. */
  droppedSlots: number;
  /** Tokens none of whose k experts had room: they pass through the layer unchanged. */
  tokensFullyDropped: number;
  /** f_i: fraction of the T·k assignments routed to expert i. */
  f: number[];
  /** P_i: mean router probability of expert i over the T tokens. */
  P: number[];
  /** N · Σ f_i P_i (1 when balanced). */
  auxLoss: number;
  capacity: number;
}

export function route(probs: number[][], k: number, capacityFactor: number): Routing {
  const T = probs.length;
  const N = probs[0]?.length ?? 0;
  if (T === 0 || N === 0) throw new Error("routing needs at least one token and one expert");
  const capacity = expertCapacity(T, N, k, capacityFactor);
  const requested = new Array<number>(N).fill(0);
  const kept = new Array<number>(N).fill(0);
  let droppedSlots = 0;
  let tokensFullyDropped = 0;
  for (const p of probs) {
    let placed = 0;
    for (const e of topK(p, k)) {
      requested[e]++;
      if (kept[e] < capacity) {
        kept[e]++;
        placed++;
      } else droppedSlots++;
    }
    if (placed === 0) tokensFullyDropped++;
  }
  const f = requested.map((c) => c / (T * k));
  const P = Array.from({ length: N }, (_, j) => probs.reduce((s, p) => s + p[j], 0) / T);
  const auxLoss = N * f.reduce((s, fi, i) => s + fi * P[i], 0);
  return { requested, kept, droppedSlots, tokensFullyDropped, f, P, auxLoss, capacity };
}

/**
 * ∂L_aux/∂z for every token's router logits, with f held fixed (it has no gradient):
 * ∂L/∂z_tj = (N/T) · p_tj · (f_j − Σ_i f_i p_ti). Experts that got more than their share
 * have their probabilities pushed down.
 */
export function auxLossLogitGrad(probs: number[][], f: number[]): number[][] {
  const T = probs.length;
  const N = f.length;
  return probs.map((p) => {
    const mean = p.reduce((s, pi, i) => s + pi * f[i], 0);
    return p.map((pj, j) => (N / T) * pj * (f[j] - mean));
  });
}

/** One gradient step on L_aux alone (no task loss), returning a new router. */
export function balanceStep(X: number[][], r: Router, k: number, lr: number): Router {
  const probs = routerProbs(X, r);
  const { f } = route(probs, k, Number.MAX_SAFE_INTEGER);
  const G = auxLossLogitGrad(probs, f);
  const W = r.W.map((row, i) => row.map((w, j) => w - lr * X.reduce((s, x, t) => s + x[i] * G[t][j], 0)));
  const b = r.b.map((bj, j) => bj - lr * G.reduce((s, g) => s + g[j], 0));
  return { W, b };
}

export function trainRouter(X: number[][], r: Router, k: number, steps: number, lr: number): Router {
  let out = r;
  for (let s = 0; s < steps; s++) out = balanceStep(X, out, k, lr);
  return out;
}
