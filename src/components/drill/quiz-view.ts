/**
 * The rapid-fire quiz: N random questions from the chosen sections, one at a time against
 * the clock, then a summary (score, time, weak topics linking to their pages). Misses join
 * the persistent missed list, which can be retried; a right answer takes a question off it.
 */
import * as progress from "../progress.js";
import { button, el } from "./dom.js";
import { topicHref } from "./data.js";
import { formatClock } from "./clock.js";
import { questionRun } from "./question.js";
import { DEFAULT_QUESTIONS, drawQuestions, questionKey, QUESTION_SECONDS, summarise, updateMissed, type DrillQuestion, type QuestionResult } from "./rapid.js";
import { STRINGS } from "./strings.js";
import type { ViewContext } from "./cards-view.js";

/** The first answer ever given to a question counts for first-try accuracy; later ones do not. */
function recordFirstTry(r: QuestionResult): void {
  progress.update("quiz", String(r.question.topic), (old) => {
    const first = old?.first ?? {};
    if (r.question.id in first) return old ?? { answers: {} };
    return { ...(old ?? { answers: {} }), first: { ...first, [r.question.id]: r.correct } };
  });
}

function topicLink(ctx: ViewContext, n: number): HTMLElement {
  const topic = ctx.data.topics.find((x) => x.n === n);
  return topic ? el("a", { href: topicHref(topic, ctx.lang) }, STRINGS[ctx.lang].topicLink(n, topic.title[ctx.lang])) : el("span", {}, String(n));
}

function summaryView(ctx: ViewContext, results: QuestionResult[], again: () => void): HTMLElement {
  const t = STRINGS[ctx.lang].quiz;
  const s = summarise(results);
  return el(
    "div",
    { "data-testid": "drill-summary", class: "drill-summary", "data-score": String(s.correct), "data-total": String(s.total) },
    el("p", {}, el("strong", {}, t.score(s.correct, s.total)), " · ", t.time(formatClock(s.ms))),
    el("h4", {}, t.weakTopics),
    s.weakTopics.length ? el("ul", {}, ...s.weakTopics.map((w) => el("li", {}, topicLink(ctx, w.topic), ` (${w.missed})`))) : el("p", {}, t.noWeak),
    ...(s.missed.length
      ? [
          el("h4", {}, t.missedInRun),
          el("ul", { "data-testid": "drill-summary-missed" }, ...s.missed.map((q) => el("li", { "data-question": questionKey(q) }, q.prompt[ctx.lang]))),
        ]
      : []),
    button(t.again, { "data-testid": "drill-again" }, again),
  );
}

function missedList(ctx: ViewContext, start: (qs: DrillQuestion[]) => void): HTMLElement {
  const t = STRINGS[ctx.lang].quiz;
  const byKey = new Map(ctx.data.questions.map((q) => [questionKey(q), q]));
  const missed = (progress.read("missed", "quiz")?.items ?? []).map((i) => byKey.get(questionKey(i))).filter((q): q is DrillQuestion => q !== undefined);
  const list = el(
    "ol",
    { "data-testid": "drill-missed", class: "drill-missed" },
    ...missed.map((q) => el("li", { "data-question": questionKey(q) }, q.prompt[ctx.lang], " — ", topicLink(ctx, q.topic))),
  );
  return el(
    "div",
    { class: "drill-missed-box" },
    el("h4", {}, t.missedList(missed.length)),
    list,
    missed.length ? button(t.retry, { "data-testid": "drill-retry" }, () => start(missed)) : el("p", {}, t.missedEmpty),
  );
}

function setupView(ctx: ViewContext, start: (qs: DrillQuestion[]) => void): HTMLElement {
  const t = STRINGS[ctx.lang].quiz;
  const count = el("input", { type: "number", min: "1", max: "200", value: String(DEFAULT_QUESTIONS), "data-testid": "drill-count" });
  const boxes = ctx.data.sections.map((s) => el("input", { type: "checkbox", value: s.id, checked: "" }));
  const topicSection = new Map(ctx.data.topics.map((x) => [x.n, x.section]));
  const note = el("p", { class: "notice warn", hidden: "" }, t.noQuestions);
  const go = button(t.start, { "data-testid": "drill-start" }, () => {
    const n = Math.min(200, Math.max(1, Math.round(Number(count.value)) || DEFAULT_QUESTIONS));
    const chosen = boxes.filter((b) => b.checked).map((b) => b.value);
    const qs = drawQuestions(ctx.data.questions, n, topicSection, chosen.length === boxes.length ? [] : chosen);
    note.hidden = qs.length > 0;
    if (qs.length && chosen.length) start(qs);
  });
  return el(
    "div",
    { class: "drill-setup" },
    el("p", {}, t.perQuestion(QUESTION_SECONDS)),
    el("label", {}, `${t.count} `, count),
    el(
      "fieldset",
      {},
      el("legend", {}, t.sections),
      ...ctx.data.sections.map((s, i) => el("label", { class: "drill-check" }, boxes[i], ` ${s.title[ctx.lang]}`)),
    ),
    go,
    note,
    missedList(ctx, start),
  );
}

export function quizView(ctx: ViewContext): HTMLElement {
  const t = STRINGS[ctx.lang].quiz;
  const root = el("section", { class: "drill-quiz" });
  const home = () => root.replaceChildren(setupView(ctx, start));
  function start(questions: DrillQuestion[]): void {
    const results: QuestionResult[] = [];
    const step = (i: number) => {
      if (i === questions.length) {
        progress.write("missed", "quiz", updateMissed(progress.read("missed", "quiz"), results, Date.now()));
        ctx.changed();
        root.replaceChildren(summaryView(ctx, results, home), missedList(ctx, start));
        return;
      }
      const last = i === questions.length - 1;
      root.replaceChildren(
        questionRun(
          questions[i],
          ctx.lang,
          t.position(i + 1, questions.length),
          (r) => {
            results.push(r);
            recordFirstTry(r);
            step(i + 1);
          },
          last ? t.finish : t.next,
        ),
      );
    };
    step(0);
  }
  home();
  return root;
}
