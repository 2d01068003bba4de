/**
 * The home page's live parts: the map of every topic by section and the learner's
 * progress (topics read, quizzes passed, exercises passed), read from the progress store.
 */
import { EXERCISE_TITLES, SECTIONS, TOPICS, exercisePath, topicPath } from "./topic-nav.js";
import * as progress from "./progress.js";
import { el } from "./dom.js";
import { FileAttachment } from "observablehq:stdlib";
import { schedulerNow } from "./drill/clock.js";
import { deckStatus, dueCount } from "./drill/deck.js";
import { cardStates, settings } from "./drill/state.js";

type Lang = "en" | "zh";

export function progressSummary(lang: Lang): HTMLElement {
  const entries = progress.all();
  const read = entries.filter((e) => e.kind === "read").length;
  const quizzes = entries.filter((e) => e.kind === "quiz" && (e.value as progress.QuizRecord).passedAt).length;
  const exercises = entries.filter((e) => e.kind === "exercise" && (e.value as progress.ExerciseRecord).passedAt).length;
  const words = lang === "en" ? ["topics read", "quizzes passed", "exercises passed"] : ["已读专题", "通过的测验", "通过的练习"];
  return el(
    "div",
    { class: "progress-summary", "data-testid": "progress-summary" },
    el("div", { "data-count": "read" }, el("strong", {}, `${read}/${TOPICS.length}`), words[0]),
    el("div", { "data-count": "quizzes" }, el("strong", {}, `${quizzes}/${TOPICS.length}`), words[1]),
    el("div", { "data-count": "exercises" }, el("strong", {}, `${exercises}/${Object.keys(EXERCISE_TITLES).length}`), words[2]),
  );
}

/** Where to begin, or where to go on: the first topic not yet read. */
export function startHere(lang: Lang): HTMLElement {
  const isRead = new Set(
    progress
      .all()
      .filter((e) => e.kind === "read")
      .map((e) => e.id),
  );
  const next = TOPICS.find((t) => !isRead.has(String(t.n)));
  const begun = isRead.size > 0;
  if (!next)
    return el(
      "p",
      { class: "start-here", "data-testid": "start-here" },
      lang === "en" ? "You have read every topic. The drill keeps them fresh." : "你已读完全部专题，用冲刺练习保持记忆。",
    );
  const words =
    lang === "en" ? (begun ? `Continue with topic ${next.n}` : `Start with topic ${next.n}`) : begun ? `继续第 ${next.n} 题` : `从第 ${next.n} 题开始`;
  return el(
    "p",
    { class: "start-here", "data-testid": "start-here" },
    el("a", { class: "start-link", href: topicPath(next, lang) }, `${words}: ${next.title[lang]} →`),
  );
}

function mapLegend(lang: Lang): HTMLElement {
  const words =
    lang === "en"
      ? { read: "read (scrolled to the end, or its quiz answered)", passed: "quiz passed" }
      : { read: "已读（读到页尾，或答过测验）", passed: "测验通过" };
  return el("p", { class: "map-legend", "data-testid": "map-legend" }, el("span", { class: "legend-read" }, "●"), ` ${words.read} · ✓ ${words.passed}`);
}

export function topicMap(lang: Lang): HTMLElement {
  const entries = progress.all();
  const isRead = new Set(entries.filter((e) => e.kind === "read").map((e) => e.id));
  const passed = new Set(entries.filter((e) => e.kind === "quiz" && (e.value as progress.QuizRecord).passedAt).map((e) => e.id));
  const map = el("div", { class: "topic-map" });
  for (const s of SECTIONS) {
    const list = el("ol");
    for (const t of TOPICS.filter((t) => t.section === s.id)) {
      const title = el("a", { href: topicPath(t, lang) }, t.title[lang]);
      const li = el("li", { value: String(t.n), class: isRead.has(String(t.n)) ? "read" : "" }, title);
      if (passed.has(String(t.n))) li.append(" ✓");
      list.append(li);
    }
    map.append(el("section", {}, el("h3", {}, s.title[lang]), list));
  }
  return el("div", {}, mapLegend(lang), map);
}

export function exerciseList(lang: Lang): HTMLElement {
  const list = el("ul");
  for (const [id, title] of Object.entries(EXERCISE_TITLES)) {
    const rec = progress.read("exercise", id);
    const li = el("li", {}, el("a", { href: exercisePath(id, lang) }, title[lang]));
    if (rec?.passedAt) li.append(" ✓");
    else if (rec?.lastResult) li.append(` (${rec.lastResult.score}/${rec.lastResult.maxScore})`);
    list.append(li);
  }
  return list;
}

/** The drill's due count and a link to it. Reads only card ids and stored states (no scheduler). */
export async function drillDue(lang: Lang): Promise<HTMLElement> {
  const deck = (await FileAttachment("../data/drill-deck.json").json()) as { cards: { id: string }[] };
  const ids = deck.cards.map((c) => c.id);
  let damaged = 0;
  const stop = progress.onQuarantine(() => damaged++);
  const n = dueCount(deckStatus(ids, cardStates(ids), schedulerNow(), settings().newPerDay));
  stop();
  const words =
    lang === "en"
      ? {
          due: `${n} ${n === 1 ? "card" : "cards"} due today`,
          open: "Open the drill",
          damaged: "A damaged flashcard record could not be read and was set aside; the others are kept.",
        }
      : { due: `今日待复习 ${n} 张卡片`, open: "开始冲刺练习", damaged: "有一条闪卡记录已损坏、无法读取，已被移到一旁；其余记录都完好保留。" };
  const p = el(
    "p",
    { class: "drill-due" },
    el("strong", { "data-testid": "drill-due-count", "data-count": String(n) }, words.due),
    " · ",
    el("a", { href: lang === "en" ? "/drill" : "/zh/drill" }, words.open),
  );
  return damaged ? el("div", {}, el("p", { class: "notice warn" }, words.damaged), p) : p;
}
