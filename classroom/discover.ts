/**
 * A class folder holds one sub-folder per student, with `exercises/<id>.ts` or `<id>.ts`
 * files. The submission time (for late rules) is read from an optional SUBMITTED_AT file
 * (ISO 8601, as a Classroom export or a git log can write it), else the files' newest mtime.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

export interface Submission {
  student: string;
  dir: string;
  files: Record<string, string>;
  submittedAt: Date;
}

const STUDENT = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$/;

export function findSubmissions(classDir: string, exerciseIds: readonly string[]): { submissions: Submission[]; skipped: string[] } {
  const submissions: Submission[] = [];
  const skipped: string[] = [];
  for (const name of readdirSync(classDir).sort()) {
    const dir = join(classDir, name);
    if (!statSync(dir).isDirectory() || name.startsWith(".")) continue;
    if (!STUDENT.test(name)) {
      skipped.push(`${name}: not a usable student name (letters, digits, . _ @ - only)`);
      continue;
    }
    submissions.push(submissionFromDir(dir, name, exerciseIds));
  }
  return { submissions, skipped };
}

/** One student's folder (also used alone, for a student's own repository on push). */
export function submissionFromDir(dir: string, student: string, exerciseIds: readonly string[]): Submission {
  const files: Record<string, string> = {};
  let newest = 0;
  for (const id of exerciseIds) {
    for (const candidate of [join(dir, "exercises", `${id}.ts`), join(dir, `${id}.ts`)]) {
      if (existsSync(candidate) && statSync(candidate).isFile()) {
        files[id] = candidate;
        newest = Math.max(newest, statSync(candidate).mtimeMs);
        break;
      }
    }
  }
  let submittedAt = new Date(newest || Date.now());
  const stamp = join(dir, "SUBMITTED_AT");
  if (existsSync(stamp)) {
    const parsed = new Date(readFileSync(stamp, "utf8").trim());
    if (!Number.isNaN(parsed.getTime())) submittedAt = parsed;
  }
  return { student, dir, files, submittedAt };
}
