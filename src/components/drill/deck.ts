/**
 * Which flashcards are due: pure, and free of ts-fsrs so that the home page can show the
 * due count without shipping the scheduler. A card's state is its progress-store entry;
 * a card without one is new, and at most `newPerDay` new cards are introduced per day.
 */
import type { CardRecord } from "../progress.js";

export const DEFAULT_NEW_PER_DAY = 20;

/** The local calendar day of a time, "2026-03-14": the unit of "new cards per day". */
export function dayKey(t: number): string {
  const d = new Date(t);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

export interface DeckStatus {
  /** Reviews due now, most overdue first. */
  due: string[];
  /** New cards that may still be introduced today, in deck order. */
  fresh: string[];
  /** Cards seen at least once. */
  learned: number;
  /** The next time a card that is not due now becomes due (epoch ms), if any. */
  nextDue?: number;
}

export function deckStatus(ids: readonly string[], states: ReadonlyMap<string, CardRecord>, now: number, newPerDay: number): DeckStatus {
  const today = dayKey(now);
  const seen = ids.filter((id) => states.has(id));
  const introducedToday = seen.filter((id) => dayKey(states.get(id)!.introducedAt) === today).length;
  const due = seen.filter((id) => states.get(id)!.due <= now).sort((a, b) => states.get(a)!.due - states.get(b)!.due);
  const later = seen.map((id) => states.get(id)!.due).filter((d) => d > now);
  const fresh = ids.filter((id) => !states.has(id)).slice(0, Math.max(0, newPerDay - introducedToday));
  return { due, fresh, learned: seen.length, nextDue: later.length ? Math.min(...later) : undefined };
}

/** The number shown as "due": reviews due plus the new cards still allowed today. */
export function dueCount(s: DeckStatus): number {
  return s.due.length + s.fresh.length;
}
