/** Shared test helpers: grading a file through the real child-process runner. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ExerciseId } from "../graders/contract.js";
import type { Report } from "../graders/engine/report.js";
import { gradeFile, type NodeGradeOptions } from "../graders/node.js";
import { bankDir, COURSE_ROOT } from "../graders/paths.js";

export { COURSE_ROOT };

export function grade(exercise: ExerciseId, file: string, opts: NodeGradeOptions = {}): Promise<Report> {
  return gradeFile(exercise, file, { timeoutMs: 20_000, ...opts });
}

export function failing(r: Report) {
  return r.checks.filter((c) => !c.passed);
}

/** Every bug id named by a failing check (output, gradient, property or hygiene). */
export function bugs(r: Report): string[] {
  return [...new Set(failing(r).flatMap((c) => (c.bug ? [c.bug] : [])))];
}

export interface BankEntry {
  exercise: ExerciseId;
  file: string;
  name: string;
  expect: { pass: true } | { pass: false; bug: string };
}

/** The bank's files declare what they are in their first line: `// @expect pass` or `// @expect fail <bug-id>`. */
export function bankEntries(exercise: ExerciseId): BankEntry[] {
  const dir = bankDir(exercise);
  return readdirSync(dir)
    .filter((f) => f.endsWith(".ts"))
    .sort()
    .map((f) => {
      const file = join(dir, f);
      const first = readFileSync(file, "utf8").split("\n")[0];
      const m = /^\/\/ @expect (pass|fail)(?: ([a-z0-9-]+))?\s*$/.exec(first);
      if (!m || (m[1] === "fail" && !m[2])) throw new Error(`${file}: first line must be "// @expect pass" or "// @expect fail <bug-id>"`);
      return { exercise, file, name: f, expect: m[1] === "pass" ? { pass: true as const } : { pass: false as const, bug: m[2] } };
    });
}
