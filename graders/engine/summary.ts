/** The report's verdict, score and first line, from the checks and how the run ended. */
import type { GraderDefinition } from "./grader.js";
import { errText } from "./messages.js";
import type { RunOutcome } from "./protocol.js";
import type { CheckResult, Report, Verdict } from "./report.js";
import { same, t, textsOf, type Bi } from "./i18n.js";

/** Why calls have no outcome, in the learner's terms (the message of every check that could not run). */
export function notRun(run: RunOutcome, timeoutMs: number, memoryMb: number): Bi {
  switch (run.end) {
    case "timeout":
      return t("run.timeout", { seconds: timeoutMs / 1000 });
    case "memory":
      return t("run.memory", { mb: memoryMb });
    case "fatal":
      return run.fatal?.stage === "load"
        ? t("run.load-failed", { error: errText(run.fatal.error) })
        : t("run.failed", { error: run.fatal ? errText(run.fatal.error) : t("run.unknown-error") });
    case "crashed":
      return t("run.crashed", { exit: run.exit ?? t("run.no-exit-code") });
    default:
      return t("run.did-not-run");
  }
}

function verdictOf(run: RunOutcome, failed: number): Verdict {
  if (run.end === "timeout") return "timeout";
  if (run.end !== "done") return "error";
  return failed ? "fail" : "pass";
}

function summaryLine(verdict: Verdict, checks: CheckResult[], failed: CheckResult[], why: Bi): Bi {
  if (verdict === "pass") return t("summary.pass", { n: checks.length });
  const first = failed[0] && textsOf(failed[0]).message;
  if (verdict === "fail" && failed[0].id === "not-allowed") return t("summary.not-allowed", { message: first });
  if (verdict === "fail") return t("summary.fail", { failed: failed.length, n: checks.length, message: first });
  return t(verdict === "timeout" ? "summary.timeout" : "summary.error", { why });
}

/** The report's summary fields from its pair. */
const summaryFields = (s: Bi) => ({ summary: s.en, zh: { summary: s.zh } });

export function assembleReport(def: GraderDefinition, run: RunOutcome, checks: CheckResult[], why: Bi, durationMs: number): Report {
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
    checks,
    logs: run.logs,
    ...summaryFields(summaryLine(verdict, checks, failed, why)),
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
    ...summaryFields(summaryLine(verdict, checks, failed, same(""))),
  };
}
