/**
 * The footer of every topic page — previous/next topic and the exercises that practise it —
 * and the "read" mark, from src/data/topics.json, the one list of topics, and
 * graders/registry.json, the one list of exercises.
 */
import { FileAttachment } from "observablehq:stdlib";
import * as progress from "./progress.js";
import { interviewMode } from "./interview-mode.js";

const topicsData = await FileAttachment("../data/topics.json").json();
const registry = (await FileAttachment("../_graders/registry.json").json()) as Record<string, { title: { en: string; zh: string } }>;
type Lang = "en" | "zh";
export interface Topic {
  n: number;
  slug: string;
  section: string;
  visual: string;
  visualPreset?: string;
  exercises: string[];
  title: { en: string; zh: string };
}
export const TOPICS = topicsData.topics as Topic[];
export const SECTIONS = topicsData.sections as { id: string; title: { en: string; zh: string } }[];

/** Every exercise's title by id, in the registry's order (the home pages list them so). */
export const EXERCISE_TITLES: Record<string, { en: string; zh: string }> = Object.fromEntries(Object.entries(registry).map(([id, e]) => [id, e.title]));

export function topicPath(t: Topic, lang: Lang): string {
  return `/${lang}/topics/${String(t.n).padStart(2, "0")}-${t.slug}`;
}

export function exercisePath(id: string, lang: Lang): string {
  return lang === "en" ? `/exercises/${id}` : `/zh/exercises/${id}`;
}

function link(href: string, text: string, rel?: string): HTMLAnchorElement {
  const a = document.createElement("a");
  a.href = href;
  a.textContent = text;
  if (rel) a.rel = rel;
  return a;
}

/** "Related topics" on an exercise page. */
export function relatedTopics({ topics, lang }: { topics: number[]; lang: Lang }): HTMLElement {
  const p = document.createElement("p");
  p.className = "related-topics";
  const list = topics.map((n) => TOPICS.find((t) => t.n === n)).filter((t): t is Topic => t !== undefined);
  if (list.length === 0) return p;
  p.append(lang === "en" ? "Related topics: " : "相关专题：");
  list.forEach((t, k) => {
    if (k) p.append(" · ");
    p.append(link(topicPath(t, lang), `${t.n}. ${t.title[lang]}`));
  });
  return p;
}

export function topicFooter({ n, lang }: { n: number; lang: Lang }): HTMLElement {
  const i = TOPICS.findIndex((t) => t.n === n);
  const topic = TOPICS[i];
  const nav = document.createElement("nav");
  nav.className = "topic-footer";
  // "Read" means the reader scrolled to the end of the page (or answered its quiz, see
  // quiz.ts). The footer can be in view before the page has laid out its visuals, so a page
  // only opened, never scrolled, does not count.
  const seen = new IntersectionObserver((es) => {
    if (!es.some((e) => e.isIntersecting) || window.scrollY < 100) return;
    progress.write("read", String(n), { at: Date.now() });
    seen.disconnect();
  });
  seen.observe(nav);
  const page = document.querySelector<HTMLElement>(`.topic[data-topic="${n}"]`);
  if (page) interviewMode(page, lang);
  const words =
    lang === "en"
      ? { practise: "Practise", prev: "Previous", next: "Next", drill: "Interview drill: flashcards, quizzes, mock interviews" }
      : { practise: "动手练习", prev: "上一题", next: "下一题", drill: "面试冲刺：闪卡、快速测验、模拟面试" };
  if (topic.exercises.length) {
    const p = document.createElement("p");
    p.append(`${words.practise}: `);
    topic.exercises.forEach((id, k) => {
      if (k) p.append(" · ");
      p.append(link(exercisePath(id, lang), EXERCISE_TITLES[id][lang]));
    });
    nav.append(p);
  }
  const row = document.createElement("p");
  row.className = "prev-next";
  const prev = TOPICS[i - 1];
  const next = TOPICS[i + 1];
  if (prev) row.append(link(topicPath(prev, lang), `← ${words.prev}: ${prev.n}. ${prev.title[lang]}`, "prev"));
  if (next) row.append(link(topicPath(next, lang), `${words.next}: ${next.n}. ${next.title[lang]} →`, "next"));
  nav.append(row);
  const drill = document.createElement("p");
  drill.append(link(lang === "en" ? "/drill" : "/zh/drill", words.drill));
  nav.append(drill);
  return nav;
}
