/** RoPE: position 0 turns by angle 0, so row 0 of `arg` comes back unchanged. */
import { z } from "zod";
import { t } from "../i18n.js";
import { fmt } from "../compare.js";
import { PROPERTY_FACTOR } from "../tolerances.js";
import { againstInput, fail, Field, pass, propertySpec, type PropertyContext, type PropertyPlan } from "./define.js";

export const spec = propertySpec("identity-at-zero", z.strictObject({ arg: z.string().min(1), field: Field }));

export function plan(p: z.infer<typeof spec>["params"], { inst, tol }: PropertyContext): PropertyPlan {
  return againstInput(inst, p.arg, p.field, (x, y) => {
    const [L, d] = x.shape.slice(-2);
    for (let i = 0; i < x.data.length; i++) {
      if (Math.floor(i / d) % L !== 0) continue;
      if (!(Math.abs(x.data[i] - y.data[i]) <= tol.atol * PROPERTY_FACTOR)) {
        return fail(t("identity-at-zero.fail", { i: i % d, from: fmt(x.data[i]), to: fmt(y.data[i]) }));
      }
    }
    return pass(t("identity-at-zero.pass"));
  });
}
