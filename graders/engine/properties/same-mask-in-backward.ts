/**
 * Dropout's backward pass uses the forward pass's mask: dropout multiplies each x_i by a
 * constant (0 or 1/(1 − rate)), so with an all-ones cotangent the gradient with respect to
 * x_i is that same constant, y_i/x_i. Judged against the learner's own forward output, not a reference,
 * so it holds whatever mask the learner drew. The realm's gradient re-runs the function;
 * when that re-run's output is not the first one, the seed is ignored (seed-honoured names
 * that), and this check says it cannot tell.
 */
import { z } from "zod";
import { fmt, fmtShape } from "../compare.js";
import { nd } from "../ndarray.js";
import { ndFromWire, plannedCall } from "../wire.js";
import { fail, got, leafOf, pass, propertySpec, sameOutputs, type PropertyContext, type PropertyPlan } from "./define.js";

export const spec = propertySpec("same-mask-in-backward", z.strictObject({ x: z.string().min(1) }));

const ADVICE =
  "Likely bug — the backward pass uses a different mask than the forward pass. Draw the mask once and multiply by it (tf ops differentiate through the multiplication); a custom gradient must reuse the forward mask, not draw a new one.";

export function plan(p: z.infer<typeof spec>["params"], { inst, tol, callId }: PropertyContext): PropertyPlan {
  const x = leafOf(inst, p.x);
  const ones = nd(x.shape, new Float64Array(x.data.length).fill(1));
  return {
    calls: [plannedCall(callId(1), inst.spec.fn, inst.inputs, { of: null, cotangent: ones })],
    judge(get) {
      const outcome = get(callId(1));
      const y = got(outcome, null);
      if (typeof y === "string") return fail(`could not check: ${y}`);
      const rerun = sameOutputs(got(get(inst.key), null), y, tol, "two calls with the same seed");
      if (rerun) return fail(`could not check: ${rerun.message} (the mask depends on something besides the seed)`);
      if (!outcome?.ok || outcome.gradError || !outcome.grads?.[p.x]) return fail(`could not check: no gradient came back for ${p.x}`);
      const g = ndFromWire(outcome.grads[p.x]);
      if (g.shape.join() !== x.shape.join()) return fail(`d/d${p.x} has shape ${fmtShape(g.shape)}, expected ${fmtShape(x.shape)}`);
      // The forward pass multiplied x_i by y_i/x_i (0 or the kept scale); the backward pass must multiply by the same.
      for (let i = 0; i < g.data.length; i++) {
        if (x.data[i] === 0) continue;
        const want = y.data[i] / x.data[i];
        if (!(Math.abs(g.data[i] - want) <= tol.rtol * Math.abs(want) + tol.atol)) {
          const what = y.data[i] === 0 ? "dropped" : `kept (× ${fmt(want)})`;
          return {
            ...fail(`element ${i} was ${what} in the forward pass, so its gradient should be ${fmt(want)}, but it is ${fmt(g.data[i])}`),
            bug: "mask-changes-in-backward",
            diagnosis: ADVICE,
          };
        }
      }
      return pass("the gradient multiplies each unit by what the forward pass multiplied it by: the same mask");
    },
  };
}
