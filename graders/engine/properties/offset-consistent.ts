/**
 * A position table (sinusoidal encoding): the rows at offset o + s equal rows s … of a
 * longer table starting at o, so a continuation (a KV cache) sees the same encodings as a
 * full pass. `lengthArg` names the number argument that sets the row count.
 */
import { z } from "zod";
import { t } from "../i18n.js";
import type { CaseInputs, InputValue } from "../inputs.js";
import { nd } from "../ndarray.js";
import { PROPERTY_FACTOR } from "../tolerances.js";
import { plannedCall } from "../wire.js";
import { cannotCheck, fail, isWhy, Field, got, pass, propertySpec, sameOutputs, type PropertyContext, type PropertyPlan } from "./define.js";

export const spec = propertySpec(
  "offset-consistent",
  z.strictObject({ lengthArg: z.string().min(1), shift: z.number().int().min(1).default(5), field: Field }),
);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The same inputs with the length argument increased by `longer` and every options object's offset by `later`. */
function moved(ci: CaseInputs, lengthArg: string, longer: number, later: number): CaseInputs {
  const args = ci.args.map((a, i): InputValue => {
    if (a.t !== "json") return a;
    if (ci.names[i] === lengthArg && typeof a.value === "number") return { t: "json", value: a.value + longer };
    if (isRecord(a.value)) return { t: "json", value: { ...a.value, offset: (typeof a.value.offset === "number" ? a.value.offset : 0) + later } };
    return a;
  });
  return { ...ci, args };
}

export function plan(p: z.infer<typeof spec>["params"], { inst, tol, callId }: PropertyContext): PropertyPlan {
  const at = inst.inputs.names.indexOf(p.lengthArg);
  const length = inst.inputs.args[at];
  if (length?.t !== "json" || typeof length.value !== "number") {
    throw new Error(`property on case ${inst.spec.id}: ${p.lengthArg} is not a number argument`);
  }
  return {
    calls: [
      plannedCall(callId(1), inst.spec.fn, moved(inst.inputs, p.lengthArg, p.shift, 0), null),
      plannedCall(callId(2), inst.spec.fn, moved(inst.inputs, p.lengthArg, 0, p.shift), null),
    ],
    judge(get) {
      const long = got(get(callId(1)), p.field);
      const later = got(get(callId(2)), p.field);
      if (isWhy(long)) return cannotCheck(long);
      if (isWhy(later)) return cannotCheck(later);
      const width = long.shape[long.shape.length - 1] ?? 0;
      if (long.data.length < p.shift * width + later.data.length) return fail(t("offset-consistent.too-few", { shape: String(long.shape) }));
      const tail = nd(later.shape, long.data.slice(p.shift * width, p.shift * width + later.data.length));
      const loose = { atol: tol.atol * PROPERTY_FACTOR, rtol: tol.rtol * PROPERTY_FACTOR };
      const bad = sameOutputs(tail, later, loose, t("offset-consistent.what", { shift: p.shift }));
      return bad ?? pass(t("offset-consistent.pass", { shift: p.shift }));
    },
  };
}
