/**
 * The two schedules of the `schedule` exercise, sampled for its page, next to the two
 * mistakes that are hardest to see in a plot of a whole run: a Noam ramp with warmup^−0.5
 * (it overshoots by a factor of warmup) and a cosine whose clock starts at step 0 (the peak
 * is gone before warmup ends). Plain float64, no tfjs: the page stays light.
 */
export interface CosineSchedule {
  peak: number;
  warmup: number;
  total: number;
  minLr: number;
}

export function warmupCosineAt(step: number, o: CosineSchedule): number {
  if (step <= o.warmup) return (o.peak * step) / o.warmup;
  if (step >= o.total) return o.minLr;
  return o.minLr + (o.peak - o.minLr) * 0.5 * (1 + Math.cos((Math.PI * (step - o.warmup)) / (o.total - o.warmup)));
}

/** The "cosine from step 0" mistake: the same ramp, then a cosine over the whole run. */
export function cosineFromZeroAt(step: number, o: CosineSchedule): number {
  if (step <= o.warmup) return (o.peak * step) / o.warmup;
  if (step >= o.total) return o.minLr;
  return o.minLr + (o.peak - o.minLr) * 0.5 * (1 + Math.cos((Math.PI * step) / o.total));
}

export function noamAt(step: number, dModel: number, warmup: number, rampExponent = -1.5): number {
  return dModel ** -0.5 * Math.min(step ** -0.5, step * warmup ** rampExponent);
}

/** Steps 1 … total·1.2 on a regular grid, plus the corners (warmup ± 1, total ± 1) so a plot shows them exactly. */
export function stepGrid(warmup: number, total: number, points = 240): number[] {
  const end = Math.round(total * 1.2);
  const regular = Array.from({ length: points + 1 }, (_, i) => Math.max(1, Math.round((i * end) / points)));
  const corners = [1, warmup - 1, warmup, warmup + 1, total - 1, total, total + 1].filter((s) => s >= 1 && s <= end);
  return [...new Set([...regular, ...corners])].sort((a, b) => a - b);
}

export type CurvePoint = { step: number; lr: number; curve: string };

/** Every curve of the visual as long-format rows (what a Plot line wants). */
export function scheduleCurves(o: CosineSchedule, names: { cosine: string; fromZero: string }): CurvePoint[] {
  return stepGrid(o.warmup, o.total).flatMap((step) => [
    { step, lr: warmupCosineAt(step, o), curve: names.cosine },
    { step, lr: cosineFromZeroAt(step, o), curve: names.fromZero },
  ]);
}
