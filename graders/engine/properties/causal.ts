/** Under a causal mask, outputs at positions ≤ t do not depend on inputs after t. */
import { z } from "zod";
import { t as msg } from "../i18n.js";
import { fmt } from "../compare.js";
import { withLeaves } from "../inputs.js";
import type { NdArray } from "../ndarray.js";
import { PROPERTY_FACTOR } from "../tolerances.js";
import { plannedCall } from "../wire.js";
import {
  cannotCheck,
  fail,
  Field,
  got,
  isWhy,
  leafOf,
  pass,
  perturbRows,
  propertySpec,
  type PropertyContext,
  type PropertyPlan,
  type PropertyVerdict,
} from "./define.js";

export const spec = propertySpec("causal", z.strictObject({ t: z.number().int().min(0), perturb: z.array(z.string().min(1)).min(1), field: Field }));

function pastUnchanged(a: NdArray, b: NdArray, t: number, atol: number, rtol: number): PropertyVerdict {
  const axisLen = a.shape[a.shape.length - 2];
  const last = a.shape[a.shape.length - 1];
  for (let i = 0; i < a.data.length; i++) {
    const row = Math.floor(i / last) % axisLen;
    if (row > t) continue;
    const bound = atol * PROPERTY_FACTOR + rtol * Math.abs(a.data[i]);
    if (!(Math.abs(a.data[i] - b.data[i]) <= bound)) {
      return fail(msg("causal.leak", { row, t, from: fmt(a.data[i]), to: fmt(b.data[i]) }));
    }
  }
  return pass(msg("causal.pass", { t }));
}

export function plan(p: z.infer<typeof spec>["params"], { inst, tol, callId }: PropertyContext): PropertyPlan {
  const replace = new Map<string, NdArray>();
  for (const name of p.perturb)
    replace.set(
      name,
      perturbRows(leafOf(inst, name), (_b, row) => row > p.t, inst.seed, name),
    );
  return {
    calls: [plannedCall(callId(1), inst.spec.fn, withLeaves(inst.inputs, replace), null)],
    judge(get) {
      const a = got(get(inst.key), p.field);
      const b = got(get(callId(1)), p.field);
      if (isWhy(a)) return cannotCheck(a);
      if (isWhy(b)) return cannotCheck(b);
      if (a.shape.join() !== b.shape.join()) return fail(msg("causal.shape"));
      return pastUnchanged(a, b, p.t, tol.atol, tol.rtol);
    },
  };
}
