/**
 * Run and Stop: one run at a time, Stop shown only while a run is going, and a load error
 * said once, at its line, with a marker in the editor.
 */
import type { Report } from "../../_graders/engine/report.js";
import { el } from "../dom.js";
import type { STRINGS, Lang } from "../exercise-strings.js";
import type { Editor } from "./editor.js";
import { loadFailure, type LoadFailure } from "./load-error.js";
import { STOPPED, type GradingSession, type RunOutcome } from "./runner.js";
import type { VerdictView } from "./verdict-view.js";

/**
 * Where a load error is. The transpiler can place a syntax error early: inside an arrow
 * function it backtracks and reports the arrow's start (an error on line 20 shown at 16:22).
 * The editor's own parser (Lezer) finds the first broken token, so for a SyntaxError its
 * position wins when it is at or after the reported one.
 */
export function locateFailure(failure: LoadFailure | null, editor: Editor): LoadFailure | null {
  if (failure?.name !== "SyntaxError") return failure;
  const seen = editor.firstSyntaxError();
  if (!seen) return failure;
  const reported = failure.line ? [failure.line, failure.column ?? 1] : [0, 0];
  const later = seen.line > reported[0] || (seen.line === reported[0] && seen.column >= reported[1]);
  return later ? { ...failure, ...seen } : failure;
}

export function runControl(opts: {
  t: (typeof STRINGS)[Lang];
  session: GradingSession;
  editor: Editor;
  result: VerdictView;
  /** After a graded run (not after one stopped or one the engine could not grade). */
  graded: (report: Report, source: string) => void;
}): { runButton: HTMLButtonElement; stopButton: HTMLButtonElement; run: () => Promise<void> } {
  const { t, session, editor, result } = opts;
  const runButton = el("button", { "data-testid": "run-button", class: "run", title: t.runHint }, t.run);
  const stopButton = el("button", { "data-testid": "stop-button", class: "stop", hidden: "" }, t.stop);
  stopButton.addEventListener("click", () => session.stop());
  const busy = (on: boolean) => {
    runButton.disabled = on;
    runButton.textContent = on ? t.running : t.run;
    stopButton.hidden = !on;
  };

  async function run(): Promise<void> {
    if (runButton.disabled) return;
    busy(true);
    result.running();
    editor.markError(null);
    const source = editor.code();
    let outcome: RunOutcome | typeof STOPPED;
    try {
      outcome = await session.run(source);
    } catch (e) {
      result.error((e as Error).message);
      return;
    } finally {
      busy(false);
    }
    if (outcome === STOPPED) return result.stopped();
    const failure = locateFailure(loadFailure(outcome.report), editor);
    result.show(outcome, session.limitMs, failure);
    if (failure?.line) editor.markError({ line: failure.line, column: failure.column ?? 1, message: `${failure.name}: ${failure.message}` });
    opts.graded(outcome.report, source);
  }
  runButton.addEventListener("click", () => void run());
  return { runButton, stopButton, run };
}
