/** The timed coding drill's pure parts: per-exercise budgets and the record of attempts. */
import type { CodeDrillRecord } from "../progress.js";

/** Minutes for a drill: the exercise registry's `drillMinutes` (graders/registry.json). */
export const budgetMinutes = (ex: { minutes: number }): number => ex.minutes;

type Attempt = CodeDrillRecord["attempts"][number];

/** The record after one more attempt: the first and best times count passes within budget. */
export function recordAttempt(old: CodeDrillRecord | undefined, a: Attempt): CodeDrillRecord {
  const inTime = a.verdict === "pass" && !a.overTime;
  return {
    attempts: [...(old?.attempts ?? []), a].slice(-500),
    firstPassMs: old?.firstPassMs ?? (inTime ? a.elapsedMs : undefined),
    bestMs: inTime ? Math.min(a.elapsedMs, old?.bestMs ?? Infinity) : old?.bestMs,
  };
}
