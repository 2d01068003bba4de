/**
 * Autoregressive decoding: feeding the sequence one row at a time, each call continuing the
 * state (a KV cache) the previous call returned, must give the same rows as one call over
 * the whole sequence — and leave the same state. The case's own call is the one-shot pass
 * from the initial state; the property chains one call per row in the learner's realm.
 */
import { z } from "zod";
import { t, type Bi } from "../i18n.js";
import { allclose, fmt, fmtShape } from "../compare.js";
import { withLeaves } from "../inputs.js";
import { nd, type NdArray } from "../ndarray.js";
import type { CallOutcome } from "../protocol.js";
import { PROPERTY_FACTOR } from "../tolerances.js";
import { plannedCall } from "../wire.js";
import { cannotCheck, fail, isWhy, Field, got, leafOf, pass, propertySpec, type PropertyContext, type PropertyPlan, type PropertyVerdict } from "./define.js";

export const spec = propertySpec(
  "stepwise",
  z.strictObject({
    /** The input fed a row (along its second-to-last axis) at a time. */
    arg: z.string().min(1),
    /** State leaves and the result field each next call takes them from: { "cache.k": "cache.k" }. */
    state: z.record(z.string().min(1), z.string().min(1)),
    /** The output compared row by row with the one-shot call's. */
    field: Field,
  }),
);

/** Row `i` (of the second-to-last axis) of `a`, keeping the axis: [..., 1, d]. */
export function rowOf(a: NdArray, i: number): NdArray {
  const [L, d] = a.shape.slice(-2);
  const outer = a.data.length / (L * d);
  const out = nd([...a.shape.slice(0, -2), 1, d]);
  for (let o = 0; o < outer; o++) for (let j = 0; j < d; j++) out.data[o * d + j] = a.data[(o * L + i) * d + j];
  return out;
}

/** null when b (a step's output or state) equals a within the property's slack, else why not. */
function differs(a: NdArray, b: NdArray, tol: PropertyContext["tol"], what: Bi): PropertyVerdict | null {
  if (a.shape.join() !== b.shape.join()) return fail(t("stepwise.shape", { what, got: fmtShape(b.shape), want: fmtShape(a.shape) }));
  const cmp = allclose(a, b.data, { atol: tol.atol * PROPERTY_FACTOR, rtol: tol.rtol * PROPERTY_FACTOR });
  if (cmp.ok) return null;
  const w = cmp.worst!;
  return fail(t("stepwise.differs", { what, at: fmtShape(w.coords), got: fmt(w.got), want: fmt(w.want) }));
}

export function plan(p: z.infer<typeof spec>["params"], { inst, tol, callId }: PropertyContext): PropertyPlan {
  const x = leafOf(inst, p.arg);
  const steps = x.shape[x.shape.length - 2];
  const calls = Array.from({ length: steps }, (_, i) => {
    const call = plannedCall(callId(i + 1), inst.spec.fn, withLeaves(inst.inputs, new Map([[p.arg, rowOf(x, i)]])), null);
    if (i > 0) call.from = Object.fromEntries(Object.entries(p.state).map(([leaf, field]) => [leaf, { call: callId(i), field }]));
    return call;
  });
  return {
    calls,
    judge(get: (id: string) => CallOutcome | undefined) {
      const whole = got(get(inst.key), p.field);
      if (isWhy(whole)) return cannotCheck(whole);
      for (let i = 0; i < steps; i++) {
        const step = got(get(callId(i + 1)), p.field);
        if (isWhy(step)) return fail(t("stepwise.step-failed", { i: i + 1, n: steps, why: step }));
        const bad = differs(rowOf(whole, i), step, tol, t("stepwise.row-differs", { i: i + 1, row: i }));
        if (bad) return bad;
      }
      for (const field of Object.values(p.state)) {
        const once = got(get(inst.key), field);
        const last = got(get(callId(steps)), field);
        if (isWhy(once) || isWhy(last)) return fail(t("stepwise.could-not-compare", { field, why: isWhy(once) ? once : (last as Bi) }));
        const bad = differs(once, last, tol, t("stepwise.state-differs", { n: steps, field }));
        if (bad) return bad;
      }
      return pass(t("stepwise.pass", { n: steps }));
    },
  };
}
