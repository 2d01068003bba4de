/**
 * The shape of graders/registry.json, the one list of exercises. Its key order is the
 * order of the sidebar, the home pages and the CLI's table. Kept free of Node imports so
 * that a page could validate the same file it reads with FileAttachment.
 */
import { z } from "zod";

const Text = z.strictObject({ en: z.string().min(1), zh: z.string().min(1) });
const Identifier = z.string().regex(/^[A-Za-z_$][A-Za-z0-9_$]*$/, "must be a JavaScript identifier");

export const ExerciseEntry = z.strictObject({
  /** The names the learner's module must export (the contract). */
  exports: z.array(Identifier).min(1),
  /** The exercise's full title, as on its page and under a topic's "Practise" line. */
  title: Text,
  /** The short label in the sidebar. */
  nav: Text,
  /** Topic numbers (src/data/topics.json) the exercise practises. */
  // Topic numbers; that each one exists in src/data/topics.json is checked by scripts/validate-content.ts.
  topics: z.array(z.number().int().min(1)),
  /** How long an interview drill gives for it, in minutes. */
  drillMinutes: z.number().int().min(1).max(120),
  /** Hints revealed one by one on the page, the same number in both languages. */
  hints: z.strictObject({ en: z.array(z.string().min(1)).min(1), zh: z.array(z.string().min(1)).min(1) }).refine((h) => h.en.length === h.zh.length, {
    message: "hints.en and hints.zh must have the same number of hints",
  }),
});
export type ExerciseEntry = z.infer<typeof ExerciseEntry>;

/** Ids name files (exercises/<id>.ts, graders/<id>/) and URLs (/exercises/<id>). */
export const EXERCISE_ID = /^[a-z][a-z0-9-]*$/;
const RESERVED = ["engine", "runtime", "cli", "reference"];

export const Registry = z.record(z.string(), ExerciseEntry).superRefine((reg, ctx) => {
  if (Object.keys(reg).length === 0) ctx.addIssue({ code: "custom", message: "the registry lists no exercise" });
  for (const id of Object.keys(reg)) {
    if (!EXERCISE_ID.test(id))
      ctx.addIssue({ code: "custom", path: [id], message: `"${id}": an exercise id is lower-case letters, digits and dashes, starting with a letter` });
    else if (RESERVED.includes(id)) ctx.addIssue({ code: "custom", path: [id], message: `"${id}" is a folder of graders/ that is not an exercise` });
  }
});
export type Registry = z.infer<typeof Registry>;
