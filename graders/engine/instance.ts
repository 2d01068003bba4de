/**
 * One drawn case: its concrete inputs, the float64 reference on them, and the cotangent its
 * gradient check uses — the unit every judged check is made of (public cases, hidden draws
 * and the property sweep alike).
 */
import { fieldsOf, type GraderDefinition, type ReferenceResult } from "./grader.js";
import { buildCaseInputs, refArgs } from "./inputs.js";
import { nd, type NdArray } from "./ndarray.js";
import type { CaseInstance } from "./properties/index.js";
import { streamFor } from "./prng.js";
import type { CaseSpec } from "./spec.js";
import { variedArgs } from "./vary.js";

export interface Instance extends CaseInstance {
  hidden: boolean;
  /** k for the k-th configuration of the property sweep (see sweep.ts); absent for cases and hidden draws. */
  sweep?: number;
  ref: ReferenceResult | null;
  refError: string | null;
  cotangent: NdArray | null;
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

export function instance(def: GraderDefinition, spec: CaseSpec, key: string, seed: number, hidden: boolean): Instance {
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

/** Draws of a case's variation tried before giving up on a new configuration. */
export const VARY_TRIES = 8;

/**
 * The first draw of the case's variation that the reference accepts and `accept` lets
 * through (the sweep refuses a draw with the public shapes), or null when none of
 * VARY_TRIES draws does.
 */
export function variedInstance(
  def: GraderDefinition,
  spec: CaseSpec,
  key: string,
  seed: number,
  hidden: boolean,
  accept: (inst: Instance) => boolean = () => true,
): Instance | null {
  if (!spec.vary || spec.expect !== "value") return null;
  for (let k = 0; k < VARY_TRIES; k++) {
    const varied: CaseSpec = { ...spec, args: variedArgs(spec.args, spec.vary, streamFor(seed, `vary#${k}`)) };
    const inst = instance(def, varied, key, seed, hidden);
    if (inst.ref && accept(inst)) return inst;
  }
  return null;
}
