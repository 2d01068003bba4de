/** Judging a case's output against its float64 reference (or, for `expect: "throws"`, its error). */
import { allclose, fmt, fmtShape, sameShape, type Tolerance } from "./compare.js";
import { diagnose, missingThrowBug, withBug, type Evidence } from "./diagnose.js";
import { fieldsOf, type GraderDefinition } from "./grader.js";
import { caseLabel, caseTitle, describeCall, errText, heatmap } from "./messages.js";
import type { Instance } from "./plan.js";
import type { CallOutcome } from "./protocol.js";
import type { CheckResult } from "./report.js";
import { knownGap } from "./tfjs-gaps.js";
import { fieldOf } from "./wire.js";

const NOT_IMPLEMENTED = { bug: "not-implemented", diagnosis: 'The function still throws "not implemented": write its body.' };

type Base = Omit<CheckResult, "message">;

/** A case that must throw: it passes only on the submission's own Error. */
function judgeThrows(def: GraderDefinition, inst: Instance, outcome: CallOutcome, base: Base, where: string): CheckResult {
  if (!outcome.ok && /not implemented/i.test(outcome.error.message)) {
    return { ...base, message: `${where} throws "not implemented" — the documented error comes from a real check`, ...NOT_IMPLEMENTED };
  }
  const bug = missingThrowBug(def, inst.spec.fn);
  if (!outcome.ok && outcome.error.origin === "library") {
    return withBug(
      {
        ...base,
        message: `${where} failed inside TensorFlow.js (${outcome.error.message}) instead of rejecting the argument itself: check it and throw your own Error first`,
      },
      bug,
    );
  }
  if (!outcome.ok) return { ...base, passed: true, points: inst.spec.points, message: `${where} throws as required (${outcome.error.message})` };
  return withBug({ ...base, message: `${where} should throw an Error (see the contract), but it returned normally` }, bug);
}

function knownGapDiagnosis(message: string): Pick<CheckResult, "bug" | "diagnosis"> {
  const gap = knownGap(message);
  return gap ? { bug: gap.bug, diagnosis: gap.message } : {};
}

/** A call that threw where a value was expected. */
function judgeThrew(outcome: Extract<CallOutcome, { ok: false }>, base: Base, where: string): CheckResult {
  return {
    ...base,
    message: `${where} threw ${errText(outcome.error)}`,
    ...(/not implemented/i.test(outcome.error.message) ? NOT_IMPLEMENTED : {}),
    ...(outcome.error.name === "NotAllowedError" ? { bug: "not-allowed", diagnosis: outcome.error.message } : {}),
    ...knownGapDiagnosis(outcome.error.message),
  };
}

/** The contract fixes the dtype: a bool or int32 mask multiplies and adds differently (or not at all) downstream. */
function wrongDtype(label: string, got: string, want: string): Pick<CheckResult, "bug" | "diagnosis"> {
  return {
    bug: "wrong-dtype",
    diagnosis: `The values may be right, but the contract asks for a ${want} tensor and ${label} is ${got}. Comparisons (tf.less, tf.greaterEqual…) return bool: convert with tf.cast(x, "${want}") before returning.`,
  };
}

/** Compare every field of the result; the first wrong one fails the check, with the bug that explains it. */
function judgeValues(
  def: GraderDefinition,
  inst: Instance,
  outcome: Extract<CallOutcome, { ok: true }>,
  tol: Tolerance,
  evidence: Evidence,
  base: Base,
  where: string,
): CheckResult {
  const diagnosed = (check: CheckResult) => withBug(check, diagnose(def, inst, outcome, tol, evidence));
  for (const [field, want] of fieldsOf(inst.ref!.value)) {
    const label = field ?? "the result";
    const g = fieldOf(outcome.value, field, inst.spec.returns);
    if (typeof g === "string") {
      const wanted = inst.spec.returns === "number" ? "a number" : `a tensor of shape ${fmtShape(want.shape)}`;
      return diagnosed({ ...base, message: `${where}: expected ${label} to be ${wanted}, got ${g}` });
    }
    if (!sameShape(g.shape, want.shape))
      return diagnosed({ ...base, message: `${where}: ${label} has shape ${fmtShape(g.shape)}, expected ${fmtShape(want.shape)}` });
    if (inst.spec.dtype && g.dtype !== inst.spec.dtype)
      return { ...base, ...wrongDtype(label, g.dtype, inst.spec.dtype), message: `${where}: ${label} has dtype ${g.dtype}, expected ${inst.spec.dtype}` };
    const scaled = { atol: tol.atol * inst.spec.tolerance, rtol: tol.rtol * inst.spec.tolerance };
    const cmp = allclose(want, g.data, scaled);
    if (!cmp.ok) {
      const w = cmp.worst!;
      return diagnosed({
        ...base,
        message: `${where}: ${label} is wrong at ${cmp.bad} of ${want.data.length} elements; worst at ${fmtShape(w.coords)}: expected ${fmt(w.want)}, got ${fmt(w.got)} (tolerance ±${fmt(w.bound)} on ${inst.spec.tolerance === 1 ? "" : `${inst.spec.tolerance}× `}the backend's atol ${scaled.atol === tol.atol ? tol.atol : scaled.atol}, rtol ${scaled.rtol})`,
        detail: inst.hidden ? undefined : heatmap(label, want, g.data, w.flat, w.bound),
      });
    }
  }
  return { ...base, passed: true, points: inst.spec.points, message: `${where}: matches the float64 reference` };
}

/** `why` says why a call has no outcome (the run ended early), for the message. */
export function judgeOutput(
  def: GraderDefinition,
  inst: Instance,
  outcome: CallOutcome | undefined,
  tol: Tolerance,
  why: string,
  evidence: Evidence,
): CheckResult {
  const base = { id: `output/${inst.key}`, title: `${inst.spec.fn}: ${caseTitle(inst)}`, maxPoints: inst.spec.points, points: 0, passed: false };
  const where = `${caseLabel(inst)}: ${describeCall(inst)}`;
  if (!outcome) return { ...base, message: `${where}: ${why}` };
  if (inst.spec.expect === "throws") return judgeThrows(def, inst, outcome, base, where);
  if (!outcome.ok) return judgeThrew(outcome, base, where);
  if (!inst.ref) return { ...base, message: `${where}: the reference failed (${inst.refError}); this is a grader bug` };
  return judgeValues(def, inst, outcome, tol, evidence, base, where);
}
