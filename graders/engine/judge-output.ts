/** Judging a case's output against its float64 reference (or, for `expect: "throws"`, its error). */
import { allclose, fmt, fmtShape, sameShape, type Tolerance } from "./compare.js";
import { diagnose, missingThrowBug, withBug, type Evidence } from "./diagnose.js";
import { fieldsOf, type GraderDefinition } from "./grader.js";
import { caseLabel, caseTitle, describeCall, errText, heatmap } from "./messages.js";
import type { Instance } from "./plan.js";
import type { CallOutcome } from "./protocol.js";
import type { CheckResult } from "./report.js";
import { notAllowedError } from "./not-allowed.js";
import { same, t, toCheck, type Bi, type Draft } from "./i18n.js";
import { knownGap } from "./tfjs-gaps.js";
import { fieldOf } from "./wire.js";

const NOT_IMPLEMENTED = { bug: "not-implemented", diagnosis: t("bug.not-implemented") };

type Base = Omit<Draft, "message">;

/** A case that must throw: it passes only on the submission's own Error. */
function judgeThrows(def: GraderDefinition, inst: Instance, outcome: CallOutcome, base: Base, where: Bi): Draft {
  if (!outcome.ok && /not implemented/i.test(outcome.error.message)) {
    return { ...base, message: t("output.not-implemented", { where }), ...NOT_IMPLEMENTED };
  }
  const bug = missingThrowBug(def, inst.spec.fn);
  if (!outcome.ok && outcome.error.origin === "library") {
    return withBug({ ...base, message: t("output.library-threw", { where, error: outcome.error.message }) }, bug);
  }
  if (!outcome.ok) return { ...base, passed: true, points: inst.spec.points, message: t("output.throws-as-required", { where, error: outcome.error.message }) };
  return withBug({ ...base, message: t("output.should-throw", { where }) }, bug);
}

function knownGapDiagnosis(message: string): Pick<Draft, "bug" | "diagnosis"> {
  const gap = knownGap(message);
  return gap ? { bug: gap.bug, diagnosis: gap.message } : {};
}

/** A call that threw where a value was expected. */
function judgeThrew(outcome: Extract<CallOutcome, { ok: false }>, base: Base, where: Bi): Draft {
  return {
    ...base,
    message: t("output.threw", { where, error: errText(outcome.error) }),
    ...(/not implemented/i.test(outcome.error.message) ? NOT_IMPLEMENTED : {}),
    ...(outcome.error.name === "NotAllowedError" ? { bug: "not-allowed", diagnosis: notAllowedError(outcome.error.message) } : {}),
    ...knownGapDiagnosis(outcome.error.message),
  };
}

/** The contract fixes the dtype: a bool or int32 mask multiplies and adds differently (or not at all) downstream. */
function wrongDtype(label: Bi, got: string, want: string): Pick<Draft, "bug" | "diagnosis"> {
  return { bug: "wrong-dtype", diagnosis: t("bug.wrong-dtype", { want, label, got }) };
}

/** The message for values outside the tolerance, with the tolerance it used. */
function wrongValues(inst: Instance, tol: Tolerance, cmp: ReturnType<typeof allclose>, n: number, where: Bi, label: Bi): Bi {
  const w = cmp.worst!;
  const scaled = { atol: tol.atol * inst.spec.tolerance, rtol: tol.rtol * inst.spec.tolerance };
  return t("output.wrong", {
    where,
    label,
    bad: cmp.bad,
    n,
    at: fmtShape(w.coords),
    want: fmt(w.want),
    got: fmt(w.got),
    bound: fmt(w.bound),
    factor: inst.spec.tolerance === 1 ? "" : t("output.factor", { k: inst.spec.tolerance }),
    atol: scaled.atol === tol.atol ? tol.atol : scaled.atol,
    rtol: scaled.rtol,
  });
}

/** Compare every field of the result; the first wrong one fails the check, with the bug that explains it. */
function judgeValues(
  def: GraderDefinition,
  inst: Instance,
  outcome: Extract<CallOutcome, { ok: true }>,
  tol: Tolerance,
  evidence: Evidence,
  base: Base,
  where: Bi,
): Draft {
  const diagnosed = (check: Draft) => withBug(check, diagnose(def, inst, outcome, tol, evidence));
  for (const [field, want] of fieldsOf(inst.ref!.value)) {
    const label = field === null ? t("output.the-result") : same(field);
    const g = fieldOf(outcome.value, field, inst.spec.returns);
    if (typeof g === "string") {
      const wanted = inst.spec.returns === "number" ? t("output.a-number") : t("output.a-tensor", { shape: fmtShape(want.shape) });
      return diagnosed({ ...base, message: t("output.not-a", { where, label, wanted, got: g }) });
    }
    if (!sameShape(g.shape, want.shape))
      return diagnosed({ ...base, message: t("output.shape", { where, label, got: fmtShape(g.shape), want: fmtShape(want.shape) }) });
    if (inst.spec.dtype && g.dtype !== inst.spec.dtype)
      return { ...base, ...wrongDtype(label, g.dtype, inst.spec.dtype), message: t("output.dtype", { where, label, got: g.dtype, want: inst.spec.dtype }) };
    const cmp = allclose(want, g.data, { atol: tol.atol * inst.spec.tolerance, rtol: tol.rtol * inst.spec.tolerance });
    if (!cmp.ok) {
      const w = cmp.worst!;
      return diagnosed({
        ...base,
        message: wrongValues(inst, tol, cmp, want.data.length, where, label),
        detail: inst.hidden ? undefined : heatmap(label.en, want, g.data, w.flat, w.bound),
      });
    }
  }
  return { ...base, passed: true, points: inst.spec.points, message: t("output.matches", { where }) };
}

/** `why` says why a call has no outcome (the run ended early), for the message. */
export function judgeOutput(def: GraderDefinition, inst: Instance, outcome: CallOutcome | undefined, tol: Tolerance, why: Bi, evidence: Evidence): CheckResult {
  const title = t("output.title", { fn: inst.spec.fn, case: caseTitle(inst) });
  const base = { id: `output/${inst.key}`, title, maxPoints: inst.spec.points, points: 0, passed: false };
  const where = t("where.colon", { where: caseLabel(inst), text: describeCall(inst) });
  const judged = (): Draft => {
    if (!outcome) return { ...base, message: t("where.colon", { where, text: why }) };
    if (inst.spec.expect === "throws") return judgeThrows(def, inst, outcome, base, where);
    if (!outcome.ok) return judgeThrew(outcome, base, where);
    if (!inst.ref) return { ...base, message: t("output.reference-failed", { where, error: inst.refError ?? "" }) };
    return judgeValues(def, inst, outcome, tol, evidence, base, where);
  };
  return toCheck(judged());
}
