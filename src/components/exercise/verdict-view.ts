/** The verdict view: the headline verdict, timing, one row per check (diagnosis and |got − want| heatmap), and printed logs. */
import type { CheckResult, Report } from "../../_graders/engine/report.js";
import { heatmap } from "../heatmap.js";
import { el } from "../dom.js";
import type { STRINGS, Lang } from "../exercise-strings.js";
import type { RunOutcome } from "./runner.js";

type Words = (typeof STRINGS)[Lang];

function errorHeatmap(c: CheckResult, t: Words): HTMLElement | "" {
  const d = c.detail;
  if (!d) return "";
  const max = Math.max(d.bound * 10, ...d.absErr.filter(Number.isFinite));
  const label = (r: number, col: number, v: number) => `[${r}, ${col}] |Δ| = ${Number.isFinite(v) ? v.toExponential(2) : "NaN"}`;
  return el(
    "figure",
    { class: "check-heatmap" },
    heatmap({ rows: d.rows, cols: d.cols, values: d.absErr, max, rowLabel: "row", colLabel: "col", label }),
    el("figcaption", {}, `${d.field}: ${t.where}`),
  );
}

export function checkRow(c: CheckResult, t: Words): HTMLElement {
  const status = c.passed ? "pass" : "fail";
  const row = el("li", { "data-testid": "check-row", "data-status": status, "data-check": c.id, class: `check ${status}${c.warning ? " warning" : ""}` });
  const mark = c.passed ? (c.warning ? "⚠" : "✓") : "✗";
  row.append(el("div", { class: "check-head" }, el("span", { class: "mark" }, mark), el("code", {}, c.id), el("span", { class: "check-title" }, c.title), c.maxPoints ? el("span", { class: "points" }, `${c.points}/${c.maxPoints}`) : ""));
  if (!c.passed || c.warning) {
    row.append(el("div", { class: "check-message" }, c.message));
    if (c.diagnosis) row.append(el("div", { class: "check-diagnosis", "data-bug": c.bug ?? "" }, el("strong", {}, `${t.diagnosis}: `), c.diagnosis));
    row.append(errorHeatmap(c, t));
  }
  return row;
}

export function verdictText(report: Report, t: Words, limitMs: number): string {
  const failed = report.checks.filter((c) => !c.passed).length;
  if (report.verdict === "pass") return t.pass(report.score, report.maxScore);
  if (report.verdict === "timeout") return t.timeout(limitMs / 1000);
  if (report.verdict === "error") return `${t.error}: ${report.summary}`;
  return t.fail(failed, report.checks.length, report.score, report.maxScore);
}

export interface VerdictView {
  root: HTMLElement;
  running(): void;
  error(message: string): void;
  show(outcome: RunOutcome, limitMs: number): void;
}

export function verdictView(t: Words): VerdictView {
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
      checks.replaceChildren();
    },
    error: (message) => say("error", `${t.error}: ${message}`),
    show({ report, ms, bootMs }, limitMs) {
      say(report.verdict, verdictText(report, t, limitMs));
      timing.textContent = t.timing(ms, bootMs);
      timing.dataset.ms = String(ms);
      // Failures (and passes with a warning) first: they are what the learner reads.
      const sorted = [...report.checks].sort((a, b) => Number(a.passed && !a.warning) - Number(b.passed && !b.warning));
      checks.replaceChildren(...sorted.map((c) => checkRow(c, t)));
      logs.hidden = report.logs.length === 0;
      logs.replaceChildren(el("summary", {}, `${t.printed} (${report.logs.length})`), el("pre", {}, report.logs.join("\n")));
    },
  };
}
