/**
 * An assignment: which exercises, their points (optionally per check), an optional deadline
 * with a late rule, whether students see diagnoses, how many hidden draws per case, and the
 * language students read their feedback in.
 * JSON or YAML; every problem is reported with the path of the bad field — an unknown key at
 * any level, a check id the exercise does not have, a deadline without a time zone.
 */
import { readFileSync } from "node:fs";
import { extname } from "node:path";
import yaml from "js-yaml";
import { z } from "zod";
import { EXERCISE_IDS } from "../graders/contract.js";
import { LANGS } from "../graders/engine/i18n.js";
import { checksOf } from "./check-ids.js";

/** A deadline must say its time zone: "23:59" alone is a different moment on every machine. */
const Deadline = z.string().refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)), {
  message: 'must be an ISO date and time with a time zone, e.g. "2026-12-01T23:59:00Z" or "2026-12-01T23:59:00+08:00"',
});

export const Assignment = z
  .object({
    title: z.string().min(1).default("Transformer kernels"),
    exercises: z
      .array(
        z
          .object({
            id: z.enum(EXERCISE_IDS),
            /** The exercise's weight in the total; its checks share it in proportion to their points. */
            points: z.number().positive(),
            /** Override a check's points (its id as in a report, e.g. "output/cross-attention"). Hidden draws of a case inherit it. */
            checks: z.record(z.string(), z.number().min(0)).optional(),
          })
          .strict(),
      )
      .min(1),
    deadline: Deadline.optional(),
    late: z
      .object({
        /** Fraction of the grade lost per started day late. */
        penaltyPerDay: z.number().min(0).max(1),
        /** Past this many days late the grade is 0. */
        maxDaysLate: z.number().int().min(0),
      })
      .strict()
      .optional(),
    showDiagnoses: z.boolean().default(true),
    /** The language of what students read: feedback files, the job summary, Classroom's test messages, JUnit. */
    lang: z.enum(LANGS).default("en"),
    hiddenDraws: z.number().int().min(0).max(10).default(2),
    timeoutMs: z.number().int().min(1000).max(120_000).default(10_000),
    memoryMb: z.number().int().min(128).max(8192).default(1024),
  })
  .strict()
  .superRefine((a, ctx) => {
    const seen = new Set<string>();
    a.exercises.forEach((e, i) => {
      if (seen.has(e.id)) ctx.addIssue({ code: "custom", path: ["exercises", i, "id"], message: `${e.id} is listed twice` });
      seen.add(e.id);
      const known = new Set(checksOf(e.id).map((c) => c.id));
      for (const check of Object.keys(e.checks ?? {})) {
        if (known.has(check)) continue;
        ctx.addIssue({
          code: "custom",
          path: ["exercises", i, "checks", check],
          message: `${e.id} has no check "${check}" (list them: npm run grade -- --list-checks ${e.id})`,
        });
      }
    });
    if (a.late && !a.deadline) ctx.addIssue({ code: "custom", path: ["late"], message: "a late rule needs a deadline" });
  });
export type Assignment = z.infer<typeof Assignment>;

export class AssignmentError extends Error {}

/** Without --assignment every exercise counts equally (10 points each). */
export function defaultAssignment(): Assignment {
  return Assignment.parse({ exercises: EXERCISE_IDS.map((id) => ({ id, points: 10 })) });
}

export function parseAssignment(text: string, source: string): Assignment {
  let data: unknown;
  try {
    data = [".yaml", ".yml"].includes(extname(source).toLowerCase()) ? yaml.load(text, { schema: yaml.CORE_SCHEMA }) : JSON.parse(text); // CORE_SCHEMA: dates stay strings
  } catch (e) {
    throw new AssignmentError(`${source}: not valid ${/ya?ml$/i.test(source) ? "YAML" : "JSON"}: ${(e as Error).message.split("\n")[0]}`);
  }
  const parsed = Assignment.safeParse(data);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.length ? i.path.join(".") : "(top level)"}: ${i.message}`);
    throw new AssignmentError(`${source}: invalid assignment\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export function loadAssignment(path: string): Assignment {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new AssignmentError(`${path}: cannot read the assignment file`);
  }
  return parseAssignment(text, path);
}

/**
 * The grade factor for a submission at `submittedAt` (1 = on time, 0 = too late). Each started
 * day after the deadline counts; with a deadline but no `late` rule, any lateness scores 0.
 * Without a known submission time nothing is deducted (the gradebook says the time is unknown).
 */
export function lateFactor(a: Assignment, submittedAt: Date | null): { daysLate: number; factor: number } {
  if (!a.deadline || !submittedAt) return { daysLate: 0, factor: 1 };
  const ms = submittedAt.getTime() - new Date(a.deadline).getTime();
  if (ms <= 0) return { daysLate: 0, factor: 1 };
  const daysLate = Math.ceil(ms / 86_400_000);
  if (!a.late) return { daysLate, factor: 0 };
  if (daysLate > a.late.maxDaysLate) return { daysLate, factor: 0 };
  return { daysLate, factor: Math.max(0, 1 - a.late.penaltyPerDay * daysLate) };
}
