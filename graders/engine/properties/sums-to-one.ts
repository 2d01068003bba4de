/** Softmax-like outputs: every slice along `axis` sums to 1. */
import { z } from "zod";
import { t } from "../i18n.js";
import { fmt } from "../compare.js";
import { forEachFibre, normAxis } from "../ndarray.js";
import { PROPERTY_FACTOR } from "../tolerances.js";
import { fail, Field, onOwnOutput, pass, propertySpec, type PropertyContext, type PropertyPlan } from "./define.js";

export const spec = propertySpec("sums-to-one", z.strictObject({ axis: z.number().int().default(-1), field: Field }).default({ axis: -1, field: null }));

export function plan(p: z.infer<typeof spec>["params"], { inst, tol }: PropertyContext): PropertyPlan {
  return onOwnOutput(inst, p.field, (y) => {
    const axis = normAxis(p.axis, y.shape.length);
    let worst = 0;
    let worstSum = 1;
    forEachFibre(y.shape, axis, (idx) => {
      let s = 0;
      for (const i of idx) s += y.data[i];
      const err = Number.isFinite(s) ? Math.abs(s - 1) : Infinity;
      if (err > worst) [worst, worstSum] = [err, s];
    });
    const bound = tol.atol * PROPERTY_FACTOR + tol.rtol;
    return worst <= bound ? pass(t("sums-to-one.pass", { axis })) : fail(t("sums-to-one.fail", { axis, sum: fmt(worstSum) }));
  });
}
