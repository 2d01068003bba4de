/**
 * The exercise widget, the same for every exercise: an editor with the starter, Run
 * (Ctrl/⌘+Enter) grading in a Web Worker on WebGPU through the shared engine, the per-check
 * results with diagnoses and |got − want| heatmaps, hints one at a time, reset, reveal, and
 * drafts kept in the validated progress store. Each part is its own module in ./exercise/;
 * this file only composes them.
 *
 * `mode: "drill"` composes the same editor, runner and verdict for a timed drill: no hints,
 * no solution, no export/import, and it leaves the exercise page's draft and result alone
 * (the drill records its own through `onVerdict`).
 */
import type { Report } from "../_graders/engine/report.js";
import type { GraderDefinition } from "../_graders/engine/grader.js";
import type { BootInfo } from "../_graders/runtime/worker-runner.js";
import * as progress from "./progress.js";
import { el } from "./dom.js";
import { STRINGS, type Lang } from "./exercise-strings.js";
import { createEditor } from "./exercise/editor.js";
import { gradingSession } from "./exercise/runner.js";
import { runControl } from "./exercise/run-control.js";
import { verdictView } from "./exercise/verdict-view.js";
import { hintBox } from "./exercise/hints.js";
import { solutionReveal } from "./exercise/solution.js";
import { draftSaver, recordResult, resetButton, storeTransfer } from "./exercise/progress-controls.js";

export interface ExerciseOptions {
  id: string;
  /** Imports the exercise's grader (graders/<id>/grader.ts), so the page ships only that one,
   * and only once it grades. */
  loadGrader: () => Promise<GraderDefinition>;
  lang: Lang;
  starter: string;
  /** Absent in a drill, which offers no solution. */
  loadSolution?: () => Promise<string>;
  workerUrl: string;
  hints: string[];
  /** "page" (the default): the exercise page. "drill": a timed drill (see above). */
  mode?: "page" | "drill";
  /** "draft" opens the saved draft where there is one; "contract" opens the bare starter.
   * Defaults to "draft" on the page and "contract" in a drill. */
  startFrom?: "draft" | "contract";
  /** Called after every graded run with its report (not after a run the engine could not grade). */
  onVerdict?: (report: Report) => void;
}

export type ExerciseWidget = HTMLElement & { dispose: () => void };

function backendBadge(t: (typeof STRINGS)[Lang]) {
  const badge = el("span", { "data-testid": "backend-badge", class: "backend-badge", "data-backend": "" }, t.starting);
  const show = (text: string, backend: string, gpuOnly = false) => {
    badge.textContent = text;
    badge.dataset.backend = backend;
    badge.dataset.gpuOnly = String(gpuOnly);
  };
  return {
    badge,
    booted: (info: BootInfo) =>
      show(`${info.adapter ? `${info.backend} · ${info.adapter}` : info.backend}${info.gpuOnly ? ` · ${t.gpuOnly}` : ""}`, info.backend, info.gpuOnly),
    failed: (e: Error) => show(t.noBackend(e.message), "none"),
  };
}

/** The grading session (its worker boots now) and the badge that shows its backend. */
function startSession(opts: ExerciseOptions, t: (typeof STRINGS)[Lang], notify: (text: string, warn?: boolean) => void) {
  const backend = backendBadge(t);
  const session = gradingSession({
    id: opts.id,
    loadGrader: opts.loadGrader,
    workerUrl: opts.workerUrl,
    warmUpSource: (opts.mode ?? "page") === "page" ? opts.loadSolution : undefined,
    onBackend: (info) => {
      backend.booted(info);
      if (info.fallback) notify(t.fallback(info.fallback), true);
    },
    onBootError: backend.failed,
  });
  return { backend, session };
}

export function exerciseWidget(opts: ExerciseOptions): ExerciseWidget {
  const t = STRINGS[opts.lang];
  const page = (opts.mode ?? "page") === "page";
  const startFrom = opts.startFrom ?? (page ? "draft" : "contract");
  const notices = el("div", { class: "notices", "aria-live": "polite" });
  const notify = (text: string, warn = false) => notices.append(el("p", { class: warn ? "notice warn" : "notice" }, text));
  const stopNotices = progress.onQuarantine((n) => notify(t.quarantined(n.key)));

  const saved = page ? progress.read("exercise", opts.id) : undefined;
  const draft = startFrom === "draft" ? saved?.draft : undefined;
  if (draft && draft !== opts.starter) notify(t.restored);
  const saver = page ? draftSaver(opts.id) : null;
  // `run` is defined below, once the session and the verdict view exist; Ctrl+Enter calls it.
  // The first edit starts loading the grading engine, so that the first Run does not wait for it.
  let warmEngine = () => {};
  const change = (code: string) => {
    saver?.change(code);
    warmEngine();
  };
  const editor = createEditor(draft ?? opts.starter, { run: () => void run(), change }, { revealBody: true });

  const { backend, session } = startSession(opts, t, notify);
  warmEngine = session.prepare;
  const result = verdictView(t, opts.lang);
  const last = saved?.lastResult;
  const lastText = (v: string, s: number, m: number) => t.lastResult(t.verdictWord[v] ?? v, s, m);
  const status = el("span", { class: "save-status" }, last ? lastText(last.verdict, last.score, last.maxScore) : "");
  const { runButton, stopButton, run } = runControl({
    t,
    session,
    editor,
    result,
    graded: (report, source) => {
      if (page) {
        recordResult(opts.id, report, source);
        status.textContent = lastText(report.verdict, report.score, report.maxScore);
      }
      opts.onVerdict?.(report);
    },
  });

  // An import replaces the store; the open editor takes this exercise's imported draft, so the
  // next keystroke does not write the old code over it.
  const takeImportedDraft = () => {
    const imported = progress.read("exercise", opts.id)?.draft;
    if (imported === undefined || imported === editor.code()) return;
    editor.replace(imported);
    notify(t.importedEditor);
  };
  const reset = resetButton(t, () => editor.replace(opts.starter));
  const solution = page && opts.loadSolution ? solutionReveal(opts.loadSolution, t) : null;
  const root = el("div", { class: "exercise-widget", "data-exercise": opts.id, "data-mode": page ? "page" : "drill" });
  root.append(
    notices,
    page ? hintBox(opts.hints, t) : "",
    el("div", { class: "toolbar" }, runButton, stopButton, reset, solution?.button ?? "", backend.badge, status),
    editor.host,
    result.root,
    solution?.box ?? "",
    page ? storeTransfer(t, notify, takeImportedDraft) : "",
  );
  // Framework calls invalidation when the cell re-runs (live reload): release the worker.
  const dispose = () => {
    session.dispose();
    saver?.dispose();
    editor.destroy();
    stopNotices();
  };
  return Object.assign(root, { dispose });
}
