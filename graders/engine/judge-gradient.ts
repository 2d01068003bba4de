/**
 * Judging a case's gradient: tf.grad of Σ result ⊙ c in the learner's realm against the
 * reference's hand-written VJP, leaf by leaf — checked only once the forward values are right.
 */
import { allclose, fmt, fmtShape, sameShape, type Tolerance } from "./compare.js";
import { caseLabel, caseTitle, errText, heatmap } from "./messages.js";
import { add, type NdArray } from "./ndarray.js";
import type { Instance } from "./plan.js";
import type { CallOutcome, ErrInfo, WireTensorOut } from "./protocol.js";
import type { CheckResult } from "./report.js";
import { nonFiniteCause } from "./non-finite.js";
import { knownGap } from "./tfjs-gaps.js";
import { GRADIENT_FACTOR } from "./tolerances.js";
import type { CatalogueKey } from "./catalogue.js";
import { t, textsOf, toCheck, type Bi, type Draft } from "./i18n.js";

/** What to use instead of an op that tfjs cannot differentiate. */
const NO_GRADIENT_FIX: Record<string, CatalogueKey> = {
  Einsum: "fix.einsum",
  Greater: "fix.comparison",
  Equal: "fix.comparison",
  Less: "fix.comparison",
  IsNan: "fix.is-nan",
};

/** Turn tfjs's gradient errors into advice a learner can act on. */
export function explainGradientError(e: ErrInfo): { message: Bi; bug: string } {
  const op = /gradient function not found for (\w+)/i.exec(e.message)?.[1];
  if (op) return { bug: "no-gradient-op", message: t("bug.no-gradient-op", { op, fix: t(NO_GRADIENT_FIX[op] ?? "fix.other") }) };
  const gap = knownGap(e.message);
  if (gap) return gap;
  if (/Cannot compute gradient of y=f\(x\) with respect to x/i.test(e.message)) return { bug: "gradient-path-broken", message: t("bug.gradient-path-broken") };
  return { bug: "gradient-error", message: t("bug.gradient-error", { error: errText(e) }) };
}

/** The leaf an argument name stands for (aliases resolve to their target). */
function leafFor(spec: Instance["spec"], name: string): string {
  const alias = spec.args.find((a) => a.name === name && a.kind === "alias");
  return alias && alias.kind === "alias" ? leafFor(spec, alias.of) : name;
}

/** The reference VJP by leaf. Self-attention passes one tensor as query, key and value: its gradient is the sum. */
function referenceGradients(inst: Instance): Record<string, NdArray> {
  const vjp: Record<string, NdArray> = {};
  for (const [name, g] of Object.entries(inst.ref!.vjp!(inst.cotangent!, inst.spec.gradient?.of ?? null))) {
    const leaf = leafFor(inst.spec, name);
    vjp[leaf] = vjp[leaf] ? add(vjp[leaf], g) : g;
  }
  return vjp;
}

type Base = Omit<Draft, "message">;

/** One leaf's gradient, or null when it matches. */
function judgeLeaf(inst: Instance, leaf: string, want: NdArray | undefined, g: WireTensorOut | undefined, tol: Tolerance, base: Base, where: Bi): Draft | null {
  if (!want) return { ...base, message: t("gradient.no-reference", { where, leaf }) };
  if (!g) return { ...base, message: t("gradient.none-back", { where, leaf }) };
  if (!sameShape(g.shape, want.shape)) return { ...base, message: t("gradient.shape", { where, leaf, got: fmtShape(g.shape), want: fmtShape(want.shape) }) };
  const gtol = { atol: tol.atol * GRADIENT_FACTOR * inst.spec.tolerance, rtol: tol.rtol * GRADIENT_FACTOR * inst.spec.tolerance };
  const cmp = allclose(want, g.data, gtol);
  if (cmp.ok) return null;
  const w = cmp.worst!;
  const nonFinite = !Number.isFinite(w.got);
  const why = nonFinite ? nonFiniteCause(inst) : t("bug.wrong-gradient");
  return {
    ...base,
    message: t("gradient.wrong", {
      where,
      leaf,
      bad: cmp.bad,
      n: want.data.length,
      at: fmtShape(w.coords),
      want: fmt(w.want),
      got: fmt(w.got),
      bound: fmt(w.bound),
    }),
    bug: nonFinite ? "non-finite-gradient" : "wrong-gradient",
    diagnosis: why,
    detail: inst.hidden ? undefined : heatmap(`d/d${leaf}`, want, g.data, w.flat, w.bound),
  };
}

/** `output` is the same case's output check: a wrong forward result leaves the gradient unchecked. */
export function judgeGradient(inst: Instance, outcome: CallOutcome | undefined, output: CheckResult, tol: Tolerance, why: Bi): CheckResult {
  return toCheck(judgeGradientDraft(inst, outcome, output, tol, why));
}

function judgeGradientDraft(inst: Instance, outcome: CallOutcome | undefined, output: CheckResult, tol: Tolerance, why: Bi): Draft {
  const points = inst.spec.gradient!.points;
  const title = t("gradient.title", { fn: inst.spec.fn, case: caseTitle(inst) });
  const base = { id: `gradient/${inst.key}`, title, maxPoints: points, points: 0, passed: false };
  const where = t("gradient.where", { case: caseLabel(inst), of: inst.spec.gradient!.of ?? t("gradient.result") });
  if (!outcome) return { ...base, message: t("where.colon", { where, text: why }) };
  if (!outcome.ok || !output.passed) {
    return { ...base, message: t("gradient.forward-wrong", { where, id: output.id }), bug: output.bug, diagnosis: textsOf(output).diagnosis };
  }
  if (outcome.gradError) {
    const ex = explainGradientError(outcome.gradError);
    return { ...base, message: t("gradient.grad-failed", { where, error: errText(outcome.gradError) }), bug: ex.bug, diagnosis: ex.message };
  }
  const vjp = referenceGradients(inst);
  const leaves = [...inst.inputs.leaves].filter(([, l]) => l.differentiable).map(([n]) => n);
  for (const leaf of leaves) {
    const wrong = judgeLeaf(inst, leaf, vjp[leaf], outcome.grads?.[leaf], tol, base, where);
    if (wrong) return wrong;
  }
  return { ...base, passed: true, points, message: t("gradient.matches", { where, leaves: leaves.join(", ") }) };
}
