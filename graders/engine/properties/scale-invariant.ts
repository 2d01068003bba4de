/** Normalisation (RMSNorm, LayerNorm): multiplying every element of `arg` by a positive factor leaves the output unchanged. */
import { z } from "zod";
import { t } from "../i18n.js";
import { withLeaves } from "../inputs.js";
import { nd } from "../ndarray.js";
import { PROPERTY_FACTOR } from "../tolerances.js";
import { plannedCall } from "../wire.js";
import { Field, got, leafOf, pass, propertySpec, sameOutputs, type PropertyContext, type PropertyPlan } from "./define.js";

export const spec = propertySpec("scale-invariant", z.strictObject({ arg: z.string().min(1), factor: z.number().positive().default(8), field: Field }));

export function plan(p: z.infer<typeof spec>["params"], { inst, tol, callId }: PropertyContext): PropertyPlan {
  const x = leafOf(inst, p.arg);
  const scaled = withLeaves(
    inst.inputs,
    new Map([
      [
        p.arg,
        nd(
          x.shape,
          x.data.map((v) => Math.fround(v * p.factor)),
        ),
      ],
    ]),
  );
  return {
    calls: [plannedCall(callId(1), inst.spec.fn, scaled, null)],
    judge(get) {
      // ε inside the root breaks exact invariance by about ε/(2·mean square) relative: far below this slack for unit-scale rows.
      const loose = { atol: tol.atol * PROPERTY_FACTOR, rtol: tol.rtol * PROPERTY_FACTOR };
      const bad = sameOutputs(got(get(inst.key), p.field), got(get(callId(1)), p.field), loose, t("scale-invariant.what", { arg: p.arg, factor: p.factor }));
      return bad ?? pass(t("scale-invariant.pass", { arg: p.arg, factor: p.factor }));
    },
  };
}
