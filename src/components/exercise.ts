/**
 * The exercise widget, the same for all five exercises: a CodeMirror editor with the
 * starter, Run (Ctrl/⌘+Enter) grading in a Web Worker on WebGPU through the shared engine,
 * the per-check results with diagnoses and |got − want| heatmaps, hints one at a time,
 * reset, reveal, and drafts kept in the validated progress store.
 */
import { EditorView, basicSetup } from "codemirror";
import { keymap } from "@codemirror/view";
import { Prec } from "@codemirror/state";
import { javascript } from "@codemirror/lang-javascript";
import { grade } from "../_graders/engine/grade.js";
import type { CheckResult, Report } from "../_graders/engine/report.js";
import { GRADERS } from "../_graders/index.js";
import type { ExerciseId } from "../_graders/contract.js";
import { WorkerRunner, type BootInfo } from "../_graders/runtime/worker-runner.js";
import { heatmap } from "./heatmap.js";
import * as progress from "./progress.js";
import { STRINGS, type Lang } from "./exercise-strings.js";

/** Time limit per run in the browser (README, "Limits"): WebGPU on a software adapter is slow.
 * `?timeout=<ms>` in the page's URL overrides it (the browser tests use a short one). */
const DEFAULT_TIMEOUT_MS = 30_000;
function timeLimit(): number {
  const asked = Number(new URLSearchParams(location.search).get("timeout"));
  return Number.isFinite(asked) && asked >= 1000 ? asked : DEFAULT_TIMEOUT_MS;
}

export interface ExerciseOptions {
  id: ExerciseId;
  lang: Lang;
  starter: string;
  /** Absent in a drill, which offers no solution. */
  loadSolution?: () => Promise<string>;
  workerUrl: string;
  hints: string[];
  /** "drill" (the timed coding drill): no solution to reveal, and drafts are not saved over
   * the exercise page's own. */
  mode?: "page" | "drill";
  /** "contract": start from the bare starter, ignoring any saved draft. */
  startFrom?: "draft" | "contract";
  /** Called after every verdict, with the grader's report. */
  onVerdict?: (report: Report) => void;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

function checkRow(c: CheckResult, t: (typeof STRINGS)[Lang]): HTMLElement {
  const status = c.passed ? "pass" : "fail";
  const row = el("li", { "data-testid": "check-row", "data-status": status, "data-check": c.id, class: `check ${status}${c.warning ? " warning" : ""}` });
  const mark = c.passed ? (c.warning ? "⚠" : "✓") : "✗";
  row.append(el("div", { class: "check-head" }, el("span", { class: "mark" }, mark), el("code", {}, c.id), el("span", { class: "check-title" }, c.title), c.maxPoints ? el("span", { class: "points" }, `${c.points}/${c.maxPoints}`) : ""));
  if (!c.passed || c.warning) {
    row.append(el("div", { class: "check-message" }, c.message));
    if (c.diagnosis) row.append(el("div", { class: "check-diagnosis", "data-bug": c.bug ?? "" }, el("strong", {}, `${t.diagnosis}: `), c.diagnosis));
    if (c.detail) {
      const d = c.detail;
      const fig = el("figure", { class: "check-heatmap" });
      fig.append(
        heatmap({ rows: d.rows, cols: d.cols, values: d.absErr, max: Math.max(d.bound * 10, ...d.absErr.filter(Number.isFinite)), rowLabel: "row", colLabel: "col", label: (r, col, v) => `[${r}, ${col}] |Δ| = ${Number.isFinite(v) ? v.toExponential(2) : "NaN"}` }),
        el("figcaption", {}, `${d.field}: ${t.where}`),
      );
      row.append(fig);
    }
  }
  return row;
}

export function exerciseWidget(opts: ExerciseOptions): HTMLElement {
  const t = STRINGS[opts.lang];
  const root = el("div", { class: "exercise-widget", "data-exercise": opts.id });
  const notices = el("div", { class: "notices", "aria-live": "polite" });
  const stopNotices = progress.onQuarantine((n) => notices.append(el("p", { class: "notice" }, t.quarantined(n.key))));

  const drill = opts.mode === "drill";
  const saved = opts.startFrom === "contract" ? undefined : progress.read("exercise", opts.id);
  const badge = el("span", { "data-testid": "backend-badge", class: "backend-badge", "data-backend": "" }, t.starting);
  const runButton = el("button", { "data-testid": "run-button", class: "run", title: t.runHint }, t.run);
  const resetButton = el("button", { "data-testid": "reset-button" }, t.reset);
  const revealButton = el("button", { "data-testid": "reveal-solution" }, t.reveal);
  const status = el("span", { class: "save-status" }, saved?.lastResult ? t.lastResult(saved.lastResult.verdict, saved.lastResult.score, saved.lastResult.maxScore) : "");
  const verdict = el("div", { "data-testid": "verdict", "data-status": "idle", class: "verdict", role: "status" });
  const timing = el("div", { class: "timing" });
  const checks = el("ol", { class: "checks" });
  const logs = el("details", { class: "logs", hidden: "" });
  const solutionBox = el("div", { class: "solution", hidden: "" });
  const editorHost = el("div", { "data-testid": "exercise-editor", class: "editor" });
  if (saved?.draft && saved.draft !== opts.starter) notices.append(el("p", { class: "notice" }, t.restored));

  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  const saveDraft = (draft: string) => {
    if (drill) return;
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => {
      progress.update("exercise", opts.id, (old) => ({ ...(old ?? {}), draft, updatedAt: Date.now() }));
    }, 300);
  };

  const view = new EditorView({
    doc: saved?.draft ?? opts.starter,
    parent: editorHost,
    extensions: [
      basicSetup,
      javascript({ typescript: true }),
      // Starters carry long doc comments; wrapping keeps them readable on a narrow screen.
      EditorView.lineWrapping,
      Prec.highest(keymap.of([{ key: "Mod-Enter", run: () => (void run(), true) }])),
      EditorView.updateListener.of((u) => u.docChanged && saveDraft(u.state.doc.toString())),
      EditorView.theme({ "&": { fontSize: "13px", maxHeight: "32rem" }, ".cm-scroller": { overflow: "auto" } }),
    ],
  });

  const runner = new WorkerRunner(opts.workerUrl);
  const limit = timeLimit();
  let boot: BootInfo | null = null;
  let firstRun = true;
  const showBackend = (info: BootInfo) => {
    boot = info;
    badge.textContent = info.adapter ? `${info.backend} · ${info.adapter}` : info.backend;
    badge.dataset.backend = info.backend;
    if (info.fallback) notices.append(el("p", { class: "notice warn" }, t.fallback(info.fallback)));
  };
  const startBackend = () =>
    runner.boot().then(showBackend, (e: Error) => {
      badge.textContent = `no backend: ${e.message}`;
      badge.dataset.backend = "none";
    });
  void startBackend();

  async function run(): Promise<void> {
    if (runButton.disabled) return;
    runButton.disabled = true;
    runButton.textContent = t.running;
    verdict.dataset.status = "running";
    verdict.textContent = t.running;
    checks.replaceChildren();
    const t0 = performance.now();
    let report: Report;
    try {
      const info = await runner.boot();
      if (!boot) showBackend(info);
      report = await grade(GRADERS[opts.id], { source: view.state.doc.toString(), filename: `${opts.id}.ts`, runner, backend: info.backend, timeoutMs: limit });
    } catch (e) {
      verdict.dataset.status = "error";
      verdict.textContent = `${t.error}: ${(e as Error).message}`;
      runButton.disabled = false;
      runButton.textContent = t.run;
      void startBackend();
      return;
    }
    const ms = Math.round(performance.now() - t0);
    const failed = report.checks.filter((c) => !c.passed).length;
    verdict.dataset.status = report.verdict;
    verdict.textContent =
      report.verdict === "pass"
        ? t.pass(report.score, report.maxScore)
        : report.verdict === "timeout"
          ? t.timeout(limit / 1000)
          : report.verdict === "error"
            ? `${t.error}: ${report.summary}`
            : t.fail(failed, report.checks.length, report.score, report.maxScore);
    timing.textContent = t.timing(ms, firstRun && boot ? Math.round(boot.bootMs) : null);
    timing.dataset.ms = String(ms);
    firstRun = false;
    const sorted = [...report.checks].sort((a, b) => Number(a.passed && !a.warning) - Number(b.passed && !b.warning));
    checks.replaceChildren(...sorted.map((c) => checkRow(c, t)));
    logs.hidden = report.logs.length === 0;
    logs.replaceChildren(el("summary", {}, `${t.printed} (${report.logs.length})`), el("pre", {}, report.logs.join("\n")));
    progress.update("exercise", opts.id, (old) => ({
      ...(old ?? { draft: view.state.doc.toString() }),
      updatedAt: Date.now(),
      lastResult: { verdict: report.verdict, score: report.score, maxScore: report.maxScore, backend: report.backend, at: Date.now() },
      passedAt: report.passed ? (old?.passedAt ?? Date.now()) : old?.passedAt,
    }));
    status.textContent = t.lastResult(report.verdict, report.score, report.maxScore);
    runButton.disabled = false;
    runButton.textContent = t.run;
    if (report.verdict === "timeout") void startBackend();
    opts.onVerdict?.(report);
  }

  runButton.addEventListener("click", () => void run());
  resetButton.addEventListener("click", () => {
    if (!confirm(t.resetConfirm)) return;
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: opts.starter } });
  });
  revealButton.addEventListener("click", async () => {
    if (!solutionBox.hidden) {
      solutionBox.hidden = true;
      revealButton.textContent = t.reveal;
      return;
    }
    if (!opts.loadSolution || !confirm(t.revealConfirm)) return;
    const code = await opts.loadSolution();
    solutionBox.replaceChildren(el("pre", {}, el("code", { class: "language-ts" }, code)));
    solutionBox.hidden = false;
    revealButton.textContent = t.hide;
  });

  // Hints, one at a time.
  const hintList = el("ol", { class: "hints" });
  const hintButton = el("button", { class: "hint-button" }, t.hint(1, opts.hints.length));
  let shown = 0;
  hintButton.addEventListener("click", () => {
    if (shown >= opts.hints.length) return;
    hintList.append(el("li", {}, opts.hints[shown++]));
    hintButton.textContent = shown < opts.hints.length ? t.hint(shown + 1, opts.hints.length) : t.noMoreHints;
    hintButton.disabled = shown >= opts.hints.length;
  });

  // Export / import of the whole progress store.
  const exportButton = el("button", {}, t.exportProgress);
  exportButton.addEventListener("click", () => {
    const blob = new Blob([progress.exportProgress()], { type: "application/json" });
    const a = el("a", { href: URL.createObjectURL(blob), download: "transformer-course-progress.json" });
    a.click();
    URL.revokeObjectURL(a.href);
  });
  const importInput = el("input", { type: "file", accept: "application/json,.json", hidden: "" });
  const importButton = el("button", {}, t.importProgress);
  importButton.addEventListener("click", () => importInput.click());
  importInput.addEventListener("change", async () => {
    const file = importInput.files?.[0];
    if (!file) return;
    const r = progress.importProgress(await file.text());
    notices.append(el("p", { class: r.error ? "notice warn" : "notice" }, r.error ?? t.imported(r.imported, r.skipped)));
  });

  root.append(
    notices,
    el("div", { class: "hint-box" }, hintButton, hintList),
    el("div", { class: "toolbar" }, runButton, resetButton, drill ? "" : revealButton, badge, status),
    editorHost,
    el("div", { class: "result" }, verdict, timing, checks, logs),
    solutionBox,
    el("div", { class: "toolbar secondary" }, exportButton, importButton, importInput),
  );
  // Framework calls invalidation when the cell re-runs (live reload): release the worker.
  (root as HTMLElement & { dispose?: () => void }).dispose = () => {
    runner.dispose();
    view.destroy();
    stopNotices();
  };
  return root;
}
