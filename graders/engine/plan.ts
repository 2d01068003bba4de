/**
 * Planning a grading run: every case drawn (visible ones, and hidden draws when a teacher's
 * secret is given) with its float64 reference and cotangent, then the calls the learner's
 * realm must make — the cases' own and the extra ones each property check needs.
 */
import type { Tolerance } from "./compare.js";
import { fieldsOf, type GraderDefinition, type ReferenceResult } from "./grader.js";
import { buildCaseInputs, hiddenSeed, refArgs } from "./inputs.js";
import { nd, type NdArray } from "./ndarray.js";
import { planProperty, type CaseInstance, type PropertyPlan } from "./properties/index.js";
import type { PlannedCall } from "./protocol.js";
import { streamFor } from "./prng.js";
import type { CaseSpec, PropertySpec } from "./spec.js";
import { variedArgs } from "./vary.js";
import { plannedCall } from "./wire.js";

export interface Instance extends CaseInstance {
  hidden: boolean;
  ref: ReferenceResult | null;
  refError: string | null;
  cotangent: NdArray | null;
}

export interface PlannedProperty {
  spec: PropertySpec;
  plan: PropertyPlan;
}

export interface RunPlan {
  instances: Instance[];
  properties: PlannedProperty[];
  calls: PlannedCall[];
  exportNames: string[];
}

/** A random cotangent for the gradient check, drawn from the case's seed (so hidden draws differ). */
function cotangentFor(spec: CaseSpec, ref: ReferenceResult, seed: number): NdArray | null {
  const target = fieldsOf(ref.value).find(([f]) => f === spec.gradient?.of)?.[1];
  if (!target) return null;
  const rng = streamFor(seed, "cotangent");
  return nd(
    target.shape,
    Array.from({ length: target.data.length }, () => Math.fround(rng.normal())),
  );
}

/** Draws of a case's variation tried before a hidden draw keeps the public shapes. */
const VARY_TRIES = 8;

/** A hidden draw: the case with varied shapes and options, the first draw the reference accepts. */
function hiddenInstance(def: GraderDefinition, spec: CaseSpec, key: string, seed: number): Instance {
  if (spec.vary && spec.expect === "value") {
    for (let k = 0; k < VARY_TRIES; k++) {
      const varied: CaseSpec = { ...spec, args: variedArgs(spec.args, spec.vary, streamFor(seed, `vary#${k}`)) };
      const inst = instance(def, varied, key, seed, true);
      if (inst.ref) return inst;
    }
  }
  return instance(def, spec, key, seed, true);
}

function instance(def: GraderDefinition, spec: CaseSpec, key: string, seed: number, hidden: boolean): Instance {
  const inputs = buildCaseInputs(spec, seed);
  let ref: ReferenceResult | null = null;
  let refError: string | null = null;
  if (spec.expect === "value") {
    try {
      ref = def.references[spec.fn](refArgs(inputs));
    } catch (e) {
      refError = e instanceof Error ? e.message : String(e);
    }
  }
  const cotangent = spec.gradient && ref ? cotangentFor(spec, ref, seed) : null;
  return { spec, key, seed, hidden, inputs, ref, refError, cotangent };
}

export function buildInstances(def: GraderDefinition, secret: string | undefined, hiddenDraws: number): Instance[] {
  const list: Instance[] = [];
  for (const c of def.spec.cases) {
    if (c.visible || secret) list.push(instance(def, c, c.id, c.seed, false));
    if (secret) for (let k = 1; k <= hiddenDraws; k++) list.push(hiddenInstance(def, c, `hidden-${c.id}-${k}`, hiddenSeed(secret, `${c.id}#${k}`)));
  }
  return list;
}

export function planRun(def: GraderDefinition, tol: Tolerance, secret: string | undefined, hiddenDraws: number): RunPlan {
  const instances = buildInstances(def, secret, hiddenDraws);
  const byCase = new Map(instances.filter((i) => !i.hidden).map((i) => [i.spec.id, i]));
  const calls: PlannedCall[] = instances.map((i) =>
    plannedCall(i.key, i.spec.fn, i.inputs, i.spec.gradient && i.cotangent ? { of: i.spec.gradient.of, cotangent: i.cotangent } : null),
  );
  const properties: PlannedProperty[] = [];
  for (const p of def.spec.properties) {
    const inst = byCase.get(p.case);
    if (!inst) continue;
    const plan = planProperty(p, inst, tol);
    calls.push(...plan.calls);
    properties.push({ spec: p, plan });
  }
  const exportNames = [...new Set(def.spec.cases.map((c) => c.fn))];
  return { instances, properties, calls, exportNames };
}
