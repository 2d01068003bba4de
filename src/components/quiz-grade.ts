/**
 * The one grading rule for quiz questions, shared by the topic pages, the drill and the tests.
 * Apart from ./quiz-schema.ts so that pages import it without zod (the banks are validated by
 * the build, not in the browser).
 */
import type { Question } from "./quiz-schema.js";

/** A learner's answer: a choice index, a set of indices, or a number. */
export type Answer = number | number[];

export function gradeAnswer(q: Question, answer: Answer): boolean {
  switch (q.kind) {
    case "single":
    case "code":
      return answer === q.answer;
    case "multiple": {
      if (!Array.isArray(answer)) return false;
      const want = new Set(q.answer);
      const got = new Set(answer);
      return want.size === got.size && [...want].every((a) => got.has(a));
    }
    case "numeric":
      return typeof answer === "number" && Number.isFinite(answer) && Math.abs(answer - q.answer) <= q.tolerance;
  }
}
