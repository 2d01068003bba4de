/**
 * Grade a whole class: every (student, exercise) pair runs in its own sandboxed child
 * process on a bounded pool, with the assignment's time and memory limits, so one student's
 * infinite loop or hostile code touches nobody else's grade. Results are written as each
 * student completes (atomically), and a re-run reuses every student whose files, the
 * assignment, the secret and the graders are unchanged.
 */
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join, relative } from "node:path";
import type { ExerciseId } from "../graders/contract.js";
import type { Report } from "../graders/engine/report.js";
import { gradeSource } from "../graders/node.js";
import { COURSE_ROOT, GRADERS_DIR } from "../graders/paths.js";
import { mapPool } from "../graders/runtime/pool.js";
import { lateFactor, type Assignment } from "./assignment.js";
import { findSubmissions, submissionFromDir, type Submission } from "./discover.js";
import { classroomPayload, gradebookCsv, junitXml, summaryMarkdown, type StudentGrade } from "./outputs.js";
import { scoreExercise } from "./score.js";

export interface ClassOptions {
  /** A folder of student folders, or one student's folder with `single`. */
  classDir: string;
  single?: { student: string };
  outDir: string;
  assignment: Assignment;
  secret?: string;
  jobs?: number;
  onProgress?: (event: { done: number; total: number; student: string; reused: boolean; grade: StudentGrade }) => void;
}

export interface ClassResult {
  grades: StudentGrade[];
  skipped: string[];
  reused: number;
  graded: number;
}

function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

function hashFiles(dir: string, h: ReturnType<typeof createHash>): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, entry.name);
    // A bank of sample submissions and tests do not change how anything is graded.
    if (entry.isDirectory()) entry.name !== "bank" && hashFiles(p, h);
    else if ((entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) || entry.name === "registry.json") h.update(relative(COURSE_ROOT, p)).update(readFileSync(p));
  }
}

/** Changes to any grader source (cases, tolerances, engine, the registry) invalidate cached grades. */
function graderVersion(): string {
  const h = createHash("sha256");
  hashFiles(GRADERS_DIR, h);
  return h.digest("hex");
}

/** A per-output-folder salt, so the cache key depends on the secret without revealing it. */
function secretFingerprint(outDir: string, secret: string | undefined): string {
  if (!secret) return "no-secret";
  const saltFile = join(outDir, ".cache", "salt");
  if (!existsSync(saltFile)) writeAtomic(saltFile, randomBytes(32).toString("hex"));
  return createHash("sha256").update(readFileSync(saltFile, "utf8")).update(secret).digest("hex");
}

function studentGrade(sub: Submission, a: Assignment, reports: Map<string, Report | null>): StudentGrade {
  const exercises = a.exercises.map((e) => scoreExercise(a, e.id, reports.get(e.id) ?? null));
  const raw = Math.round(exercises.reduce((s, e) => s + e.points, 0) * 100) / 100;
  const late = lateFactor(a, sub.submittedAt);
  const statuses = exercises.map((e) => e.status);
  const status = ["not allowed", "memory limit", "timeout", "error", "missing"].find((s) => statuses.includes(s)) ?? "ok";
  return {
    student: sub.student,
    exercises,
    raw,
    total: Math.round(raw * late.factor * 100) / 100,
    maxTotal: a.exercises.reduce((s, e) => s + e.points, 0),
    daysLate: late.daysLate,
    lateFactor: late.factor,
    status,
    submittedAt: sub.submittedAt.toISOString(),
  };
}

export async function gradeClass(opts: ClassOptions): Promise<ClassResult> {
  const { assignment: a, outDir } = opts;
  const ids = a.exercises.map((e) => e.id);
  for (const d of [outDir, join(outDir, "reports"), join(outDir, ".cache")]) mkdirSync(d, { recursive: true });
  const { submissions, skipped } = opts.single
    ? { submissions: [submissionFromDir(opts.classDir, opts.single.student, ids)], skipped: [] as string[] }
    : findSubmissions(opts.classDir, ids);
  const version = graderVersion();
  const secretKey = secretFingerprint(outDir, opts.secret);
  const keyOf = (sub: Submission) => {
    const h = createHash("sha256").update(version).update(JSON.stringify(a)).update(secretKey).update(sub.submittedAt.toISOString());
    for (const id of ids) h.update(id).update(sub.files[id] ? readFileSync(sub.files[id]) : "(missing)");
    return h.digest("hex");
  };

  const grades = new Map<string, StudentGrade>();
  let reused = 0;
  let done = 0;
  const total = submissions.length;
  const finishStudent = (sub: Submission, grade: StudentGrade, key: string, fromCache: boolean) => {
    grades.set(sub.student, grade);
    if (!fromCache) {
      writeAtomic(join(outDir, "reports", `${sub.student}.json`), JSON.stringify({ assignment: a.title, ...grade }, null, 2));
      writeAtomic(join(outDir, ".cache", `${sub.student}.json`), JSON.stringify({ key, grade }));
    }
    done++;
    // Keep the gradebook current, so an interrupted run still leaves a usable one.
    const ordered = submissions.filter((s) => grades.has(s.student)).map((s) => grades.get(s.student)!);
    writeAtomic(join(outDir, "gradebook.csv"), gradebookCsv(ids, ordered));
    opts.onProgress?.({ done, total, student: sub.student, reused: fromCache, grade });
  };

  const pending: { sub: Submission; key: string; reports: Map<string, Report | null>; left: number }[] = [];
  for (const sub of submissions) {
    const key = keyOf(sub);
    const cacheFile = join(outDir, ".cache", `${sub.student}.json`);
    if (existsSync(cacheFile) && existsSync(join(outDir, "reports", `${sub.student}.json`))) {
      try {
        const cached = JSON.parse(readFileSync(cacheFile, "utf8")) as { key: string; grade: StudentGrade };
        if (cached.key === key) {
          reused++;
          finishStudent(sub, cached.grade, key, true);
          continue;
        }
      } catch {
        /* a damaged cache entry is simply regraded */
      }
    }
    pending.push({ sub, key, reports: new Map(), left: ids.length });
  }

  const tasks = pending.flatMap((p) => ids.map((id) => ({ p, id })));
  await mapPool(tasks, opts.jobs ?? cpus().length, async ({ p, id }) => {
    const file = p.sub.files[id];
    const report = file
      ? await gradeSource(id as ExerciseId, readFileSync(file, "utf8"), `${id}.ts`, {
          secret: opts.secret,
          hiddenDraws: a.hiddenDraws,
          timeoutMs: a.timeoutMs,
          memoryMb: a.memoryMb,
        })
      : null;
    p.reports.set(id, report);
    if (--p.left === 0) finishStudent(p.sub, studentGrade(p.sub, a, p.reports), p.key, false);
  });

  const ordered = submissions.map((s) => grades.get(s.student)!);
  writeAtomic(join(outDir, "gradebook.csv"), gradebookCsv(ids, ordered));
  writeAtomic(join(outDir, "junit.xml"), junitXml(a.title, ordered));
  return { grades: ordered, skipped, reused, graded: pending.length };
}

export { classroomPayload, summaryMarkdown };
