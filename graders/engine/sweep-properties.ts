/**
 * Properties on the sweep's configurations (issue 9: each sweep draw is checked "against the
 * float64 reference and the properties"). A property is written for its case's public shapes
 * and options (an axis, a position t, a peak step), and a draw may change those — so a
 * property is carried over to a draw only when the float64 reference itself satisfies it
 * there: the property's extra calls are answered by the reference, and its own judge must
 * say "holds". A property that cannot apply to a draw (t past the draw's length, an axis the
 * draw moved) is left out for that draw, never failed on the learner.
 */
import type { Tolerance } from "./compare.js";
import type { GraderDefinition, RefValue } from "./grader.js";
import type { RefArg } from "./inputs.js";
import type { Instance } from "./instance.js";
import { isNdArray } from "./ref-args.js";
import { planProperty, type PropertyPlan } from "./properties/index.js";
import type { CallOutcome, PlannedCall, WireArg, WireValue } from "./protocol.js";
import type { PropertySpec } from "./spec.js";
import { SWEEP_SHARE } from "./sweep.js";
import { toleranceFor } from "./tolerances.js";
import { nd } from "./ndarray.js";
import { resolveChainedLeaves } from "./chained-leaves.js";

export interface SweptProperty {
  spec: PropertySpec;
  plan: PropertyPlan;
  inst: Instance;
}

/** The float64 reference's arguments for a planned call (leaves as the learner receives them). */
function refArgsOf(call: PlannedCall): RefArg[] {
  const conv = (a: WireArg): RefArg => {
    switch (a.t) {
      case "tensor": {
        const leaf = call.leaves[a.leaf];
        return nd(leaf.shape, leaf.data);
      }
      case "json":
        return structuredClone(a.value);
      case "omit":
        return undefined;
      case "object":
        return Object.fromEntries(Object.entries(a.entries).map(([k, v]) => [k, conv(v)]));
    }
  };
  return call.args.map(conv);
}

function toWire(value: RefValue | number): WireValue {
  if (typeof value === "number") return { t: "number", value };
  if (isNdArray(value)) return { t: "tensor", tensor: { shape: [...value.shape], dtype: "float32", data: Float32Array.from(value.data) } };
  return { t: "object", entries: Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toWire(v)])) };
}

const NO_HYGIENE = { forbiddenUsed: [], leaked: 0, disposedInputs: [], changedInputs: [], ms: 0 };

/**
 * What the draw's own call and the property's extra calls return when the float64 reference
 * answers them (in plan order, chained calls fed forward).
 */
function referenceOutcomes(def: GraderDefinition, inst: Instance, calls: PlannedCall[]): Map<string, CallOutcome> {
  const results = new Map<string, WireValue>();
  const outcomes = new Map<string, CallOutcome>();
  if (inst.ref) {
    const own = toWire(inst.ref.value);
    results.set(inst.key, own);
    outcomes.set(inst.key, { ok: true, value: own, hygiene: NO_HYGIENE });
  }
  for (const planned of calls) {
    const call = resolveChainedLeaves(planned, results);
    if (typeof call === "string") continue;
    try {
      const value = toWire(def.references[call.fn](refArgsOf(call)).value as RefValue | number);
      results.set(call.id, value);
      outcomes.set(call.id, { ok: true, value, hygiene: NO_HYGIENE });
    } catch {
      /* the reference refuses this input: the property's call is not answerable here */
    }
  }
  return outcomes;
}

/**
 * Whether the reference satisfies the property on this draw (a planner that throws: it does
 * not apply). Decided at the strictest tolerance, so every backend grades the same list of
 * checks (what `--list-checks` prints); the learner is then judged at the backend's own.
 */
function holdsForReference(def: GraderDefinition, spec: PropertySpec, inst: Instance): boolean {
  try {
    const plan = planProperty(spec, inst, toleranceFor("cpu"));
    const outcomes = referenceOutcomes(def, inst, plan.calls);
    return plan.judge((id) => outcomes.get(id)).passed;
  } catch {
    return false;
  }
}

/** A swept property's check id: the property's, at the draw ("property/sums-to-one@sweep-basic-3"). */
export function sweptPropertyId(propertyId: string, inst: Pick<Instance, "key">): string {
  return `property/${propertyId}@${inst.key}`;
}

/** Every property of each sweep draw's case that the reference satisfies on that draw, with the sweep's share of its points. */
export function sweepProperties(def: GraderDefinition, sweeps: readonly Instance[], tol: Tolerance): SweptProperty[] {
  const out: SweptProperty[] = [];
  for (const inst of sweeps) {
    for (const spec of def.spec.properties) {
      if (spec.case !== inst.spec.id) continue;
      if (!holdsForReference(def, spec, inst)) continue;
      out.push({ spec: { ...spec, points: spec.points * SWEEP_SHARE }, plan: planProperty(spec, inst, tol), inst });
    }
  }
  return out;
}
