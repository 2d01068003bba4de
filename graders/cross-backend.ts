/**
 * Classroom mode's second backend (issue 9): code that behaves differently per backend —
 * a branch on tf.getBackend(), or numerics that only hold on one backend's kernels — passes
 * a cpu-only grade. After the main run, a small plan (the first visible value case of each
 * exported function, output and gradient, no properties, no hidden draws, no sweep) runs
 * again in a child on the wasm backend, and one check, `backend/wasm`, says whether every
 * result there agrees with the float64 reference. Cost: one extra child process per file, or none when the
 * submitter's warm children were booted with that backend too (classroom mode does).
 */
import { grade } from "./engine/grade.js";
import type { GraderDefinition } from "./engine/grader.js";
import { joinBi, t, textsOf, toCheck } from "./engine/i18n.js";
import type { CheckResult, Report } from "./engine/report.js";
import { type ChildSession, NodeProcessRunner } from "./runtime/node-runner.js";

export const CROSS_BACKENDS = ["wasm"] as const;
export type CrossBackend = (typeof CROSS_BACKENDS)[number];

/** The check's points: about one case, so a per-backend difference costs points as well as the verdict. */
export const CROSS_BACKEND_POINTS = 1;

/** The exercise reduced to its first visible value case per exported function. */
function crossDefinition(def: GraderDefinition): GraderDefinition {
  const firsts = new Map<string, GraderDefinition["spec"]["cases"][number]>();
  for (const c of def.spec.cases) if (c.visible && c.expect === "value" && !firsts.has(c.fn)) firsts.set(c.fn, c);
  return { ...def, spec: { ...def.spec, cases: [...firsts.values()], properties: [] } };
}

function crossCheck(backend: CrossBackend, main: Report, cross: Report, cases: string[]): CheckResult {
  const base = { id: `backend/${backend}`, title: t("backend.title", { backend }), maxPoints: CROSS_BACKEND_POINTS, points: 0, passed: false };
  const summary = { en: cross.summary, zh: cross.zh?.summary ?? cross.summary };
  if (cross.verdict === "timeout" || cross.verdict === "error") return toCheck({ ...base, message: t("backend.run-ended", { backend, summary }) });
  const wrong = cross.checks.filter((c) => /^(output|gradient)\//.test(c.id) && !c.passed);
  if (wrong.length === 0) {
    const names = joinBi(
      cases.map((c) => `"${c}"`),
      t("list.sep"),
    );
    return toCheck({ ...base, passed: true, points: CROSS_BACKEND_POINTS, message: t("backend.pass", { backend, cases: names }) });
  }
  const first = wrong[0];
  const onlyThere = main.checks.find((c) => c.id === first.id)?.passed === true;
  return toCheck({
    ...base,
    message: t("backend.fail", { backend, message: textsOf(first).message }),
    ...(onlyThere
      ? { bug: "backend-dependent", diagnosis: t("bug.backend-dependent", { main: main.backend, backend }) }
      : { bug: first.bug, diagnosis: textsOf(first).diagnosis }),
  });
}

/** The `backend/<name>` check for a file already graded as `main` (skipped when the main run did not finish). */
export async function crossBackendCheck(
  def: GraderDefinition,
  backend: CrossBackend,
  main: Report,
  source: string,
  filename: string,
  limits: { timeoutMs?: number; memoryMb?: number },
  /** The submitter's warm children: booted with this backend too, the check needs no process of its own. */
  session?: ChildSession,
): Promise<CheckResult | null> {
  if (main.backend === backend || main.verdict === "error" || main.verdict === "timeout") return null;
  const small = crossDefinition(def);
  const cross = await grade(small, { source, filename, backend, runner: new NodeProcessRunner(backend, { session }), sweep: 0, ...limits });
  return crossCheck(
    backend,
    main,
    cross,
    small.spec.cases.map((c) => c.id),
  );
}
