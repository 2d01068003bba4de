/**
 * A memory-bounded kernel (attention by tiles): no tensor the call creates — intermediate
 * or result — may have B·Lq·Lk elements or more, the size of the full score matrix, where
 * B is the product of q's leading axes, Lq its rows and Lk the rows of k. The learner's
 * realm measures the largest tensor it registered during the call (runtime/tensor-meter.ts).
 */
import { z } from "zod";
import { t } from "../i18n.js";
import { fmtShape } from "../compare.js";
import { cannotCheck, fail, leafOf, pass, propertySpec, type PropertyContext, type PropertyPlan } from "./define.js";

export const spec = propertySpec(
  "bounded-intermediates",
  z.strictObject({
    q: z.string().min(1),
    k: z.string().min(1),
    /** The bug a failure names, with the advice shown as its diagnosis. */
    bug: z.string().min(1).default("full-score-matrix"),
    /** The advice, when not the catalogue's (one block of scores at a time), with its Chinese. */
    advice: z.string().min(1).optional(),
    adviceZh: z.string().min(1).optional(),
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
      if (!outcome) return cannotCheck(t("bounded.did-not-run"));
      if (!outcome.ok) return cannotCheck(t("property.call-threw", { name: outcome.error.name, message: outcome.error.message }));
      const largest = outcome.hygiene.largestTensor;
      if (largest === undefined) return cannotCheck(t("bounded.no-sizes"));
      const full = t("bounded.full", { batch, lq, lk, limit, q: fmtShape(q.shape), k: fmtShape(k.shape) });
      const advice = p.advice ? { en: p.advice, zh: p.adviceZh ?? p.advice } : t("bounded.advice");
      return largest < limit
        ? pass(t("bounded.pass", { largest, full }))
        : { ...fail(t("bounded.fail", { largest, full })), bug: p.bug, diagnosis: t("bug.full-score-matrix", { advice }) };
    },
  };
}
