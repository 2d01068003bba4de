/**
 * The progress view: per section, topics read, quiz accuracy on the first try (apart from
 * quizzes eventually passed), cards due and learned; the coding drills with their best
 * times; the five weakest topics; and export / import of the whole store.
 */
import * as progress from "../progress.js";
import type { MockRecord, QuizRecord } from "../progress.js";
import { EXERCISE_TITLES } from "../topic-nav.js";
import { formatClock, schedulerNow } from "./clock.js";
import { topicHref } from "./data.js";
import { deckStatus } from "./deck.js";
import { button, el } from "./dom.js";
import { cardStates, settings } from "./state.js";
import { misses, topicStats, weakest, type Entries, type TopicStats } from "./stats.js";
import { STRINGS, type Lang } from "./strings.js";
import type { ViewContext } from "./cards-view.js";

function entries(ctx: ViewContext): Entries {
  const read = new Set<number>();
  const quizzes = new Map<number, QuizRecord>();
  const mocks = new Map<number, MockRecord>();
  for (const t of ctx.data.topics) {
    if (progress.read("read", String(t.n))) read.add(t.n);
    const q = progress.read("quiz", String(t.n));
    if (q) quizzes.set(t.n, q);
    const m = progress.read("mock", String(t.n));
    if (m) mocks.set(t.n, m);
  }
  const ids = ctx.data.cards.map((c) => c.id);
  return {
    read,
    quizzes,
    mocks,
    cards: cardStates(ids),
    cardTopic: new Map(ctx.data.cards.map((c) => [c.id, c.topic])),
    missed: progress.read("missed", "quiz"),
  };
}

const percent = (right: number, total: number) => (total ? `${Math.round((100 * right) / total)}%` : "—");

function sectionTable(ctx: ViewContext, e: Entries, stats: TopicStats[]): HTMLElement {
  const t = STRINGS[ctx.lang].progress;
  const now = schedulerNow();
  const rows = ctx.data.sections.map((s) => {
    const topics = new Set(ctx.data.topics.filter((x) => x.section === s.id).map((x) => x.n));
    const mine = stats.filter((x) => topics.has(x.topic));
    const ids = ctx.data.cards.filter((c) => topics.has(c.topic)).map((c) => c.id);
    const deck = deckStatus(ids, e.cards, now, settings().newPerDay);
    const right = mine.reduce((a, x) => a + x.firstRight, 0);
    const total = mine.reduce((a, x) => a + x.firstTotal, 0);
    return el(
      "tr",
      { "data-section": s.id },
      el("th", { scope: "row" }, s.title[ctx.lang]),
      el("td", { "data-stat": "read" }, `${mine.filter((x) => x.read).length}/${topics.size}`),
      el("td", { "data-stat": "first-try" }, `${percent(right, total)} (${right}/${total})`),
      el("td", { "data-stat": "passed" }, `${mine.filter((x) => x.passed).length}/${topics.size}`),
      el("td", { "data-stat": "cards" }, `${deck.due.length} / ${deck.learned}`),
    );
  });
  const head = el("tr", {}, ...[t.section, t.read, t.firstTry, t.passed, t.cards].map((h) => el("th", { scope: "col" }, h)));
  return el("table", { class: "drill-table", "data-testid": "drill-progress-sections" }, el("thead", {}, head), el("tbody", {}, ...rows));
}

function drillTable(ctx: ViewContext): HTMLElement {
  const t = STRINGS[ctx.lang].progress;
  const rows = ctx.data.exercises.map((ex) => {
    const rec = progress.read("codedrill", ex.id);
    return el(
      "tr",
      { "data-exercise": ex.id },
      el("th", { scope: "row" }, EXERCISE_TITLES[ex.id]?.[ctx.lang] ?? ex.id),
      el("td", {}, rec?.bestMs !== undefined ? t.yes : t.no),
      el("td", { "data-stat": "best" }, rec?.bestMs !== undefined ? formatClock(rec.bestMs) : "—"),
      el("td", { "data-stat": "attempts" }, String(rec?.attempts.length ?? 0)),
    );
  });
  const head = el("tr", {}, ...[t.exercise, t.drillPassed, t.bestTime, t.attempts].map((h) => el("th", { scope: "col" }, h)));
  return el("table", { class: "drill-table", "data-testid": "drill-progress-drills" }, el("thead", {}, head), el("tbody", {}, ...rows));
}

function weakList(ctx: ViewContext, stats: TopicStats[]): HTMLElement {
  const t = STRINGS[ctx.lang];
  const weak = weakest(stats);
  if (!weak.length) return el("p", { "data-testid": "drill-weakest" }, t.progress.noWeak);
  return el(
    "ol",
    { "data-testid": "drill-weakest" },
    ...weak.map((s) => {
      const topic = ctx.data.topics.find((x) => x.n === s.topic)!;
      return el(
        "li",
        { "data-topic": String(s.topic) },
        el("a", { href: topicHref(topic, ctx.lang) }, t.topicLink(topic.n, topic.title[ctx.lang])),
        ` — ${t.progress.weakRow(misses(s), percent(s.firstRight, s.firstTotal))}`,
      );
    }),
  );
}

export function backupControls(lang: Lang, changed: () => void): HTMLElement {
  const t = STRINGS[lang].progress;
  const note = el("p", { "aria-live": "polite", "data-testid": "drill-import-note" });
  const input = el("input", { type: "file", accept: "application/json,.json", hidden: "", "data-testid": "drill-import-file" });
  input.addEventListener("change", async () => {
    const file = input.files?.[0];
    if (!file) return;
    const r = progress.importProgress(await file.text());
    note.className = r.error ? "notice warn" : "notice";
    note.textContent = r.error ? (r.error.includes("not JSON") ? t.notJson : t.notExport) : t.imported(r.imported, r.skipped);
    input.value = "";
    changed();
  });
  const exportButton = button(t.exportButton, { "data-testid": "drill-export" }, () => {
    const a = el("a", {
      href: URL.createObjectURL(new Blob([progress.exportProgress()], { type: "application/json" })),
      download: "transformer-course-progress.json",
    });
    a.click();
    URL.revokeObjectURL(a.href);
  });
  return el(
    "div",
    { class: "toolbar secondary" },
    exportButton,
    button(t.importButton, { "data-testid": "drill-import" }, () => input.click()),
    input,
    note,
  );
}

export function progressView(ctx: ViewContext): HTMLElement {
  const t = STRINGS[ctx.lang].progress;
  const figures = el("div");
  const render = () => {
    const e = entries(ctx);
    const stats = ctx.data.topics.map((x) => topicStats(x.n, e));
    figures.replaceChildren(
      el("h3", {}, t.bySection),
      sectionTable(ctx, e, stats),
      el("h3", {}, t.drills),
      drillTable(ctx),
      el("h3", {}, t.weakest),
      weakList(ctx, stats),
    );
  };
  render();
  const afterImport = () => {
    render();
    ctx.changed();
  };
  return el("section", { class: "drill-progress", "data-testid": "drill-progress" }, figures, backupControls(ctx.lang, afterImport));
}
