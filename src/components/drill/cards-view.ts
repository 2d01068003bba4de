/**
 * Flashcards: the due reviews and today's new cards of the chosen section, one at a time;
 * reveal, then rate Again / Hard / Good / Easy. FSRS (schedule.ts) sets the next due date;
 * a card rated Again also comes back at the end of this session.
 */
import * as progress from "../progress.js";
import type { DrillCard, DrillData } from "./data.js";
import { topicHref } from "./data.js";
import { deckStatus } from "./deck.js";
import { button, courseHtml, el } from "./dom.js";
import { preview, rate, RATINGS, type RatingName } from "./schedule.js";
import { cardStates, saveSettings, settings } from "./state.js";
import { schedulerNow } from "./clock.js";
import { STRINGS, type Lang } from "./strings.js";

const DAY_MS = 86_400_000;

export interface ViewContext {
  lang: Lang;
  data: DrillData;
  /** Something in the store changed: refresh the due count and the progress view. */
  changed: () => void;
}

function controls(ctx: ViewContext, onChange: (section: string) => void): HTMLElement {
  const t = STRINGS[ctx.lang].cards;
  const select = el(
    "select",
    { "data-testid": "drill-section" },
    el("option", { value: "" }, t.allSections),
    ...ctx.data.sections.map((s) => el("option", { value: s.id }, s.title[ctx.lang])),
  );
  select.addEventListener("change", () => onChange(select.value));
  const perDay = el("input", { type: "number", min: "0", max: "1000", step: "1", value: String(settings().newPerDay), "data-testid": "drill-new-per-day" });
  perDay.addEventListener("change", () => {
    const n = Number(perDay.value);
    if (Number.isInteger(n) && n >= 0 && n <= 1000) saveSettings({ newPerDay: n });
    else perDay.value = String(settings().newPerDay);
    onChange(select.value);
  });
  return el("div", { class: "drill-controls" }, el("label", {}, `${t.section} `, select), el("label", {}, `${t.newPerDay} `, perDay));
}

function cardBack(card: DrillCard, ctx: ViewContext): HTMLElement {
  const t = STRINGS[ctx.lang].cards;
  const topic = ctx.data.topics.find((x) => x.n === card.topic);
  const formula = card.kind === "formula";
  return el(
    "div",
    { class: "drill-back", hidden: "" },
    el("h4", {}, formula ? t.formula : t.shortAnswer),
    courseHtml("div", card.back[ctx.lang], { class: "drill-short" }),
    el("h4", {}, formula ? t.note : t.keyPoints),
    el("ul", {}, ...card.points[ctx.lang].map((p) => courseHtml("li", p))),
    topic ? el("p", {}, el("a", { href: topicHref(topic, ctx.lang) }, `${t.readTopic}: ${STRINGS[ctx.lang].topicLink(topic.n, topic.title[ctx.lang])}`)) : "",
  );
}

function cardView(card: DrillCard, ctx: ViewContext, onRated: (r: RatingName) => void): HTMLElement {
  const t = STRINGS[ctx.lang];
  const root = el("article", {
    "data-testid": "drill-card",
    "data-card": card.id,
    "data-topic": String(card.topic),
    "data-state": "front",
    class: "drill-card",
  });
  const back = cardBack(card, ctx);
  const now = schedulerNow();
  const next = preview(progress.read("card", card.id), now);
  const ratings = el("div", { class: "drill-ratings", hidden: "" });
  for (const r of RATINGS) {
    const label = `${t.cards.ratings[r]} · ${t.days((next[r] - now) / DAY_MS)}`;
    ratings.append(button(label, { "data-testid": "drill-rate", "data-rating": r, title: `${t.cards.nextIn} ${t.date(next[r])}` }, () => onRated(r)));
  }
  const reveal = button(t.cards.reveal, { "data-testid": "drill-reveal" }, () => {
    back.hidden = false;
    ratings.hidden = false;
    reveal.hidden = true;
    root.dataset.state = "back";
  });
  root.append(
    el("p", { class: "drill-kind" }, card.kind === "formula" ? t.cards.formula : t.cards.question),
    courseHtml("div", card.front[ctx.lang], { class: "drill-front" }),
    reveal,
    back,
    ratings,
  );
  return root;
}

export function cardsView(ctx: ViewContext): HTMLElement {
  const t = STRINGS[ctx.lang];
  const info = el("p", { class: "drill-queue", "data-testid": "drill-queue" });
  const stage = el("div", { class: "drill-stage" });
  let queue: string[] = [];
  let section = "";
  const byId = new Map(ctx.data.cards.map((c) => [c.id, c]));
  const inSection = () => ctx.data.cards.filter((c) => !section || ctx.data.topics.find((x) => x.n === c.topic)?.section === section).map((c) => c.id);

  const rebuild = (s: string) => {
    section = s;
    const ids = inSection();
    const status = deckStatus(ids, cardStates(ids), schedulerNow(), settings().newPerDay);
    queue = [...status.due, ...status.fresh];
    info.textContent = t.cards.queue(status.due.length, status.fresh.length);
    show(status.nextDue);
  };
  const show = (nextDue?: number) => {
    const id = queue[0];
    if (!id) {
      stage.replaceChildren(el("p", { "data-testid": "drill-cards-done" }, nextDue ? t.cards.done(t.date(nextDue)) : t.cards.doneNoNext));
      return;
    }
    stage.replaceChildren(
      cardView(byId.get(id)!, ctx, (r) => {
        const rec = rate(progress.read("card", id), r, schedulerNow());
        progress.write("card", id, rec);
        queue.shift();
        // Again: FSRS moves it to tomorrow; it is also shown once more before this session ends.
        if (r === "again") queue.push(id);
        ctx.changed();
        if (queue.length) show();
        else rebuild(section);
      }),
    );
  };
  rebuild("");
  const onControls = (s: string) => {
    rebuild(s);
    ctx.changed();
  };
  return el("section", { class: "drill-cards" }, controls(ctx, onControls), info, stage);
}
