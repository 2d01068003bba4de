/**
 * The timed coding drill: pick an exercise, and its editor opens on the bare contract with
 * a visible clock counting down the exercise's budget. Every verdict is recorded with the
 * time since the start; one after the budget counts as over time (recorded, not lost).
 * The editor and grader (and with them tfjs) are imported only when a drill starts.
 */
import * as progress from "../progress.js";
import { budgetMinutes, recordAttempt } from "./code-drill.js";
import { EXERCISE_TITLES } from "../topic-nav.js";
import { countdown, formatClock, timerSeconds } from "./clock.js";
import { button, el } from "./dom.js";
import type { DrillExercise } from "./data.js";
import { STRINGS, type Verdict } from "./strings.js";
import type { ViewContext } from "./cards-view.js";

function exerciseRow(ctx: ViewContext, ex: DrillExercise, start: () => void): HTMLElement {
  const t = STRINGS[ctx.lang].code;
  const rec = progress.read("codedrill", ex.id);
  const facts = [t.budget(budgetMinutes(ex)), rec?.bestMs !== undefined ? t.best(formatClock(rec.bestMs)) : t.notPassed];
  if (rec?.firstPassMs !== undefined) facts.push(t.firstPass(formatClock(rec.firstPassMs)));
  facts.push(t.attempts(rec?.attempts.length ?? 0));
  const title = EXERCISE_TITLES[ex.id]?.[ctx.lang] ?? ex.id;
  return el(
    "li",
    { "data-exercise": ex.id },
    el("strong", {}, title),
    ` — ${facts.join(" · ")} `,
    button(t.start, { "data-testid": "drill-code-start", "data-exercise": ex.id }, start),
  );
}

function runDrill(ctx: ViewContext, ex: DrillExercise, back: () => void): HTMLElement {
  const t = STRINGS[ctx.lang].code;
  const budgetMs = timerSeconds(budgetMinutes(ex) * 60) * 1000;
  const timer = el("span", { "data-testid": "drill-timer", class: "drill-timer", role: "timer" });
  const result = el("p", { "data-testid": "drill-code-result", "aria-live": "polite" });
  const host = el("div", {}, el("p", {}, t.loading));
  const clock = countdown(budgetMs, (ms) => {
    timer.textContent = formatClock(ms);
    if (ms < 0) timer.dataset.over = "true";
  });
  let widget: (HTMLElement & { dispose?: () => void }) | undefined;
  const onVerdict = (report: { verdict: Verdict; score: number; maxScore: number }) => {
    const elapsedMs = Math.round(clock.elapsedMs());
    const overTime = elapsedMs > budgetMs;
    progress.update("codedrill", ex.id, (old) =>
      recordAttempt(old, { at: Date.now(), elapsedMs, budgetMs, verdict: report.verdict, score: report.score, maxScore: report.maxScore, overTime }),
    );
    result.dataset.verdict = report.verdict;
    result.dataset.over = String(overTime);
    result.textContent = t.recorded(t.verdicts[report.verdict], formatClock(elapsedMs), overTime);
    ctx.changed();
  };
  import("./code-widget.js")
    .then(({ codeDrillWidget }) => codeDrillWidget({ id: ex.id, lang: ctx.lang, starter: ex.starter, hints: ex.hints[ctx.lang], onVerdict }))
    .then(
      (w) => {
        widget = w;
        host.replaceChildren(w);
      },
      (e: Error) => host.replaceChildren(el("p", { class: "notice warn" }, t.loadFailed(e.message))),
    );
  const end = button(t.end, { "data-testid": "drill-code-end" }, () => {
    clock.stop();
    widget?.dispose?.();
    back();
  });
  const title = EXERCISE_TITLES[ex.id]?.[ctx.lang] ?? ex.id;
  return el(
    "div",
    { class: "drill-code-run", "data-exercise": ex.id },
    el("h3", {}, title),
    el("p", { class: "drill-clock" }, timer, ` · ${t.budget(budgetMinutes(ex))}`),
    result,
    host,
    end,
  );
}

export function codeView(ctx: ViewContext): HTMLElement {
  const t = STRINGS[ctx.lang].code;
  const root = el("section", { class: "drill-code" });
  const list = () =>
    root.replaceChildren(
      el("p", {}, t.intro),
      el("ul", { class: "drill-exercises" }, ...ctx.data.exercises.map((ex) => exerciseRow(ctx, ex, () => root.replaceChildren(runDrill(ctx, ex, list))))),
    );
  list();
  return root;
}
