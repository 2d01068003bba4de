/**
 * The home page's live parts: the map of every topic by section and the learner's
 * progress (topics read, quizzes passed, exercises passed), read from the progress store.
 */
import { EXERCISE_TITLES, SECTIONS, TOPICS, exercisePath, topicPath } from "./topic-nav.js";
import * as progress from "./progress.js";

type Lang = "en" | "zh";

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

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
    el("div", { "data-count": "exercises" }, el("strong", {}, `${exercises}/5`), words[2]),
  );
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
  return map;
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
