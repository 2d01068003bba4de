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

/** What to use instead of an op that tfjs cannot differentiate. */
const NO_GRADIENT_FIX: Record<string, string> = {
  Einsum: "use tf.matMul (with transposeB) or tf.mul + tf.sum instead of tf.einsum",
  Greater: "build masks from the mask input or with plain arithmetic, not from comparisons of tensors on the gradient path",
  Equal: "build masks from the mask input or with plain arithmetic, not from comparisons of tensors on the gradient path",
  Less: "build masks from the mask input or with plain arithmetic, not from comparisons of tensors on the gradient path",
  IsNan: "avoid guards computed from the values being differentiated",
};

/** Turn tfjs's gradient errors into advice a learner can act on. */
export function explainGradientError(e: ErrInfo): { message: string; bug: string } {
  const op = /gradient function not found for (\w+)/i.exec(e.message)?.[1];
  if (op) {
    return {
      bug: "no-gradient-op",
      message: `the op ${op} has no gradient in TensorFlow.js, so tf.grad cannot pass through it: ${NO_GRADIENT_FIX[op] ?? "replace it with differentiable ops"}.`,
    };
  }
  const gap = knownGap(e.message);
  if (gap) return gap;
  if (/Cannot compute gradient of y=f\(x\) with respect to x/i.test(e.message)) {
    return {
      bug: "gradient-path-broken",
      message:
        "the result does not depend on the input through tf ops, so no gradient flows: a dataSync()/arraySync() round trip or a tensor rebuilt from read-back numbers cuts the graph. Keep every step as a tf op.",
    };
  }
  return { bug: "gradient-error", message: `computing the gradient threw ${errText(e)}` };
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

type Base = Omit<CheckResult, "message">;

/** One leaf's gradient, or null when it matches. */
function judgeLeaf(
  inst: Instance,
  leaf: string,
  want: NdArray | undefined,
  g: WireTensorOut | undefined,
  tol: Tolerance,
  base: Base,
  where: string,
): CheckResult | null {
  if (!want) return { ...base, message: `${where}: the reference has no gradient for ${leaf}; this is a grader bug` };
  if (!g) return { ...base, message: `${where}: no gradient came back for ${leaf}` };
  if (!sameShape(g.shape, want.shape)) return { ...base, message: `${where}: d/d${leaf} has shape ${fmtShape(g.shape)}, expected ${fmtShape(want.shape)}` };
  const gtol = { atol: tol.atol * GRADIENT_FACTOR * inst.spec.tolerance, rtol: tol.rtol * GRADIENT_FACTOR * inst.spec.tolerance };
  const cmp = allclose(want, g.data, gtol);
  if (cmp.ok) return null;
  const w = cmp.worst!;
  const nonFinite = !Number.isFinite(w.got);
  const why = nonFinite
    ? nonFiniteCause(inst)
    : "The forward values are right, so look at a custom gradient (tf.customGrad) or at something that stops the gradient.";
  return {
    ...base,
    message: `${where}: d/d${leaf} is wrong at ${cmp.bad} of ${want.data.length} elements; worst at ${fmtShape(w.coords)}: expected ${fmt(w.want)}, got ${fmt(w.got)} (tolerance ±${fmt(w.bound)}).`,
    bug: nonFinite ? "non-finite-gradient" : "wrong-gradient",
    diagnosis: why,
    detail: inst.hidden ? undefined : heatmap(`d/d${leaf}`, want, g.data, w.flat, w.bound),
  };
}

/** `output` is the same case's output check: a wrong forward result leaves the gradient unchecked. */
export function judgeGradient(inst: Instance, outcome: CallOutcome | undefined, output: CheckResult, tol: Tolerance, why: string): CheckResult {
  const points = inst.spec.gradient!.points;
  const base = { id: `gradient/${inst.key}`, title: `${inst.spec.fn}: gradient, ${caseTitle(inst)}`, maxPoints: points, points: 0, passed: false };
  const where = `${caseLabel(inst)}: gradient of Σ ${inst.spec.gradient!.of ?? "result"} ⊙ c`;
  if (!outcome) return { ...base, message: `${where}: ${why}` };
  if (!outcome.ok || !output.passed) {
    return {
      ...base,
      message: `${where}: not checked, because the forward result is already wrong (${output.id})`,
      bug: output.bug,
      diagnosis: output.diagnosis,
    };
  }
  if (outcome.gradError) {
    const ex = explainGradientError(outcome.gradError);
    return { ...base, message: `${where}: tf.grad failed — ${errText(outcome.gradError)}`, bug: ex.bug, diagnosis: ex.message };
  }
  const vjp = referenceGradients(inst);
  const leaves = [...inst.inputs.leaves].filter(([, l]) => l.differentiable).map(([n]) => n);
  for (const leaf of leaves) {
    const wrong = judgeLeaf(inst, leaf, vjp[leaf], outcome.grads?.[leaf], tol, base, where);
    if (wrong) return wrong;
  }
  return { ...base, passed: true, points, message: `${where}: gradients with respect to ${leaves.join(", ")} match the reference VJP` };
}
