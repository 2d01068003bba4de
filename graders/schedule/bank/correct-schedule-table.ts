// @expect pass
// A table of schedule functions keyed by kind; the decay phase clamped into [0, 1] instead of a branch after total.
type Noam = { kind: "noam"; dModel: number; warmup: number; factor?: number };
type Cosine = { kind: "warmup-cosine"; peak: number; warmup: number; total: number; minLr?: number };

const SCHEDULES = {
  noam: (step: number, o: Noam) => ((o.factor ?? 1) / Math.sqrt(o.dModel)) * Math.min(1 / Math.sqrt(step), step / (o.warmup * Math.sqrt(o.warmup))),
  "warmup-cosine": (step: number, o: Cosine) => {
    if (!(o.total > o.warmup)) throw new Error("warmup-cosine: total must be larger than warmup");
    if (step <= o.warmup) return (o.peak * step) / o.warmup;
    const t = Math.max(0, Math.min(1, (step - o.warmup) / (o.total - o.warmup)));
    const low = o.minLr ?? 0;
    return low + ((o.peak - low) * (1 + Math.cos(Math.PI * t))) / 2;
  },
};

export function learningRate(step: number, opts: Noam | Cosine): number {
  if (!(Number.isInteger(step) && step >= 1)) throw new Error(`learningRate: step ${step} is not an integer ≥ 1`);
  if (opts.kind === "noam") return SCHEDULES.noam(step, opts);
  if (opts.kind === "warmup-cosine") return SCHEDULES["warmup-cosine"](step, opts);
  throw new Error("learningRate: unknown kind");
}
