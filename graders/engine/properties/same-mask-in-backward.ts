/**
 * Dropout's backward pass uses the forward pass's mask: dropout multiplies each x_i by a
 * constant (0 or 1/(1 − rate)), so with an all-ones cotangent the gradient with respect to
 * x_i is that same constant, y_i/x_i. Judged against the learner's own forward output, not a reference,
 * so it holds whatever mask the learner drew. The realm's gradient re-runs the function;
 * when that re-run's output is not the first one, the seed is ignored (seed-honoured names
 * that), and this check says it cannot tell.
 */
import { z } from "zod";
import { t } from "../i18n.js";
import { fmt, fmtShape } from "../compare.js";
import { nd } from "../ndarray.js";
import { ndFromWire, plannedCall } from "../wire.js";
import { cannotCheck, fail, got, isWhy, leafOf, pass, propertySpec, sameOutputs, type PropertyContext, type PropertyPlan } from "./define.js";

export const spec = propertySpec("same-mask-in-backward", z.strictObject({ x: z.string().min(1) }));

export function plan(p: z.infer<typeof spec>["params"], { inst, tol, callId }: PropertyContext): PropertyPlan {
  const x = leafOf(inst, p.x);
  const ones = nd(x.shape, new Float64Array(x.data.length).fill(1));
  return {
    calls: [plannedCall(callId(1), inst.spec.fn, inst.inputs, { of: null, cotangent: ones })],
    judge(get) {
      const outcome = get(callId(1));
      const y = got(outcome, null);
      if (isWhy(y)) return cannotCheck(y);
      const rerun = sameOutputs(got(get(inst.key), null), y, tol, { en: "two calls with the same seed", zh: "两次使用相同种子的调用" });
      if (rerun) return fail(t("same-mask.mask-varies", { why: rerun.message }));
      if (!outcome?.ok || outcome.gradError || !outcome.grads?.[p.x]) return fail(t("same-mask.no-gradient", { x: p.x }));
      const g = ndFromWire(outcome.grads[p.x]);
      if (g.shape.join() !== x.shape.join()) return fail(t("same-mask.shape", { x: p.x, got: fmtShape(g.shape), want: fmtShape(x.shape) }));
      // The forward pass multiplied x_i by y_i/x_i (0 or the kept scale); the backward pass must multiply by the same.
      for (let i = 0; i < g.data.length; i++) {
        if (x.data[i] === 0) continue;
        const want = y.data[i] / x.data[i];
        if (!(Math.abs(g.data[i] - want) <= tol.rtol * Math.abs(want) + tol.atol)) {
          const what = y.data[i] === 0 ? t("same-mask.dropped") : t("same-mask.kept", { factor: fmt(want) });
          return {
            ...fail(t("same-mask.fail", { i, what, want: fmt(want), got: fmt(g.data[i]) })),
            bug: "mask-changes-in-backward",
            diagnosis: t("bug.mask-changes-in-backward"),
          };
        }
      }
      return pass(t("same-mask.pass"));
    },
  };
}
