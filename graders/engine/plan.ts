/**
 * Planning a grading run: every case drawn (visible ones, and hidden draws when a teacher's
 * secret is given, then the property sweep's configurations, sweep.ts) with its float64
 * reference and cotangent, then the calls the learner's realm must make — the cases' own
 * and the extra ones each property check needs.
 */
import type { Tolerance } from "./compare.js";
import type { GraderDefinition } from "./grader.js";
import { hiddenSeed } from "./inputs.js";
import { instance, variedInstance, type Instance } from "./instance.js";
import { planProperty, type PropertyPlan } from "./properties/index.js";
import type { PlannedCall } from "./protocol.js";
import type { CaseSpec, PropertySpec } from "./spec.js";
import { configurationOf, sweepInstances } from "./sweep.js";
import { sweepProperties } from "./sweep-properties.js";
import { plannedCall } from "./wire.js";

export type { Instance } from "./instance.js";

export interface PlannedProperty {
  spec: PropertySpec;
  plan: PropertyPlan;
  /** The sweep draw it runs on (sweep-properties.ts); absent for a property on its public case. */
  sweep?: Instance;
}

export interface RunPlan {
  instances: Instance[];
  properties: PlannedProperty[];
  calls: PlannedCall[];
  exportNames: string[];
}

/** A hidden draw: the case with varied shapes and options, or its public shapes when no draw fits. */
function hiddenInstance(def: GraderDefinition, spec: CaseSpec, key: string, seed: number): Instance {
  return variedInstance(def, spec, key, seed, true) ?? instance(def, spec, key, seed, true);
}

/** Every case of the run (public cases, hidden draws with a secret), then the sweep's configurations. */
export function buildInstances(def: GraderDefinition, secret: string | undefined, hiddenDraws: number, sweep = 0): Instance[] {
  const list: Instance[] = [];
  for (const c of def.spec.cases) {
    if (c.visible || secret) list.push(instance(def, c, c.id, c.seed, false));
    if (secret) for (let k = 1; k <= hiddenDraws; k++) list.push(hiddenInstance(def, c, `hidden-${c.id}-${k}`, hiddenSeed(secret, `${c.id}#${k}`)));
  }
  const publicConfig = new Map(list.filter((i) => !i.hidden).map((i) => [i.spec.id, configurationOf(i)]));
  return [...list, ...sweepInstances(def, secret, sweep, publicConfig)];
}

export function planRun(def: GraderDefinition, tol: Tolerance, secret: string | undefined, hiddenDraws: number, sweep = 0): RunPlan {
  const instances = buildInstances(def, secret, hiddenDraws, sweep);
  const byCase = new Map(instances.filter((i) => !i.hidden && i.sweep === undefined).map((i) => [i.spec.id, i]));
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
  for (const swept of sweepProperties(
    def,
    instances.filter((i) => i.sweep !== undefined),
    tol,
  )) {
    calls.push(...swept.plan.calls);
    properties.push({ spec: swept.spec, plan: swept.plan, sweep: swept.inst });
  }
  const exportNames = [...new Set(def.spec.cases.map((c) => c.fn))];
  return { instances, properties, calls, exportNames };
}
