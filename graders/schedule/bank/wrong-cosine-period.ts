// @expect fail cosine-period
// Stretches the cosine over total steps after warmup: it has not reached minLr at total.
type Opts =
  | { kind: "noam"; dModel: number; warmup: number; factor?: number }
  | { kind: "warmup-cosine"; peak: number; warmup: number; total: number; minLr?: number };

export function learningRate(step: number, opts: Opts): number {
  if (!Number.isInteger(step) || step < 1) throw new Error(`bad step ${step}`);
  if (opts.kind === "noam") {
    const { dModel, warmup, factor = 1 } = opts;
    return factor * dModel ** -0.5 * Math.min(step ** -0.5, step * warmup ** -1.5);
  }
  if (opts.kind === "warmup-cosine") {
    const { peak, warmup, total, minLr = 0 } = opts;
    if (total <= warmup) throw new Error("total must exceed warmup");
    if (step <= warmup) return (peak * step) / warmup;
    if (step >= total) return minLr;
    return minLr + (peak - minLr) * 0.5 * (1 + Math.cos((Math.PI * (step - warmup)) / total));
  }
  throw new Error("unknown kind");
}
