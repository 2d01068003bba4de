/**
 * RoPE: ⟨R_m q, R_n k⟩ must depend only on n − m, so shifting every position (the options'
 * offset) by `shift` keeps every score. `arg` is redrawn under another name to serve as k.
 */
import { z } from "zod";
import { t } from "../i18n.js";
import { allclose, fmt, fmtShape } from "../compare.js";
import { buildCaseInputs, type CaseInputs } from "../inputs.js";
import { matmul, transposeLast2, type NdArray } from "../ndarray.js";
import { PROPERTY_FACTOR } from "../tolerances.js";
import { plannedCall } from "../wire.js";
import { cannotCheck, fail, isWhy, Field, got, pass, propertySpec, type PropertyContext, type PropertyPlan } from "./define.js";

export const spec = propertySpec("relative-position", z.strictObject({ arg: z.string().min(1), shift: z.number().default(7), field: Field }));

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

/** The same inputs with `extra` added to the offset of every options object. */
function withOffset(ci: CaseInputs, extra: number): CaseInputs {
  return {
    ...ci,
    args: ci.args.map((a) =>
      a.t === "json" && isRecord(a.value) ? { t: "json", value: { ...a.value, offset: (typeof a.value.offset === "number" ? a.value.offset : 0) + extra } } : a,
    ),
  };
}

export function plan(p: z.infer<typeof spec>["params"], { inst, tol, callId }: PropertyContext): PropertyPlan {
  const other = buildCaseInputs({ ...inst.spec, args: inst.spec.args.map((a) => (a.name === p.arg ? { ...a, name: `${a.name}-k` } : a)) }, inst.seed);
  const kInputs = { ...other, names: inst.inputs.names };
  const fn = inst.spec.fn;
  return {
    calls: [
      plannedCall(callId(1), fn, kInputs, null),
      plannedCall(callId(2), fn, withOffset(inst.inputs, p.shift), null),
      plannedCall(callId(3), fn, withOffset(kInputs, p.shift), null),
    ],
    judge(get) {
      const outs = [get(inst.key), get(callId(1)), get(callId(2)), get(callId(3))].map((o) => got(o, p.field));
      const missing = outs.find(isWhy);
      if (missing !== undefined) return cannotCheck(missing);
      const [q0, k0, q1, k1] = outs.filter((o): o is NdArray => !isWhy(o));
      const scores = (q: NdArray, k: NdArray) => matmul(q, transposeLast2(k));
      // A score sums d products of two rotated outputs, each with its own rounding: ten times a property's slack.
      const cmp = allclose(scores(q0, k0), scores(q1, k1).data, { atol: tol.atol * PROPERTY_FACTOR * 10, rtol: tol.rtol * PROPERTY_FACTOR * 10 });
      if (cmp.ok) return pass(t("relative-position.pass", { shift: p.shift }));
      const w = cmp.worst!;
      return fail(t("relative-position.fail", { at: fmtShape(w.coords), from: fmt(w.want), to: fmt(w.got), shift: p.shift }));
    },
  };
}
