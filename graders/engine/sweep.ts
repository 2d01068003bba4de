/**
 * The property sweep (issue 9): a few extra configurations per run, drawn from the cases
 * that declare `vary` (vary.ts) and checked against the float64 reference like any case —
 * output, and gradient where the case has one. Unlike hidden draws, the sweep runs in every
 * grading run: without a secret it is seeded from a fixed public seed (the same draws on
 * every machine, shown with their inputs as "sweep #k of case X"); with a teacher's secret
 * the seed derives from it and the draws are redacted like hidden cases.
 *
 * Weight: each sweep check is worth SWEEP_SHARE of its case's points, so the whole sweep
 * (DEFAULT_SWEEP draws) weighs about one case; a failing sweep check fails the verdict like
 * any other check.
 */
import type { GraderDefinition } from "./grader.js";
import { hiddenSeed, type InputValue } from "./inputs.js";
import { type Instance, variedInstance } from "./instance.js";
import { streamFor } from "./prng.js";
import type { CaseSpec } from "./spec.js";

/** Sweep configurations per exercise and run, unless GradeOptions.sweep says otherwise. */
export const DEFAULT_SWEEP = 4;
/** A sweep check's points, as a share of its case's points. */
export const SWEEP_SHARE = 0.25;
/** The seed of a run without a teacher's secret: public, fixed, so a learner can replay a failing draw. */
export const PUBLIC_SWEEP_SEED = "public-sweep";

/** Shapes of tensors and values of options, as one comparable string. */
export function configurationOf(inst: Pick<Instance, "inputs">): string {
  const sig = (v: InputValue): unknown =>
    v.t === "tensor"
      ? v.nd.shape
      : v.t === "json"
        ? v.value
        : v.t === "object"
          ? Object.fromEntries(Object.entries(v.entries).map(([k, e]) => [k, sig(e)]))
          : null;
  return JSON.stringify(inst.inputs.args.map(sig));
}

/** The case's points scaled to the sweep's share (its gradient's too). */
function sweepSpec(spec: CaseSpec): CaseSpec {
  return {
    ...spec,
    points: spec.points * SWEEP_SHARE,
    ...(spec.gradient ? { gradient: { ...spec.gradient, points: spec.gradient.points * SWEEP_SHARE } } : {}),
  };
}

/**
 * `count` configurations, each from a case picked by the sweep's PRNG among the value cases
 * that declare `vary` (visible ones only in a public run: a secret-only case stays unseen).
 * A draw must differ in shapes or options from its public case, or the sweep would only
 * repeat it; a case whose draws never do yields nothing for that k.
 * `publicConfig` maps a case id to its public configuration (configurationOf).
 */
export function sweepInstances(def: GraderDefinition, secret: string | undefined, count: number, publicConfig: Map<string, string>): Instance[] {
  const candidates = def.spec.cases.filter((c) => c.vary && c.expect === "value" && (secret !== undefined || c.visible));
  if (candidates.length === 0 || count <= 0) return [];
  const base = hiddenSeed(secret ?? PUBLIC_SWEEP_SEED, "sweep");
  const pick = streamFor(base, "cases");
  const hidden = secret !== undefined;
  const list: Instance[] = [];
  for (let k = 1; k <= count; k++) {
    const c = candidates[pick.int(0, candidates.length - 1)];
    const key = `${hidden ? "hidden-" : ""}sweep-${c.id}-${k}`;
    const seed = hiddenSeed(secret ?? PUBLIC_SWEEP_SEED, `sweep\u0000${c.id}#${k}`);
    const inst = variedInstance(def, sweepSpec(c), key, seed, hidden, (i) => configurationOf(i) !== publicConfig.get(c.id));
    if (inst) list.push({ ...inst, sweep: k });
  }
  return list;
}
