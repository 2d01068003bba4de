/**
 * The grading engine: plans the calls for an exercise, has a Runner execute them in the
 * learner's realm, and judges the returned numbers against float64 references — one engine
 * for the CLI, the browser page and the tests. Each step lives in its own module: plan.ts,
 * judge-output.ts, judge-gradient.ts, diagnose.ts, hygiene.ts and summary.ts.
 */
import type { Tolerance } from "./compare.js";
import type { Evidence } from "./diagnose.js";
import type { GraderDefinition } from "./grader.js";
import { judgeGradient } from "./judge-gradient.js";
import { judgeOutput } from "./judge-output.js";
import { exportsCheck, hygieneChecks, markNotAllowed } from "./hygiene.js";
import { caseLabel, caseTitle, redactHidden } from "./messages.js";
import { planRun, type RunPlan } from "./plan.js";
import type { Runner, RunOutcome } from "./protocol.js";
import type { CheckResult, Report } from "./report.js";
import { assembleReport, notRun } from "./summary.js";
import { DEFAULT_SWEEP } from "./sweep.js";
import { sweptPropertyId } from "./sweep-properties.js";
import { toleranceFor } from "./tolerances.js";
import { t, toCheck, type Bi } from "./i18n.js";

export { explainGradientError } from "./judge-gradient.js";
export { DEFAULT_SWEEP } from "./sweep.js";

/** Documented defaults (README, "Grading a file"). */
export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MEMORY_MB = 1024;
export const DEFAULT_HIDDEN_DRAWS = 2;

export interface GradeOptions {
  source: string;
  filename: string;
  runner: Runner;
  backend: string;
  timeoutMs?: number;
  memoryMb?: number;
  /** A teacher's secret: adds hidden draws of every case, seeded from it. Never reported. */
  secret?: string;
  hiddenDraws?: number;
  /**
   * Property-sweep configurations per run (sweep.ts; default DEFAULT_SWEEP = 4, 0 turns it
   * off): seeded from the secret when there is one, from a fixed public seed otherwise.
   */
  sweep?: number;
  now?: () => number;
}

/** A per-run token the learner's realm signs its messages with; the submission never sees it. */
function randomToken(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Every case's output and gradient check, then every property's. */
function judgeRun(def: GraderDefinition, plan: RunPlan, run: RunOutcome, tol: Tolerance, why: Bi): CheckResult[] {
  const checks: CheckResult[] = [];
  const evidence: Evidence = plan.instances.map((inst) => ({ inst, outcome: run.calls.get(inst.key) }));
  for (const { inst, outcome } of evidence) {
    const out = judgeOutput(def, inst, outcome, tol, why, evidence);
    checks.push(redactHidden(inst, out));
    if (inst.spec.gradient && inst.spec.expect === "value") checks.push(redactHidden(inst, judgeGradient(inst, outcome, out, tol, why)));
  }
  for (const { spec, plan: property, sweep } of plan.properties) {
    const v = property.judge((id) => run.calls.get(id));
    const title: Bi = { en: spec.title, zh: spec.titleZh ?? spec.title };
    const check = toCheck({
      id: sweep ? sweptPropertyId(spec.id, sweep) : `property/${spec.id}`,
      title: sweep ? t("property.on-draw.title", { title, draw: caseTitle(sweep) }) : title,
      maxPoints: spec.points,
      points: v.passed ? spec.points : 0,
      passed: v.passed,
      message: sweep ? t("property.on-draw.message", { draw: caseLabel(sweep), message: v.message }) : v.message,
      ...(!v.passed && v.bug ? { bug: v.bug, diagnosis: v.diagnosis } : {}),
    });
    checks.push(sweep ? redactHidden(sweep, check, title) : check);
  }
  return checks;
}

export async function grade(def: GraderDefinition, opts: GradeOptions): Promise<Report> {
  const now = opts.now ?? (() => performance.now());
  const t0 = now();
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const memoryMb = opts.memoryMb ?? DEFAULT_MEMORY_MB;
  const tol = toleranceFor(opts.backend);
  const plan = planRun(def, tol, opts.secret, opts.hiddenDraws ?? DEFAULT_HIDDEN_DRAWS, opts.sweep ?? DEFAULT_SWEEP);
  const run = await opts.runner.run(
    {
      token: randomToken(),
      filename: opts.filename,
      source: opts.source,
      exportNames: plan.exportNames,
      forbidden: def.spec.forbidden,
      backend: opts.backend,
      calls: plan.calls,
    },
    { timeoutMs, memoryMb },
  );
  const why = notRun(run, timeoutMs, memoryMb);
  const checks = markNotAllowed([exportsCheck(def, run, plan.exportNames, why), ...judgeRun(def, plan, run, tol, why), ...hygieneChecks(def, run)], run);
  return assembleReport(def, run, checks, why, Math.round(now() - t0));
}
