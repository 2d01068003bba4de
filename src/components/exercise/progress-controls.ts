/**
 * The exercise's side of the progress store: the draft (saved while typing, debounced),
 * the last result and first pass, reset to the starter, and export/import of the whole store.
 */
import type { Report } from "../../_graders/engine/report.js";
import * as progress from "../progress.js";
import { el } from "../dom.js";
import type { STRINGS, Lang } from "../exercise-strings.js";

type Words = (typeof STRINGS)[Lang];

export interface DraftSaver {
  /** Called on every change: saves 300 ms after the last keystroke, so typing does not write the store on every key. */
  change(draft: string): void;
  /** Writes a pending draft now (the page is being hidden or reloaded). */
  flush(): void;
  dispose(): void;
}

/** Drafts are saved while typing, debounced, and flushed on `pagehide` so the last keystrokes before a reload are kept. */
export function draftSaver(id: string): DraftSaver {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: string | null = null;
  const flush = () => {
    clearTimeout(timer);
    if (pending === null) return;
    const draft = pending;
    pending = null;
    progress.update("exercise", id, (old) => ({ ...(old ?? {}), draft, updatedAt: Date.now() }));
  };
  const onHidden = () => document.visibilityState === "hidden" && flush();
  addEventListener("pagehide", flush);
  document.addEventListener("visibilitychange", onHidden);
  return {
    change(draft) {
      pending = draft;
      clearTimeout(timer);
      timer = setTimeout(flush, 300);
    },
    flush,
    dispose() {
      flush();
      removeEventListener("pagehide", flush);
      document.removeEventListener("visibilitychange", onHidden);
    },
  };
}

export function recordResult(id: string, report: Report, draft: string): void {
  progress.update("exercise", id, (old) => ({
    ...(old ?? { draft }),
    updatedAt: Date.now(),
    lastResult: { verdict: report.verdict, score: report.score, maxScore: report.maxScore, backend: report.backend, at: Date.now() },
    passedAt: report.passed ? (old?.passedAt ?? Date.now()) : old?.passedAt,
  }));
}

export function resetButton(t: Words, reset: () => void): HTMLButtonElement {
  const button = el("button", { "data-testid": "reset-button" }, t.reset);
  button.addEventListener("click", () => {
    if (confirm(t.resetConfirm)) reset();
  });
  return button;
}

/** Export and import of the whole store (every exercise, quiz and topic read), as one JSON file. */
/** `imported` runs after a successful import, so the open editor can take the imported draft. */
export function storeTransfer(t: Words, notify: (text: string, warn: boolean) => void, imported: () => void = () => {}): HTMLElement {
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
    notify(r.error ? t.importFailed(r.error) : t.imported(r.imported, r.skipped), Boolean(r.error));
    if (!r.error) imported();
    importInput.value = "";
  });
  return el("div", { class: "toolbar secondary" }, exportButton, importButton, importInput);
}
