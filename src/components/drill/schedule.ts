/**
 * Flashcard scheduling with FSRS (ts-fsrs, the maintained implementation). Short-term
 * learning steps are off: a rating moves a card by whole days, so a card rated Good is not
 * due again the same day (a card rated Again returns at the end of the session instead,
 * see cards-view.ts). Fuzz is off so that intervals are reproducible in tests.
 */
import { createEmptyCard, fsrs, generatorParameters, Rating, type Card, type Grade } from "ts-fsrs";
import type { CardRecord } from "../progress.js";

export const RATINGS = ["again", "hard", "good", "easy"] as const;
export type RatingName = (typeof RATINGS)[number];
const GRADE: Record<RatingName, Grade> = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good, easy: Rating.Easy };

const scheduler = fsrs(generatorParameters({ enable_fuzz: false, enable_short_term: false }));

function toCard(r: CardRecord | undefined, now: number): Card {
  if (!r) return createEmptyCard(new Date(now));
  const { introducedAt: _, last_review, due, ...rest } = r;
  return { ...rest, due: new Date(due), last_review: last_review === undefined ? undefined : new Date(last_review) };
}

function toRecord(c: Card, introducedAt: number): CardRecord {
  return {
    due: c.due.getTime(),
    stability: c.stability,
    difficulty: c.difficulty,
    elapsed_days: c.elapsed_days,
    scheduled_days: c.scheduled_days,
    learning_steps: c.learning_steps,
    reps: c.reps,
    lapses: c.lapses,
    state: c.state,
    last_review: c.last_review?.getTime(),
    introducedAt,
  };
}

/** The card's state after a rating at `now`. */
export function rate(old: CardRecord | undefined, rating: RatingName, now: number): CardRecord {
  const next = scheduler.next(toCard(old, now), new Date(now), GRADE[rating]);
  return toRecord(next.card, old?.introducedAt ?? now);
}

/** When the card would next be due after each rating, for the buttons' labels. */
export function preview(old: CardRecord | undefined, now: number): Record<RatingName, number> {
  const out = {} as Record<RatingName, number>;
  for (const r of RATINGS) out[r] = rate(old, r, now).due;
  return out;
}
