/**
 * A warmup schedule (a function returning a number of a step): it rises strictly up to
 * `step` and falls from it, sampled at `span` steps on either side — the peak is exactly
 * where the contract puts it. `arg` names the step argument.
 */
import { z } from "zod";
import { t } from "../i18n.js";
import { fmt } from "../compare.js";
import type { CaseInputs, InputValue } from "../inputs.js";
import { plannedCall } from "../wire.js";
import { fail, isWhy, got, pass, propertySpec, type PropertyContext, type PropertyPlan } from "./define.js";

export const spec = propertySpec(
  "peak-at-step",
  z.strictObject({ arg: z.string().min(1), step: z.number().int().min(2), span: z.number().int().min(1).max(20).default(3) }),
);

function atStep(ci: CaseInputs, arg: string, step: number): CaseInputs {
  return { ...ci, args: ci.args.map((a, i): InputValue => (ci.names[i] === arg ? { t: "json", value: step } : a)) };
}

export function plan(p: z.infer<typeof spec>["params"], { inst, callId }: PropertyContext): PropertyPlan {
  const steps = Array.from({ length: 2 * p.span + 1 }, (_, k) => p.step - p.span + k).filter((s) => s >= 1);
  return {
    calls: steps.map((s, k) => plannedCall(callId(k + 1), inst.spec.fn, atStep(inst.inputs, p.arg, s), null)),
    judge(get) {
      const values: number[] = [];
      for (let k = 0; k < steps.length; k++) {
        const v = got(get(callId(k + 1)), null, "number");
        if (isWhy(v)) return fail(t("peak-at-step.could-not-check", { step: steps[k], why: v }));
        values.push(v.data[0]);
      }
      for (let k = 1; k < steps.length; k++) {
        const rising = steps[k] <= p.step;
        const ok = rising ? values[k] > values[k - 1] : values[k] < values[k - 1];
        if (!ok) {
          const direction = t(rising ? "peak-at-step.rise" : "peak-at-step.fall");
          return fail(t("peak-at-step.fail", { from: steps[k - 1], to: steps[k], a: fmt(values[k - 1]), b: fmt(values[k]), direction, step: p.step }));
        }
      }
      return pass(t("peak-at-step.pass", { step: p.step }));
    },
  };
}
