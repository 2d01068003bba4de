/** The timed coding drill's pure parts: per-exercise budgets and the record of attempts. */
import type { CodeDrillRecord } from "../progress.js";

// Minutes per exercise. The exercise registry (being added on another branch) will own these
// budgets; until it lands, this table is the one place they are set.
export const DRILL_BUDGET_MIN: Record<string, number> = { softmax: 10, masking: 10, attention: 15, mha: 20, rope: 15 };
const DEFAULT_BUDGET_MIN = 15;
export const budgetMinutes = (id: string): number => DRILL_BUDGET_MIN[id] ?? DEFAULT_BUDGET_MIN;

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
