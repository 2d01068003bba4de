/** The shape of src/data/drill.json, written by scripts/drill-data.ts before every build. */
import type { DrillQuestion } from "./rapid.js";

export type Text = { en: string; zh: string };

export interface DrillCard {
  id: string;
  topic: number;
  kind: "question" | "formula";
  /** HTML rendered from the topic page (or src/data/formula-cards.json). */
  front: Text;
  back: Text;
  points: { en: string[]; zh: string[] };
}

export interface DrillTopic {
  n: number;
  slug: string;
  section: string;
  title: Text;
}

export interface DrillExercise {
  id: string;
  hints: { en: string[]; zh: string[] };
  /** The drill's time budget, from the exercise registry (graders/registry.json). */
  minutes: number;
  starter: string;
}

export interface DrillData {
  sections: { id: string; title: Text }[];
  topics: DrillTopic[];
  cards: DrillCard[];
  questions: DrillQuestion[];
  exercises: DrillExercise[];
}

export function topicHref(t: DrillTopic, lang: "en" | "zh"): string {
  return `/${lang}/topics/${String(t.n).padStart(2, "0")}-${t.slug}`;
}
