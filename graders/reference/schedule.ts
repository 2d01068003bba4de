/**
 * Learning-rate schedules in float64, steps counted from 1. Noam (Vaswani et al. 2017,
 * §5.3): factor·d_model^−0.5·min(step^−0.5, step·warmup^−1.5) — the two branches meet at
 * step = warmup, the peak. Warmup + cosine (Loshchilov & Hutter 2017, without restarts):
 * a linear ramp to `peak` at `warmup`, a half cosine down to `minLr` at `total`, then flat.
 */
export type ScheduleOptions =
  | { kind: "noam"; dModel: number; warmup: number; factor?: number }
  | { kind: "warmup-cosine"; peak: number; warmup: number; total: number; minLr?: number };

export function checkStep(step: number): void {
  if (!Number.isInteger(step) || step < 1) throw new Error(`step is counted from 1 and must be an integer, got ${step}`);
}

export function noam(step: number, o: { dModel: number; warmup: number; factor?: number }): number {
  return (o.factor ?? 1) * o.dModel ** -0.5 * Math.min(step ** -0.5, step * o.warmup ** -1.5);
}

export function warmupCosine(step: number, o: { peak: number; warmup: number; total: number; minLr?: number }): number {
  const minLr = o.minLr ?? 0;
  if (step <= o.warmup) return (o.peak * step) / o.warmup;
  if (step >= o.total) return minLr;
  return minLr + (o.peak - minLr) * 0.5 * (1 + Math.cos((Math.PI * (step - o.warmup)) / (o.total - o.warmup)));
}

export function learningRate(step: number, opts: ScheduleOptions): number {
  checkStep(step);
  if (opts.kind === "noam") return noam(step, opts);
  if (opts.kind === "warmup-cosine") {
    if (!(opts.total > opts.warmup)) throw new Error(`total (${opts.total}) must exceed warmup (${opts.warmup})`);
    return warmupCosine(step, opts);
  }
  throw new Error(`unknown schedule kind "${(opts as { kind: unknown }).kind}"`);
}
