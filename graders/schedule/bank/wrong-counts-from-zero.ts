// @expect fail off-by-one
// Converts the step to a zero-based index first, so step 1 is used as 0.
type Opts =
  | { kind: "noam"; dModel: number; warmup: number; factor?: number }
  | { kind: "warmup-cosine"; peak: number; warmup: number; total: number; minLr?: number };

export function learningRate(step: number, opts: Opts): number {
  if (!Number.isInteger(step) || step < 1) throw new Error(`bad step ${step}`);
  const s = step - 1; // a zero-based index, as in a Python loop over range(total)
  if (opts.kind === "noam") {
    const { dModel, warmup, factor = 1 } = opts;
    return factor * dModel ** -0.5 * Math.min(s ** -0.5, s * warmup ** -1.5);
  }
  if (opts.kind === "warmup-cosine") {
    const { peak, warmup, total, minLr = 0 } = opts;
    if (total <= warmup) throw new Error("total must exceed warmup");
    if (s <= warmup) return (peak * s) / warmup;
    if (step >= total) return minLr;
    return minLr + (peak - minLr) * 0.5 * (1 + Math.cos((Math.PI * (step - warmup)) / (total - warmup)));
  }
  throw new Error("unknown kind");
}
