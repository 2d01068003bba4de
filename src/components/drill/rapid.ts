/**
 * The rapid-fire quiz's pure parts: drawing questions, the run's summary with its weak
 * topics, and the persistent missed-questions list (a question leaves it when a retry gets
 * it right).
 */
import type { Question } from "../quiz-schema.js";
import type { MissedRecord } from "../progress.js";
import { shuffled, type Random } from "../shuffle.js";

export type DrillQuestion = Question & { topic: number };
export const DEFAULT_QUESTIONS = 10;
export const QUESTION_SECONDS = 45;

/** A question's identity across the course (ids are unique within a topic only). */
export const questionKey = (q: { topic: number; id?: string; question?: string }): string => `${q.topic}:${q.id ?? q.question}`;

/** n random questions from the topics whose section is in `sections` (all when empty). */
export function drawQuestions(
  pool: readonly DrillQuestion[],
  n: number,
  topicSection: ReadonlyMap<number, string>,
  sections: readonly string[],
  random: Random = Math.random,
): DrillQuestion[] {
  const allowed = pool.filter((q) => sections.length === 0 || sections.includes(topicSection.get(q.topic) ?? ""));
  return shuffled(allowed, random).slice(0, Math.max(0, n));
}

export interface QuestionResult {
  question: DrillQuestion;
  correct: boolean;
  timedOut: boolean;
  ms: number;
}

export interface RunSummary {
  correct: number;
  total: number;
  ms: number;
  missed: DrillQuestion[];
  /** Topics with a miss, most misses first. */
  weakTopics: { topic: number; missed: number }[];
}

export function summarise(results: readonly QuestionResult[]): RunSummary {
  const missed = results.filter((r) => !r.correct).map((r) => r.question);
  const byTopic = new Map<number, number>();
  for (const q of missed) byTopic.set(q.topic, (byTopic.get(q.topic) ?? 0) + 1);
  return {
    correct: results.length - missed.length,
    total: results.length,
    ms: results.reduce((s, r) => s + r.ms, 0),
    missed,
    weakTopics: [...byTopic].map(([topic, n]) => ({ topic, missed: n })).sort((a, b) => b.missed - a.missed || a.topic - b.topic),
  };
}

/** The missed list after a run: new misses join (once), questions answered right leave. */
export function updateMissed(old: MissedRecord | undefined, results: readonly QuestionResult[], now: number): MissedRecord {
  const right = new Set(results.filter((r) => r.correct).map((r) => questionKey(r.question)));
  const items = (old?.items ?? []).filter((i) => !right.has(questionKey(i)));
  const present = new Set(items.map(questionKey));
  for (const r of results) {
    const key = questionKey(r.question);
    if (!r.correct && !present.has(key)) {
      items.push({ topic: r.question.topic, question: r.question.id, at: now });
      present.add(key);
    }
  }
  return { items };
}
