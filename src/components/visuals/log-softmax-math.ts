/**
 * Cross-entropy of one position in float32, two ways, as the target's logit falls behind
 * the largest one by `gap`: log(softmax(x)) and the log-softmax (x − max) − log Σ exp(x − max).
 * Math.fround after every operation reproduces float32 rounding, underflow and overflow.
 */
const f = Math.fround;

/** Logits (0, −gap, −gap/2, …): K classes, the target is class 1, the largest logit is 0 + shift. */
export function logitsFor(gap: number, K: number, shift = 0): number[] {
  return Array.from({ length: K }, (_, k) => f(shift + (k === 0 ? 0 : k === 1 ? -gap : -gap / 2)));
}

/** −log softmax(x)_t computed as log of the float32 softmax (max-shifted, as tf.softmax is). */
export function lossViaLogOfSoftmax(x: number[], t: number): number {
  const max = Math.max(...x);
  const e = x.map((v) => f(Math.exp(f(v - max))));
  const sum = e.reduce((a, b) => f(a + b), 0);
  return -f(Math.log(f(e[t] / sum)));
}

/** −log softmax(x)_t computed as a log-softmax: every exponent ≤ 0, the sum ≥ 1. */
export function lossViaLogSoftmax(x: number[], t: number): number {
  const max = Math.max(...x);
  const sum = x.reduce((a, v) => f(a + f(Math.exp(f(v - max)))), 0);
  return -f(f(x[t] - max) - f(Math.log(sum)));
}

/** −log(exp(x_t)/Σ exp(x)) with no max shift: exp overflows float32 once a logit passes ~88.7. */
export function lossNaive(x: number[], t: number): number {
  const e = x.map((v) => f(Math.exp(v)));
  const sum = e.reduce((a, b) => f(a + b), 0);
  return -f(Math.log(f(e[t] / sum)));
}

export interface LossPoint {
  gap: number;
  method: "logSoftmax" | "logOfSoftmax" | "naive";
  loss: number;
}

/** The three curves over gaps 0 … maxGap, with logits shifted up by `shift` (the naive form's weakness). */
export function lossCurves(maxGap: number, K: number, shift: number, steps = 120): LossPoint[] {
  const out: LossPoint[] = [];
  for (let i = 0; i <= steps; i++) {
    const gap = (maxGap * i) / steps;
    const x = logitsFor(gap, K, shift);
    out.push({ gap, method: "logSoftmax", loss: lossViaLogSoftmax(x, 1) });
    out.push({ gap, method: "logOfSoftmax", loss: lossViaLogOfSoftmax(x, 1) });
    out.push({ gap, method: "naive", loss: lossNaive(x, 1) });
  }
  return out;
}

/** The smallest gap on the grid at which a method's loss stops being finite, or null. */
export function firstNonFinite(points: LossPoint[], method: LossPoint["method"]): number | null {
  const p = points.find((q) => q.method === method && !Number.isFinite(q.loss));
  return p ? p.gap : null;
}
