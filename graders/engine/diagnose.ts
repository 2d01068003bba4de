/**
 * Diagnosis: a failing output is tested against the exercise's known bugs, each a float64
 * kernel that reproduces the buggy behaviour. A bug is named only when it explains every
 * field the learner returned.
 */
import { allclose, sameShape, type Tolerance } from "./compare.js";
import { fieldsOf, type BugHypothesis, type GraderDefinition, type RefValue } from "./grader.js";
import { refArgs } from "./inputs.js";
import type { Instance } from "./plan.js";
import type { CallOutcome } from "./protocol.js";
import { t, type Bi, type Draft } from "./i18n.js";
import { fieldOf } from "./wire.js";

/** Every case's instance and outcome, so a diagnosis can be checked against the whole run. */
export type Evidence = { inst: Instance; outcome: CallOutcome | undefined }[];

type BugKernel = NonNullable<BugHypothesis["kernel"]>;

function kernelMatches(kernel: BugKernel, inst: Instance, outcome: CallOutcome, tol: Tolerance): boolean {
  if (!outcome.ok || !inst.ref) return false;
  let predicted: RefValue;
  try {
    predicted = kernel(refArgs(inst.inputs));
  } catch {
    return false;
  }
  // Ten times the case's own tolerance: a case that tightens it (plain float64 numbers) must not let every hypothesis fit.
  const loose = { atol: tol.atol * 10 * inst.spec.tolerance, rtol: tol.rtol * 10 * inst.spec.tolerance };
  const predictedFields = new Map(fieldsOf(predicted));
  for (const [field] of fieldsOf(inst.ref.value)) {
    const want = predictedFields.get(field);
    if (!want) return false;
    const g = fieldOf(outcome.value, field, inst.spec.returns);
    if (typeof g === "string" || !sameShape(g.shape, want.shape)) return false;
    if (!allclose(want, g.data, loose, true).ok) return false;
  }
  return true;
}

const kernelsOf = (bug: BugHypothesis): BugKernel[] => [bug.kernel, ...(bug.variants ?? [])].filter((k) => k !== undefined);

/** Does a hypothesis (in any of its spellings) explain every field the learner returned? */
function hypothesisMatches(bug: BugHypothesis, inst: Instance, outcome: CallOutcome, tol: Tolerance): boolean {
  return kernelsOf(bug).some((k) => kernelMatches(k, inst, outcome, tol));
}

/**
 * The known bug that explains this failing case — and, when several do (a −1000 fill and an
 * inverted mask look alike once padded scores dwarf real ones), the one that also explains
 * the most other cases of the same function, passing ones included. Support is counted per
 * spelling: a learner's file is one spelling of a bug, so a hypothesis whose spellings each
 * explain a different half of the run does not outweigh one that explains all of it.
 */
export function diagnose(def: GraderDefinition, inst: Instance, outcome: CallOutcome, tol: Tolerance, evidence: Evidence): BugHypothesis | undefined {
  const candidates = def.bugs.filter((b) => b.fn === inst.spec.fn && hypothesisMatches(b, inst, outcome, tol));
  if (candidates.length <= 1) return candidates[0];
  const others = evidence.filter((e) => e.inst !== inst && e.inst.spec.fn === inst.spec.fn && e.outcome?.ok);
  const support = (b: BugHypothesis) =>
    Math.max(
      ...kernelsOf(b)
        .filter((k) => kernelMatches(k, inst, outcome, tol))
        .map((k) => others.filter((e) => kernelMatches(k, e.inst, e.outcome!, tol)).length),
    );
  return candidates.map((b) => ({ b, n: support(b) })).sort((x, y) => y.n - x.n)[0].b;
}

export function withBug(check: Draft, bug: BugHypothesis | undefined): Draft {
  if (!bug) return check;
  return { ...check, bug: bug.id, diagnosis: bugDiagnosis(bug) };
}

/** "Likely bug — <title>. <advice>", in both languages (the Chinese from the exercise's zh.ts). */
export function bugDiagnosis(bug: BugHypothesis): Bi {
  const title = { en: bug.title, zh: bug.zh?.title ?? bug.title };
  const advice = { en: bug.advice, zh: bug.zh?.advice ?? bug.advice };
  return t("bug.likely", { title, advice });
}

/** The bug a case that must throw points to when it did not. */
export function missingThrowBug(def: GraderDefinition, fn: string): BugHypothesis | undefined {
  return def.bugs.find((b) => b.fn === fn && b.missingThrow);
}
