/**
 * The mock interview: a random topic question against a 60 or 120 s clock, a box for the
 * answer, then the page's short answer and a checklist of the precise answer's key points
 * for an honest self-check. Each self-check joins the topic's history.
 */
import * as progress from "../progress.js";
import type { DrillCard } from "./data.js";
import { topicHref } from "./data.js";
import { countdown, formatClock, timerSeconds, type Countdown } from "./clock.js";
import { button, courseHtml, el } from "./dom.js";
import { STRINGS } from "./strings.js";
import type { ViewContext } from "./cards-view.js";

export const MOCK_LIMITS = [60, 120] as const;

function historyView(ctx: ViewContext, topic: number): HTMLElement {
  const t = STRINGS[ctx.lang];
  const history = progress.read("mock", String(topic))?.history ?? [];
  if (!history.length) return el("p", { "data-testid": "drill-mock-history" }, t.mock.noHistory);
  return el(
    "div",
    {},
    el("h4", {}, t.mock.history),
    el(
      "ul",
      { "data-testid": "drill-mock-history" },
      ...history.map((h) => el("li", {}, t.mock.historyRow(t.date(h.at), h.covered, h.total, Math.round(h.seconds)))),
    ),
  );
}

function reviewView(ctx: ViewContext, card: DrillCard, answer: string, seconds: number, limit: number): HTMLElement {
  const t = STRINGS[ctx.lang];
  const points = card.points[ctx.lang];
  const ticks = points.map(() => el("input", { type: "checkbox" }));
  const saved = el("p", { "aria-live": "polite" });
  const history = el("div", {}, historyView(ctx, card.topic));
  const save = button(t.mock.save, { "data-testid": "drill-mock-save" }, () => {
    const covered = ticks.filter((c) => c.checked).length;
    progress.update("mock", String(card.topic), (old) => ({
      history: [...(old?.history ?? []), { at: Date.now(), seconds, limit, covered, total: points.length, answer }].slice(-200),
    }));
    save.disabled = true;
    saved.textContent = t.mock.saved(covered, points.length);
    history.replaceChildren(historyView(ctx, card.topic));
    ctx.changed();
  });
  const topic = ctx.data.topics.find((x) => x.n === card.topic)!;
  return el(
    "div",
    { class: "drill-back", "data-testid": "drill-mock-review" },
    el("h4", {}, t.cards.shortAnswer),
    courseHtml("div", card.back[ctx.lang], { class: "drill-short" }),
    el("h4", {}, t.mock.checklist),
    el("ul", { class: "drill-checklist" }, ...points.map((p, i) => el("li", {}, el("label", {}, ticks[i], " ", courseHtml("span", p))))),
    save,
    saved,
    el("p", {}, el("a", { href: topicHref(topic, ctx.lang) }, `${t.cards.readTopic}: ${t.topicLink(topic.n, topic.title[ctx.lang])}`)),
    history,
  );
}

function interview(ctx: ViewContext, card: DrillCard, limit: number, again: () => void, onClock: (c: Countdown) => void): HTMLElement {
  const t = STRINGS[ctx.lang].mock;
  const timer = el("span", { "data-testid": "drill-timer", class: "drill-timer", role: "timer" });
  const answer = el("textarea", { "data-testid": "drill-answer", rows: "8", placeholder: t.placeholder, "aria-label": t.answerLabel });
  const note = el("p", { class: "drill-timeup", "aria-live": "polite" });
  const review = el("div");
  const clock = countdown(
    timerSeconds(limit) * 1000,
    (ms) => (timer.textContent = formatClock(Math.max(0, ms))),
    () => {
      note.textContent = t.timeUp;
      timer.dataset.over = "true";
    },
  );
  onClock(clock);
  const reveal = button(t.reveal, { "data-testid": "drill-reveal" }, () => {
    const seconds = clock.stop() / 1000;
    reveal.hidden = true;
    answer.readOnly = true;
    review.replaceChildren(reviewView(ctx, card, answer.value, seconds, limit));
  });
  return el(
    "div",
    { class: "drill-mock-run", "data-card": card.id },
    el("p", {}, timer),
    courseHtml("div", card.front[ctx.lang], { class: "drill-front", "data-testid": "drill-question", "data-topic": String(card.topic) }),
    el("label", { class: "drill-answer" }, t.answerLabel, answer),
    note,
    reveal,
    review,
    button(t.start, { "data-testid": "drill-mock-next" }, again),
  );
}

export function mockView(ctx: ViewContext): HTMLElement {
  const t = STRINGS[ctx.lang].mock;
  const root = el("section", { class: "drill-mock" });
  const questions = ctx.data.cards.filter((c) => c.kind === "question");
  const limit = el("select", { "data-testid": "drill-mock-limit" }, ...MOCK_LIMITS.map((s) => el("option", { value: String(s) }, t.seconds(s))));
  const stage = el("div");
  let running: Countdown | undefined;
  const draw = () => {
    running?.stop();
    const card = questions[Math.floor(Math.random() * questions.length)];
    stage.replaceChildren(interview(ctx, card, Number(limit.value), draw, (c) => (running = c)));
  };
  root.append(
    el("div", { class: "drill-controls" }, el("label", {}, `${t.limit} `, limit), button(t.start, { "data-testid": "drill-mock-start" }, draw)),
    stage,
  );
  return root;
}
