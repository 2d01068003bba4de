/**
 * Quiz banks are data: src/data/quizzes/NN.json, one per topic, both languages in one file
 * so they cannot drift apart. This schema is checked by `npm run build` (before Framework
 * renders anything) and by the tests, so pages take the banks as valid and never load zod;
 * gradeAnswer (./quiz-grade.ts) is the one grading rule the page and the tests share.
 */
import * as z from "zod/mini";

const Text = z.object({ en: z.string().check(z.minLength(1)), zh: z.string().check(z.minLength(1)) });

const base = {
  id: z.string().check(z.regex(/^[a-z0-9-]+$/)),
  prompt: Text,
  explanation: Text,
};
const index = z.number().check(z.int(), z.minimum(0));

export const SingleChoice = z.object({
  ...base,
  kind: z.literal("single"),
  choices: z.array(Text).check(z.minLength(2), z.maxLength(8)),
  answer: index,
});

export const MultipleChoice = z.object({
  ...base,
  kind: z.literal("multiple"),
  choices: z.array(Text).check(z.minLength(3), z.maxLength(8)),
  /** Indices of every correct choice; the learner must pick exactly these. */
  answer: z.array(index).check(z.minLength(1)),
});

export const Numeric = z.object({
  ...base,
  kind: z.literal("numeric"),
  answer: z.number(),
  /** Absolute tolerance. */
  tolerance: z.number().check(z.minimum(0)),
  unit: z.optional(Text),
});

export const CodeChoice = z.object({
  ...base,
  kind: z.literal("code"),
  /** Candidate lines of code (the same in both languages). */
  choices: z.array(z.string().check(z.minLength(1))).check(z.minLength(2), z.maxLength(6)),
  answer: index,
});

export const Question = z.discriminatedUnion("kind", [SingleChoice, MultipleChoice, Numeric, CodeChoice]).check(
  z.superRefine((q, ctx) => {
    if (q.kind === "single" || q.kind === "code") {
      if (q.answer >= q.choices.length) ctx.addIssue({ code: "custom", message: `answer ${q.answer} is not a choice index` });
    }
    if (q.kind === "multiple") {
      if (q.answer.some((a) => a >= q.choices.length)) ctx.addIssue({ code: "custom", message: "an answer index is not a choice index" });
      if (new Set(q.answer).size !== q.answer.length) ctx.addIssue({ code: "custom", message: "duplicate answer index" });
    }
  }),
);
export type Question = z.infer<typeof Question>;

export const QuizBank = z
  .object({
    // Which topics exist is topics.json's business; the build checks each bank against it.
    topic: z.number().check(z.int(), z.minimum(1)),
    questions: z.array(Question).check(z.minLength(4)),
  })
  .check(
    z.superRefine((b, ctx) => {
      const ids = new Set<string>();
      for (const q of b.questions) {
        if (ids.has(q.id)) ctx.addIssue({ code: "custom", message: `duplicate question id ${q.id}` });
        ids.add(q.id);
      }
    }),
  );
export type QuizBank = z.infer<typeof QuizBank>;

export { type Answer, gradeAnswer } from "./quiz-grade.js";
