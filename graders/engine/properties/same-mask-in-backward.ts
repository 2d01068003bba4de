/**
 * Dropout's backward pass uses the forward pass's mask: with an all-ones cotangent the
 * gradient with respect to x is m/(1 − rate) where the forward output kept the unit and 0
 * where it dropped it. Judged against the learner's own forward output, not a reference,
 * so it holds whatever mask the learner drew. The realm's gradient re-runs the function;
 * when that re-run's output is not the first one, the seed is ignored (seed-honoured names
 * that), and this check says it cannot tell.
 */
import { z } from "zod";
import { fmt, fmtShape } from "../compare.js";
import { nd } from "../ndarray.js";
import { ndFromWire, plannedCall } from "../wire.js";
import { fail, got, jsonArgOf, leafOf, pass, propertySpec, sameOutputs, type PropertyContext, type PropertyPlan } from "./define.js";

export const spec = propertySpec("same-mask-in-backward", z.strictObject({ x: z.string().min(1), rate: z.string().min(1) }));

const ADVICE =
  "Likely bug — the backward pass uses a different mask than the forward pass. Draw the mask once and multiply by it (tf ops differentiate through the multiplication); a custom gradient must reuse the forward mask, not draw a new one.";

export function plan(p: z.infer<typeof spec>["params"], { inst, tol, callId }: PropertyContext): PropertyPlan {
  const rate = jsonArgOf(inst, p.rate);
  if (typeof rate !== "number" || !(rate > 0 && rate < 1)) throw new Error(`property same-mask-in-backward on case ${inst.spec.id}: ${p.rate} must be a rate in (0, 1)`);
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
      for (let i = 0; i < g.data.length; i++) {
        const want = y.data[i] === 0 && x.data[i] !== 0 ? 0 : 1 / (1 - rate);
        if (!(Math.abs(g.data[i] - want) <= tol.rtol * want + tol.atol)) {
          const what = y.data[i] === 0 ? "dropped" : "kept";
          return { ...fail(`element ${i} was ${what} in the forward pass, so its gradient should be ${fmt(want)}, but it is ${fmt(g.data[i])}`), bug: "mask-changes-in-backward", diagnosis: ADVICE };
        }
      }
      return pass(`the gradient is mask/(1 − ${rate}) with the forward pass's own mask`);
    },
  };
}
