/** The report's verdict, score and first line, from the checks and how the run ended. */
import type { GraderDefinition } from "./grader.js";
import { errText } from "./messages.js";
import type { RunOutcome } from "./protocol.js";
import type { CheckResult, Report, Verdict } from "./report.js";

/** Why calls have no outcome, in the learner's terms (the message of every check that could not run). */
export function notRun(run: RunOutcome, timeoutMs: number, memoryMb: number): string {
  switch (run.end) {
    case "timeout":
      return `did not finish: the time limit of ${timeoutMs / 1000} s was reached (an infinite loop, or very slow code)`;
    case "memory":
      return `the submission exceeded the memory limit of ${memoryMb} MB (a huge allocation?)`;
    case "fatal":
      return run.fatal?.stage === "load"
        ? `the file failed to load: ${errText(run.fatal.error)}`
        : `the run failed: ${run.fatal ? errText(run.fatal.error) : "unknown error"}`;
    case "crashed":
      return `the grading process ended before this check ran (${run.exit ?? "no exit code"}) — exercise code must not end or break the process`;
    default:
      return "this call did not run";
  }
}

function verdictOf(run: RunOutcome, failed: number): Verdict {
  if (run.end === "timeout") return "timeout";
  if (run.end !== "done") return "error";
  return failed ? "fail" : "pass";
}

function summaryLine(verdict: Verdict, checks: CheckResult[], failed: CheckResult[], why: string): string {
  if (verdict === "pass") return `All ${checks.length} checks pass.`;
  if (verdict === "fail" && failed[0].id === "not-allowed") return `Not allowed: ${failed[0].message}.`;
  if (verdict === "fail") return `${failed.length} of ${checks.length} checks fail. First: ${failed[0].message}`;
  return `${verdict === "timeout" ? "Timeout" : "Error"}: ${why}.`;
}

export function assembleReport(def: GraderDefinition, run: RunOutcome, checks: CheckResult[], why: string, durationMs: number): Report {
  const score = checks.reduce((s, c) => s + c.points, 0);
  const maxScore = checks.reduce((s, c) => s + c.maxPoints, 0);
  const failed = checks.filter((c) => !c.passed);
  const verdict = verdictOf(run, failed.length);
  return {
    exercise: def.spec.id,
    passed: verdict === "pass",
    verdict,
    score: Math.round(score * 1000) / 1000,
    maxScore,
    backend: run.backend,
    ...(run.adapter ? { adapter: run.adapter } : {}),
    durationMs,
    summary: summaryLine(verdict, checks, failed, why),
    checks,
    logs: run.logs,
  };
}

/** A report of a run that finished (pass or fail) with one more check judged after it (classroom's second backend). */
export function withCheck(report: Report, check: CheckResult): Report {
  const checks = [...report.checks, check];
  const failed = checks.filter((c) => !c.passed);
  const verdict: Verdict = failed.length ? "fail" : "pass";
  return {
    ...report,
    checks,
    passed: verdict === "pass",
    verdict,
    score: Math.round(checks.reduce((s, c) => s + c.points, 0) * 1000) / 1000,
    maxScore: checks.reduce((s, c) => s + c.maxPoints, 0),
    summary: summaryLine(verdict, checks, failed, ""),
  };
}
