/**
 * Quiz banks are data: src/data/quizzes/NN.json, one per topic, both languages in one file
 * so they cannot drift apart. This schema is checked by `npm run build` (before Framework
 * renders anything) and by the tests; gradeAnswer is the one grading rule the page and the
 * tests share.
 */
import { z } from "zod";

const Text = z.object({ en: z.string().min(1), zh: z.string().min(1) });

const Base = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  prompt: Text,
  explanation: Text,
});

export const SingleChoice = Base.extend({
  kind: z.literal("single"),
  choices: z.array(Text).min(2).max(8),
  answer: z.number().int().min(0),
});

export const MultipleChoice = Base.extend({
  kind: z.literal("multiple"),
  choices: z.array(Text).min(3).max(8),
  /** Indices of every correct choice; the learner must pick exactly these. */
  answer: z.array(z.number().int().min(0)).min(1),
});

export const Numeric = Base.extend({
  kind: z.literal("numeric"),
  answer: z.number(),
  /** Absolute tolerance. */
  tolerance: z.number().min(0),
  unit: Text.optional(),
});

export const CodeChoice = Base.extend({
  kind: z.literal("code"),
  /** Candidate lines of code (the same in both languages). */
  choices: z.array(z.string().min(1)).min(2).max(6),
  answer: z.number().int().min(0),
});

export const Question = z.discriminatedUnion("kind", [SingleChoice, MultipleChoice, Numeric, CodeChoice]).superRefine((q, ctx) => {
  if (q.kind === "single" || q.kind === "code") {
    if (q.answer >= q.choices.length) ctx.addIssue({ code: "custom", message: `answer ${q.answer} is not a choice index` });
  }
  if (q.kind === "multiple") {
    if (q.answer.some((a) => a >= q.choices.length)) ctx.addIssue({ code: "custom", message: "an answer index is not a choice index" });
    if (new Set(q.answer).size !== q.answer.length) ctx.addIssue({ code: "custom", message: "duplicate answer index" });
  }
});
export type Question = z.infer<typeof Question>;

export const QuizBank = z
  .object({
    topic: z.number().int().min(1).max(33),
    questions: z.array(Question).min(4),
  })
  .superRefine((b, ctx) => {
    const ids = new Set<string>();
    for (const q of b.questions) {
      if (ids.has(q.id)) ctx.addIssue({ code: "custom", message: `duplicate question id ${q.id}` });
      ids.add(q.id);
    }
  });
export type QuizBank = z.infer<typeof QuizBank>;

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
