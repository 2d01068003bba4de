// @expect pass
// Noam in log space (exp of a sum of logs, the min taken between exponents); the cosine as cos²(φ/2).
type Opts =
  | { kind: "noam"; dModel: number; warmup: number; factor?: number }
  | { kind: "warmup-cosine"; peak: number; warmup: number; total: number; minLr?: number };

export function learningRate(step: number, opts: Opts): number {
  if (typeof step !== "number" || !Number.isSafeInteger(step) || step <= 0) throw new RangeError("step must be a positive integer");
  switch (opts.kind) {
    case "noam": {
      const logStep = Math.log(step);
      const branch = Math.min(-0.5 * logStep, logStep - 1.5 * Math.log(opts.warmup));
      return (opts.factor ?? 1) * Math.exp(-0.5 * Math.log(opts.dModel) + branch);
    }
    case "warmup-cosine": {
      const { peak, warmup, total } = opts;
      const minLr = opts.minLr ?? 0;
      if (total <= warmup) throw new RangeError("total must be greater than warmup");
      if (step < warmup) return (step / warmup) * peak;
      const progress = Math.min(1, (step - warmup) / (total - warmup));
      return minLr + (peak - minLr) * Math.cos((Math.PI * progress) / 2) ** 2;
    }
    default:
      throw new Error(`unknown kind ${(opts as { kind: string }).kind}`);
  }
}
