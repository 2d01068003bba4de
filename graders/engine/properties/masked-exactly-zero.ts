/** Where the mask blocks a key, the weight is exactly 0 (not merely small). */
import { z } from "zod";
import { t } from "../i18n.js";
import { fmt, fmtShape } from "../compare.js";
import { broadcastTo, type NdArray } from "../ndarray.js";
import { fail, Field, leafOf, onOwnOutput, pass, propertySpec, type PropertyContext, type PropertyPlan } from "./define.js";

export const spec = propertySpec("masked-exactly-zero", z.strictObject({ mask: z.string().min(1), field: Field }));

export function plan(p: z.infer<typeof spec>["params"], { inst }: PropertyContext): PropertyPlan {
  const mask = leafOf(inst, p.mask);
  return onOwnOutput(inst, p.field, (y) => {
    let m: NdArray;
    try {
      m = broadcastTo(mask, y.shape);
    } catch {
      return fail(t("masked-exactly-zero.shape", { out: fmtShape(y.shape), mask: fmtShape(mask.shape) }));
    }
    let count = 0;
    let first = -1;
    for (let i = 0; i < y.data.length; i++) {
      if (m.data[i] === 0 && y.data[i] !== 0) {
        count++;
        if (first < 0) first = i;
      }
    }
    return count === 0 ? pass(t("masked-exactly-zero.pass")) : fail(t("masked-exactly-zero.fail", { count, value: fmt(y.data[first]), index: first }));
  });
}
