/** A rotation (RoPE) keeps the norm of every row of `arg`. */
import { z } from "zod";
import { t } from "../i18n.js";
import { fmt } from "../compare.js";
import { PROPERTY_FACTOR } from "../tolerances.js";
import { againstInput, fail, Field, pass, propertySpec, type PropertyContext, type PropertyPlan } from "./define.js";

export const spec = propertySpec("norm-preserving", z.strictObject({ arg: z.string().min(1), field: Field }));

export function plan(p: z.infer<typeof spec>["params"], { inst, tol }: PropertyContext): PropertyPlan {
  return againstInput(inst, p.arg, p.field, (x, y) => {
    const d = x.shape[x.shape.length - 1];
    for (let r = 0; r < x.data.length / d; r++) {
      let nx = 0;
      let ny = 0;
      for (let i = r * d; i < (r + 1) * d; i++) {
        nx += x.data[i] ** 2;
        ny += y.data[i] ** 2;
      }
      const [a, b] = [Math.sqrt(nx), Math.sqrt(ny)];
      if (!(Math.abs(a - b) <= tol.atol * PROPERTY_FACTOR * Math.max(1, a) + tol.rtol * PROPERTY_FACTOR * a)) {
        return fail(t("norm-preserving.fail", { row: r, from: fmt(a), to: fmt(b) }));
      }
    }
    return pass(t("norm-preserving.pass"));
  });
}
