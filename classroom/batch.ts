/**
 * Grade a whole class: every (student, exercise) pair runs in its own sandboxed child
 * process on a bounded pool, with the assignment's time and memory limits, so one student's
 * infinite loop or hostile code touches nobody else's grade. Results are written as each
 * student completes (atomically), and a re-run reuses every student whose files, submission
 * time, the assignment, the secret and the graders are unchanged. A failure of the grading
 * machinery itself is a "grader error" for the teacher: never a grade, never cached.
 */
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join, relative } from "node:path";
import type { ExerciseId } from "../graders/contract.js";
import type { Report } from "../graders/engine/report.js";
import { gradeSource, type NodeGradeOptions } from "../graders/node.js";
import { COURSE_ROOT, GRADERS_DIR } from "../graders/paths.js";
import { ChildSession } from "../graders/runtime/node-runner.js";
import { mapPool } from "../graders/runtime/pool.js";
import { lateFactor, type Assignment } from "./assignment.js";
import { classReportHtml, classReportMarkdown, feedbackMarkdown } from "./class-report.js";
import { findSubmissions, submissionFromDir, type Submission } from "./discover.js";
import { classroomPayload, gradebookCsv, junitXml, STATUS_ORDER, summaryMarkdown, type GradebookRow, type StudentGrade } from "./outputs.js";
import { rosterMatches, type RosterEntry } from "./roster.js";
import { graderErrorExercise, refusedExercise, scoreExercise, type ExerciseGrade } from "./score.js";

export type GradeOne = (exercise: ExerciseId, source: string, filename: string, opts: NodeGradeOptions) => Promise<Report>;

export interface ClassOptions {
  /** A folder of student folders, or one student's folder with `single`. */
  classDir: string;
  /** `submittedAt`: the time the teacher's workflow recorded (beats the repository's). */
  single?: { student: string; submittedAt?: string };
  outDir: string;
  assignment: Assignment;
  secret?: string;
  jobs?: number;
  /** Regrade every student, cached or not. */
  force?: boolean;
  /** Grade only these student folders (regraded even if unchanged); the others keep their cached grades. */
  only?: string[];
  roster?: RosterEntry[];
  /** The teacher's record of submission times, by student folder. */
  times?: ReadonlyMap<string, string>;
  /** Stops handing out work (an interrupt); gradings in flight are discarded, not recorded. */
  signal?: AbortSignal;
  /** Grades one file (default: a sandboxed Node child); tests swap in a failing machine. */
  gradeOne?: GradeOne;
  onProgress?: (event: { done: number; total: number; student: string; reused: boolean; grade: StudentGrade }) => void;
}

export interface ClassResult {
  grades: StudentGrade[];
  skipped: string[];
  reused: number;
  graded: number;
  /** "student/exercise: cause" for every file the machinery failed to grade. */
  graderErrors: string[];
  /** With --only: students neither named nor cached, so absent from this gradebook. */
  notGraded: string[];
  /** Roster entries with no folder in the class. */
  noSubmission: string[];
  /** "student: warning" about submission times. */
  timeWarnings: string[];
  interrupted: boolean;
}

export class ClassError extends Error {}

function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

function hashFiles(dir: string, h: ReturnType<typeof createHash>): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) hashFiles(p, h);
    else if (entry.name.endsWith(".ts")) h.update(relative(COURSE_ROOT, p)).update(readFileSync(p));
  }
}

/**
 * Changes to any grader source (cases, tolerances, engine) invalidate cached grades, and so do
 * changes to classroom mode's own code, which decides what a cached grade holds.
 */
function graderVersion(): string {
  const h = createHash("sha256");
  hashFiles(GRADERS_DIR, h);
  hashFiles(join(COURSE_ROOT, "classroom"), h);
  return h.digest("hex");
}

/** A per-output-folder salt, so the cache key depends on the secret without revealing it. */
function secretFingerprint(outDir: string, secret: string | undefined): string {
  if (!secret) return "no-secret";
  const saltFile = join(outDir, ".cache", "salt");
  if (!existsSync(saltFile)) writeAtomic(saltFile, randomBytes(32).toString("hex"));
  return createHash("sha256").update(readFileSync(saltFile, "utf8")).update(secret).digest("hex");
}

function studentGrade(sub: Submission, a: Assignment, exercises: ExerciseGrade[]): StudentGrade {
  const raw = Math.round(exercises.reduce((s, e) => s + e.points, 0) * 100) / 100;
  const late = lateFactor(a, sub.time.at);
  const statuses = new Set(exercises.map((e) => e.status));
  return {
    student: sub.student,
    exercises,
    raw,
    total: Math.round(raw * late.factor * 100) / 100,
    maxTotal: a.exercises.reduce((s, e) => s + e.points, 0),
    daysLate: late.daysLate,
    lateFactor: late.factor,
    status: STATUS_ORDER.find((s) => statuses.has(s)) ?? "ok",
    submittedAt: sub.time.at?.toISOString() ?? null,
    timeSource: sub.time.source,
    timeWarnings: sub.time.warnings,
  };
}

/** The student-facing copy: teacher-only diagnoses go when the assignment hides them. */
function studentFile(a: Assignment, g: StudentGrade): string {
  const exercises = a.showDiagnoses ? g.exercises : g.exercises.map(({ diagnosed: _d, ...e }) => e);
  return JSON.stringify({ assignment: a.title, ...g, exercises }, null, 2);
}

function discover(opts: ClassOptions, ids: string[]): { submissions: Submission[]; skipped: string[] } {
  if (opts.single) return { submissions: [submissionFromDir(opts.classDir, opts.single.student, ids, opts.single.submittedAt)], skipped: [] };
  const found = findSubmissions(opts.classDir, ids, opts.times);
  for (const name of opts.only ?? []) {
    if (!found.submissions.some((s) => s.student === name)) throw new ClassError(`--only ${name}: no student folder of that name in ${opts.classDir}`);
  }
  return found;
}

/** Where a run's files go; what the gradebook holds is kept current as students finish. */
class Outputs {
  private junitAt = 0;
  constructor(
    private readonly opts: ClassOptions,
    private readonly ids: string[],
  ) {
    const out = opts.outDir;
    if (existsSync(out) && !statSync(out).isDirectory())
      throw new ClassError(`--out ${out} is a file, not a folder: give a folder for the gradebook and reports`);
    for (const d of [out, join(out, "reports"), join(out, "feedback"), join(out, ".cache")]) mkdirSync(d, { recursive: true });
  }

  file(...parts: string[]): string {
    return join(this.opts.outDir, ...parts);
  }

  student(g: StudentGrade, key: string): void {
    const a = this.opts.assignment;
    const cache = this.file(".cache", `${g.student}.json`);
    if (g.status === "grader error") {
      rmSync(cache, { force: true });
      return;
    }
    writeAtomic(this.file("reports", `${g.student}.json`), studentFile(a, g));
    writeAtomic(this.file("feedback", `${g.student}.md`), feedbackMarkdown(a, g));
    writeAtomic(cache, JSON.stringify({ key, grade: g }));
  }

  /** The gradebook after every student; JUnit XML (larger) at most every 2 s, and at the end. */
  tables(rows: GradebookRow[], final: boolean): void {
    const a = this.opts.assignment;
    writeAtomic(this.file("gradebook.csv"), gradebookCsv(this.ids, rows, { roster: Boolean(this.opts.roster), hasDeadline: Boolean(a.deadline) }));
    if (!final && Date.now() - this.junitAt < 2000) return;
    this.junitAt = Date.now();
    writeAtomic(
      this.file("junit.xml"),
      junitXml(
        a.title,
        rows.flatMap((r) => (r.grade ? [r.grade] : [])),
        a.lang,
      ),
    );
  }

  /** The final tables, and the class report over everyone graded or reused. */
  finish(rows: GradebookRow[], result: ClassResult): void {
    this.tables(rows, true);
    result.noSubmission = rows.filter((r) => !r.grade).map((r) => r.student);
    const report = {
      assignment: this.opts.assignment,
      grades: result.grades,
      noSubmission: result.noSubmission,
      skipped: result.skipped,
      generatedAt: new Date(),
    };
    writeAtomic(this.file("class-report.md"), classReportMarkdown(report));
    writeAtomic(this.file("class-report.html"), classReportHtml(report));
  }
}

function cached(out: Outputs, student: string, key: string): StudentGrade | null {
  const cacheFile = out.file(".cache", `${student}.json`);
  if (!existsSync(cacheFile) || !existsSync(out.file("reports", `${student}.json`))) return null;
  try {
    const entry = JSON.parse(readFileSync(cacheFile, "utf8")) as { key: string; grade: StudentGrade };
    return entry.key === key ? entry.grade : null;
  } catch {
    return null; // a damaged cache entry is simply regraded
  }
}

export async function gradeClass(opts: ClassOptions): Promise<ClassResult> {
  const { assignment: a } = opts;
  const ids = a.exercises.map((e) => e.id);
  const out = new Outputs(opts, ids);
  const { submissions, skipped } = discover(opts, ids);
  const keyOf = cacheKeyer(opts, ids);
  const only = opts.only?.length ? new Set(opts.only) : null;
  const grades = new Map<string, StudentGrade>();
  const result: ClassResult = {
    grades: [],
    skipped,
    reused: 0,
    graded: 0,
    graderErrors: [],
    notGraded: [],
    noSubmission: [],
    timeWarnings: [],
    interrupted: false,
  };
  for (const sub of submissions) for (const w of sub.time.warnings) result.timeWarnings.push(`${sub.student}: ${w}`);

  const rows = (): GradebookRow[] => {
    const graded = submissions
      .filter((s) => grades.has(s.student))
      .map((s) => ({ student: s.student, grade: grades.get(s.student)!, roster: opts.roster?.find((r) => rosterMatches(r, s.student)) }));
    const absent = (opts.roster ?? [])
      .filter((r) => !submissions.some((s) => rosterMatches(r, s.student)))
      .map((r) => ({ student: r.key, grade: null, roster: r }));
    return [...graded, ...absent];
  };
  let done = 0;
  const finishStudent = (sub: Submission, grade: StudentGrade, key: string, fromCache: boolean) => {
    grades.set(sub.student, grade);
    if (!fromCache) out.student(grade, key);
    done++;
    out.tables(rows(), false);
    opts.onProgress?.({ done, total: submissions.length, student: sub.student, reused: fromCache, grade });
  };

  const pending: { sub: Submission; key: string; grades: Map<string, ExerciseGrade>; left: number }[] = [];
  for (const sub of submissions) {
    const key = keyOf(sub);
    const named = only?.has(sub.student) ?? false;
    const hit = opts.force || named ? null : cached(out, sub.student, key);
    if (hit) {
      result.reused++;
      finishStudent(sub, hit, key, true);
    } else if (only && !named) result.notGraded.push(sub.student);
    else pending.push({ sub, key, grades: new Map(), left: ids.length });
  }

  const record = (p: (typeof pending)[number], id: string, grade: ExerciseGrade) => {
    p.grades.set(id, grade);
    if (--p.left > 0) return;
    const g = studentGrade(
      p.sub,
      a,
      ids.map((x) => p.grades.get(x)!),
    );
    result.graded++;
    for (const e of g.exercises) if (e.graderError) result.graderErrors.push(`${g.student}/${e.exercise}: ${e.graderError}`);
    finishStudent(p.sub, g, p.key, false);
  };
  // Files that cannot run (missing, or refused links) are scored without a child process.
  for (const p of pending) {
    for (const id of ids) {
      if (p.sub.refused[id]) record(p, id, refusedExercise(a, id, p.sub.refused[id]));
      else if (!p.sub.files[id]) record(p, id, scoreExercise(a, id, null));
    }
  }

  const gradeOne = opts.gradeOne ?? gradeSource;
  const gradeTask = async ({ p, id }: GradeTask<(typeof pending)[number]>, session: ChildSession) => {
    let grade: ExerciseGrade;
    try {
      const report = await gradeOne(id as ExerciseId, readFileSync(p.sub.files[id], "utf8"), `${id}.ts`, {
        secret: opts.secret,
        hiddenDraws: a.hiddenDraws,
        // A second backend for one case per function: code that branches on the backend fails here.
        crossBackend: "wasm",
        timeoutMs: a.timeoutMs,
        memoryMb: a.memoryMb,
        session,
      });
      grade = scoreExercise(a, id, report);
    } catch (e) {
      grade = graderErrorExercise(a, id, (e as Error).message || String(e));
    }
    // An interrupt kills the children in flight: what they return is not the student's doing.
    if (opts.signal?.aborted) return;
    record(p, id, grade);
  };
  const students = pending.map((p) => ({ p, ids: ids.filter((id) => p.sub.files[id]) })).filter((s) => s.ids.length > 0);
  await gradeByStudent(students, opts.jobs ?? cpus().length, gradeTask, opts.signal);

  result.interrupted = Boolean(opts.signal?.aborted);
  result.grades = submissions.filter((s) => grades.has(s.student)).map((s) => grades.get(s.student)!);
  out.finish(rows(), result);
  return result;
}

interface GradeTask<P> {
  p: P;
  id: string;
}

/** Classroom children boot with both backends: the wasm cross-check runs in the student's warm child. */
const CLASS_BACKENDS = ["cpu", "wasm"];

/**
 * Grade each student's files with warm children that serve that student only (a child is
 * never handed from one student to the next: see ChildSession). With at least as many
 * students as jobs, each job takes a whole student, one child for all their files; with
 * fewer (one student, as in GitHub Classroom), the jobs share the student's files.
 */
async function gradeByStudent<P>(
  students: { p: P; ids: string[] }[],
  jobs: number,
  gradeTask: (task: GradeTask<P>, session: ChildSession) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  if (students.length >= jobs) {
    await mapPool(
      students,
      jobs,
      async ({ p, ids }) => {
        const session = new ChildSession(CLASS_BACKENDS);
        try {
          for (const id of ids) if (!signal?.aborted) await gradeTask({ p, id }, session);
        } finally {
          session.close();
        }
      },
      signal,
    );
    return;
  }
  const sessions = new Map(students.map((s) => [s.p, new ChildSession(CLASS_BACKENDS)]));
  const tasks = students.flatMap(({ p, ids }) => ids.map((id) => ({ p, id })));
  try {
    await mapPool(tasks, jobs, (t) => gradeTask(t, sessions.get(t.p)!), signal);
  } finally {
    for (const session of sessions.values()) session.close();
  }
}

/** What a cached grade depends on: graders, assignment, secret, submission time and files. */
function cacheKeyer(opts: ClassOptions, ids: string[]): (sub: Submission) => string {
  const version = graderVersion();
  const secretKey = secretFingerprint(opts.outDir, opts.secret);
  const assignment = JSON.stringify(opts.assignment);
  return (sub) => {
    const h = createHash("sha256")
      .update(version)
      .update(assignment)
      .update(secretKey)
      .update(sub.time.at?.toISOString() ?? "unknown");
    for (const id of ids) h.update(id).update(sub.files[id] ? readFileSync(sub.files[id]) : (sub.refused[id]?.en ?? "(missing)"));
    return h.digest("hex");
  };
}

export { classroomPayload, summaryMarkdown };
