/**
 * The verdict view: the headline verdict, timing, one row per check (diagnosis and
 * |got − want| heatmap), and printed logs. When the run ended before grading, the reason is
 * said once, in the headline (with the line and column of a load error), and the rows only
 * list the checks that did not run.
 */
import type { CheckResult, Report } from "../../_graders/engine/report.js";
import { localizeCheck, localizeReport } from "../../_graders/engine/localize.js";
import { heatmap } from "../heatmap.js";
import { el } from "../dom.js";
import type { STRINGS, Lang } from "../exercise-strings.js";
import type { RunOutcome } from "./runner.js";
import { didNotRun, type LoadFailure } from "./load-error.js";

type Words = (typeof STRINGS)[Lang];

function errorHeatmap(c: CheckResult, t: Words): HTMLElement | "" {
  const d = c.detail;
  if (!d) return "";
  const max = Math.max(d.bound * 10, ...d.absErr.filter(Number.isFinite));
  const label = (r: number, col: number, v: number) => `[${r}, ${col}] |Δ| = ${Number.isFinite(v) ? v.toExponential(2) : "NaN"}`;
  return el(
    "figure",
    { class: "check-heatmap" },
    heatmap({ rows: d.rows, cols: d.cols, values: d.absErr, max, rowLabel: t.row, colLabel: t.col, label }),
    el("figcaption", {}, `${d.field}: ${t.where}`),
  );
}

/** One check; `notRun`: it failed only because the run ended first, a reason the headline gives once. */
export function checkRow(c: CheckResult, t: Words, notRun = false): HTMLElement {
  const status = c.passed ? "pass" : notRun ? "not-run" : "fail";
  const row = el("li", { "data-testid": "check-row", "data-status": status, "data-check": c.id, class: `check ${status}${c.warning ? " warning" : ""}` });
  const mark = c.passed ? (c.warning ? "⚠" : "✓") : notRun ? "–" : "✗";
  row.append(
    el(
      "div",
      { class: "check-head" },
      el("span", { class: "mark" }, mark),
      el("code", {}, c.id),
      el("span", { class: "check-title" }, notRun ? `${c.title} · ${t.notRun}` : c.title),
      c.maxPoints ? el("span", { class: "points" }, `${c.points}/${c.maxPoints}`) : "",
    ),
  );
  if (notRun) return row;
  if (!c.passed || c.warning) {
    row.append(el("div", { class: "check-message" }, c.message));
    if (c.diagnosis) row.append(el("div", { class: "check-diagnosis", "data-bug": c.bug ?? "" }, el("strong", {}, `${t.diagnosis}: `), c.diagnosis));
    row.append(errorHeatmap(c, t));
  }
  return row;
}

export function verdictText(report: Report, t: Words, limitMs: number, failure: LoadFailure | null = null): string {
  const failed = report.checks.filter((c) => !c.passed).length;
  if (report.verdict === "pass") return t.pass(report.score, report.maxScore);
  if (report.verdict === "timeout") return t.timeout(limitMs / 1000);
  if (failure) return t.loadError(t.errorName(failure.name), failure.message, failure.line, failure.column);
  if (report.verdict === "error") return `${t.error}: ${report.summary}`;
  return t.fail(failed, report.checks.length, report.score, report.maxScore);
}

export interface VerdictView {
  root: HTMLElement;
  running(): void;
  stopped(): void;
  error(message: string): void;
  /** `failure`: the load error, with the position the page settled on (see exercise.ts). */
  show(outcome: RunOutcome, limitMs: number, failure?: LoadFailure | null): void;
}

/** `lang`: the page's language; the report's texts are shown in it (the engine writes both). */
export function verdictView(t: Words, lang: Lang = "en"): VerdictView {
  const verdict = el("div", { "data-testid": "verdict", "data-status": "idle", class: "verdict", role: "status" });
  const timing = el("div", { class: "timing" });
  const checks = el("ol", { class: "checks" });
  const logs = el("details", { class: "logs", hidden: "" });
  const say = (status: string, text: string) => {
    verdict.dataset.status = status;
    verdict.textContent = text;
  };
  return {
    root: el("div", { class: "result" }, verdict, timing, checks, logs),
    running() {
      say("running", t.running);
      timing.textContent = "";
      checks.replaceChildren();
    },
    stopped: () => say("stopped", t.stopped),
    error: (message) => say("error", `${t.error}: ${message}`),
    show({ report, ms, bootMs }, limitMs, failure = null) {
      say(report.verdict, verdictText(localizeReport(report, lang), t, limitMs, failure));
      if (failure?.line) verdict.dataset.line = String(failure.line);
      else delete verdict.dataset.line;
      timing.textContent = t.timing(ms, bootMs);
      timing.dataset.ms = String(ms);
      // Failures (and passes with a warning) first: they are what the learner reads.
      const sorted = [...report.checks].sort((a, b) => Number(a.passed && !a.warning) - Number(b.passed && !b.warning));
      // Whether a check ran is read from the English report, whose wording load-error.ts parses.
      checks.replaceChildren(...sorted.map((c) => checkRow(localizeCheck(c, lang), t, !c.passed && didNotRun(c.message, report))));
      logs.hidden = report.logs.length === 0;
      logs.replaceChildren(el("summary", {}, `${t.printed} (${report.logs.length})`), el("pre", {}, report.logs.join("\n")));
    },
  };
}
