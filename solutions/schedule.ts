/**
 * Reference solution: learning-rate schedules — Noam (Vaswani et al. 2017, §5.3) and
 * linear warmup + cosine decay (Loshchilov & Hutter 2017, without restarts).
 */
export type ScheduleOptions =
  | { kind: "noam"; dModel: number; warmup: number; factor?: number }
  | { kind: "warmup-cosine"; peak: number; warmup: number; total: number; minLr?: number };

/** A plain number: a schedule is host-side arithmetic, no tensor involved. Steps count from 1. */
export function learningRate(step: number, opts: ScheduleOptions): number {
  if (!Number.isInteger(step) || step < 1) throw new Error(`step must be an integer ≥ 1, got ${step}`);
  if (opts.kind === "noam") {
    const { dModel, warmup, factor = 1 } = opts;
    // The two branches meet at step = warmup: the peak.
    return factor * dModel ** -0.5 * Math.min(step ** -0.5, step * warmup ** -1.5);
  }
  if (opts.kind === "warmup-cosine") {
    const { peak, warmup, total, minLr = 0 } = opts;
    if (!(total > warmup)) throw new Error(`total (${total}) must be greater than warmup (${warmup})`);
    if (step <= warmup) return (peak * step) / warmup;
    if (step >= total) return minLr;
    const phase = (Math.PI * (step - warmup)) / (total - warmup);
    return minLr + (peak - minLr) * 0.5 * (1 + Math.cos(phase));
  }
  throw new Error(`unknown schedule kind "${(opts as { kind?: unknown }).kind}"`);
}
