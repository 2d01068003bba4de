/**
 * A memory-bounded kernel (attention by tiles): no tensor the call creates — intermediate
 * or result — may have B·Lq·Lk elements or more, the size of the full score matrix, where
 * B is the product of q's leading axes, Lq its rows and Lk the rows of k. The learner's
 * realm measures the largest tensor it registered during the call (runtime/tensor-meter.ts).
 */
import { z } from "zod";
import { fmtShape } from "../compare.js";
import { fail, leafOf, pass, propertySpec, type PropertyContext, type PropertyPlan } from "./define.js";

export const spec = propertySpec(
  "bounded-intermediates",
  z.strictObject({
    q: z.string().min(1),
    k: z.string().min(1),
    /** The bug a failure names, with the advice shown as its diagnosis. */
    bug: z.string().min(1).default("full-score-matrix"),
    advice: z.string().min(1).default("Keep one block of scores, [..., Lq, blockSize], at a time: the memory saving is the point of the tiling."),
  }),
);

export function plan(p: z.infer<typeof spec>["params"], { inst }: PropertyContext): PropertyPlan {
  const q = leafOf(inst, p.q);
  const k = leafOf(inst, p.k);
  const lq = q.shape[q.shape.length - 2];
  const lk = k.shape[k.shape.length - 2];
  const batch = q.shape.slice(0, -2).reduce((a, b) => a * b, 1);
  const limit = batch * lq * lk;
  return {
    calls: [],
    judge(get) {
      const outcome = get(inst.key);
      if (!outcome) return fail("could not check: the call did not run");
      if (!outcome.ok) return fail(`could not check: the call threw ${outcome.error.name}: ${outcome.error.message}`);
      const largest = outcome.hygiene.largestTensor;
      if (largest === undefined) return fail("could not check: this backend did not report tensor sizes");
      const full = `B·Lq·Lk = ${batch}·${lq}·${lk} = ${limit} elements (the full score matrix of q ${fmtShape(q.shape)} against k ${fmtShape(k.shape)})`;
      return largest < limit
        ? pass(`the largest tensor the call created has ${largest} elements, below ${full}`)
        : {
            ...fail(`the call created a tensor of ${largest} elements, at least ${full}`),
            bug: p.bug,
            diagnosis: `Likely bug — the full score matrix is materialised. ${p.advice}`,
          };
    },
  };
}
