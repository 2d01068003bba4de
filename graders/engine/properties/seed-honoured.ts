/**
 * A seeded random op is a function of its seed: the same seed gives the same output, and a
 * different seed a different one (for a mask of hundreds of units, two independent draws
 * agree with negligible probability).
 */
import { z } from "zod";
import { t } from "../i18n.js";
import type { CaseInputs } from "../inputs.js";
import { plannedCall } from "../wire.js";
import {
  cannotCheck,
  fail,
  got,
  isWhy,
  jsonArgOf,
  pass,
  propertySpec,
  sameOutputs,
  type CaseInstance,
  type PropertyContext,
  type PropertyPlan,
} from "./define.js";

/** The comparison with another seed only asks whether the outputs agree: its verdict is never shown. */
const UNSHOWN = { en: "", zh: "" };

export const spec = propertySpec("seed-honoured", z.strictObject({ options: z.string().min(1), key: z.string().min(1).default("seed") }));

function withOption(inst: CaseInstance, name: string, key: string, value: unknown): CaseInputs {
  const i = inst.inputs.names.indexOf(name);
  const opts = jsonArgOf(inst, name);
  const args = inst.inputs.args.slice();
  args[i] = { t: "json", value: { ...(opts as object), [key]: value } };
  return { ...inst.inputs, args };
}

export function plan(p: z.infer<typeof spec>["params"], { inst, callId }: PropertyContext): PropertyPlan {
  const seed = (jsonArgOf(inst, p.options) as Record<string, unknown> | undefined)?.[p.key];
  if (typeof seed !== "number") throw new Error(`property seed-honoured on case ${inst.spec.id}: ${p.options}.${p.key} must be a number`);
  const other = seed + 1;
  return {
    calls: [plannedCall(callId(1), inst.spec.fn, inst.inputs, null), plannedCall(callId(2), inst.spec.fn, withOption(inst, p.options, p.key, other), null)],
    judge(get) {
      const first = got(get(inst.key), null);
      const again = got(get(callId(1)), null);
      const differentSeed = got(get(callId(2)), null);
      const exact = { atol: 0, rtol: 0 };
      const diagnosis = t("bug.seed-ignored");
      if (isWhy(first)) return cannotCheck(first);
      if (isWhy(again)) return cannotCheck(again);
      const same = sameOutputs(first, again, exact, t("seed.what", { seed }));
      if (same) return { ...same, bug: "seed-ignored", diagnosis };
      if (isWhy(differentSeed)) return cannotCheck(differentSeed);
      if (sameOutputs(first, differentSeed, exact, UNSHOWN) === null) {
        return { ...fail(t("seed.same-output", { seed, other })), bug: "seed-ignored", diagnosis };
      }
      return pass(t("seed.pass", { seed, other }));
    },
  };
}
