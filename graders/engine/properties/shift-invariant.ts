/** Softmax: adding a constant to every logit of `arg` leaves the output unchanged. */
import { z } from "zod";
import { t } from "../i18n.js";
import { withLeaves } from "../inputs.js";
import { nd } from "../ndarray.js";
import { PROPERTY_FACTOR } from "../tolerances.js";
import { plannedCall } from "../wire.js";
import { Field, got, leafOf, pass, propertySpec, sameOutputs, type PropertyContext, type PropertyPlan } from "./define.js";

export const spec = propertySpec("shift-invariant", z.strictObject({ arg: z.string().min(1), shift: z.number().default(50), field: Field }));

export function plan(p: z.infer<typeof spec>["params"], { inst, tol, callId }: PropertyContext): PropertyPlan {
  const x = leafOf(inst, p.arg);
  const shifted = withLeaves(
    inst.inputs,
    new Map([
      [
        p.arg,
        nd(
          x.shape,
          x.data.map((v) => Math.fround(v + p.shift)),
        ),
      ],
    ]),
  );
  return {
    calls: [plannedCall(callId(1), inst.spec.fn, shifted, null)],
    judge(get) {
      // Adding `shift` to float32 inputs rounds them again, so allow that input rounding.
      const loose = { atol: tol.atol * PROPERTY_FACTOR, rtol: tol.rtol * PROPERTY_FACTOR };
      const bad = sameOutputs(got(get(inst.key), p.field), got(get(callId(1)), p.field), loose, t("shift-invariant.what", { shift: p.shift }));
      return bad ?? pass(t("shift-invariant.pass", { shift: p.shift }));
    },
  };
}
