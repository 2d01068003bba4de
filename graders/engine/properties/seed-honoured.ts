/**
 * A seeded random op is a function of its seed: the same seed gives the same output, and a
 * different seed a different one (for a mask of hundreds of units, two independent draws
 * agree with negligible probability).
 */
import { z } from "zod";
import type { CaseInputs } from "../inputs.js";
import { plannedCall } from "../wire.js";
import { fail, got, jsonArgOf, pass, propertySpec, sameOutputs, type CaseInstance, type PropertyContext, type PropertyPlan } from "./define.js";

export const spec = propertySpec("seed-honoured", z.strictObject({ options: z.string().min(1), key: z.string().min(1).default("seed") }));

const DIAGNOSIS =
  'Likely bug — the seed is ignored. Pass options.seed to tf.randomUniform(x.shape, 0, 1, "float32", seed): a seeded call must be reproducible.';

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
      const same = sameOutputs(first, again, exact, `two calls with seed ${seed}`);
      if (same) return same.message.startsWith("could not check") ? same : { ...same, bug: "seed-ignored", diagnosis: DIAGNOSIS };
      if (typeof differentSeed === "string") return fail(`could not check: ${differentSeed}`);
      if (sameOutputs(first, differentSeed, exact, "") === null) {
        return { ...fail(`seeds ${seed} and ${other} give the same output: the mask does not depend on the seed`), bug: "seed-ignored", diagnosis: DIAGNOSIS };
      }
      return pass(`seed ${seed} reproduces its output exactly and seed ${other} gives another`);
    },
  };
}
