/**
 * `npm run grade -- --class <dir> --out <dir>`: batch grading for teachers, and
 * `--student <dir> --github` for one student's repository in GitHub Actions.
 *
 * Exit status: 0 when every student folder was graded; 1 when any was skipped, the grading
 * machinery failed on any file (a "grader error", listed), or the class is empty; 2 for a
 * usage error; 130 when interrupted (what was finished is kept; a re-run continues).
 */
import { createHash } from "node:crypto";
import { appendFileSync, existsSync, readFileSync, statSync } from "node:fs";
import { basename, resolve, sep } from "node:path";
import { defaultAssignment, loadAssignment, type Assignment } from "../../classroom/assignment.js";
import { type Lang, sayIn } from "../engine/i18n.js";
import { classroomPayload, gradeClass, summaryMarkdown, type ClassResult } from "../../classroom/batch.js";
import { loadRoster, loadTimes } from "../../classroom/roster.js";
import { killAllGradingProcesses } from "../runtime/node-runner.js";
import { bold, dim, green, red, yellow } from "./format.js";
import { UsageError } from "./usage-error.js";

export interface ClassArgs {
  dir: string;
  single: boolean;
  out?: string;
  assignment?: string;
  assignmentSha256?: string;
  secret?: string;
  jobs?: string;
  github: boolean;
  force: boolean;
  only: string[];
  roster?: string;
  times?: string;
  submittedAt?: string;
  /** The language of students' feedback, the job summary and JUnit, over the assignment's. */
  lang?: Lang;
}

function checkPaths(args: ClassArgs): { dir: string; out: string } {
  const dir = resolve(args.dir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`no such folder: ${args.dir}`);
  if (!args.out) throw new UsageError("--out <dir> is required: reports, gradebook.csv and junit.xml are written there");
  const out = resolve(args.out);
  if (existsSync(out) && !statSync(out).isDirectory())
    throw new UsageError(`--out ${args.out} is a file, not a folder: give a folder for the gradebook and reports`);
  if (!args.single && (out === dir || out.startsWith(`${dir}${sep}`))) throw new UsageError("--out must not be inside the class folder");
  if (args.single && (args.force || args.only.length || args.roster || args.times))
    throw new UsageError("--force, --only, --roster and --times are for --class");
  if (!args.single && args.submittedAt) throw new UsageError("--submitted-at is for --student (a class takes --times <csv>)");
  return { dir, out };
}

/** The workflow pins the teacher's assignment by checksum, so an edited copy cannot grade. */
function assignmentOf(args: ClassArgs): Assignment {
  if (!args.assignment) {
    if (args.assignmentSha256) throw new UsageError("--assignment-sha256 needs --assignment");
    return defaultAssignment();
  }
  const path = resolve(args.assignment);
  if (args.assignmentSha256) {
    const actual = existsSync(path) ? createHash("sha256").update(readFileSync(path)).digest("hex") : "(no such file)";
    if (actual !== args.assignmentSha256.toLowerCase()) {
      throw new UsageError(
        `${args.assignment}: SHA-256 ${actual} is not the ${args.assignmentSha256} this workflow was made for: the assignment file was changed`,
      );
    }
  }
  return loadAssignment(path);
}

function parseJobs(jobs: string | undefined): number | undefined {
  if (jobs === undefined) return undefined;
  const n = Number(jobs);
  if (!(Number.isInteger(n) && n > 0)) throw new UsageError("--jobs must be a positive integer");
  return n;
}

function progress(tty: boolean, lang: Lang) {
  const say = sayIn(lang);
  return ({
    done,
    total,
    student,
    reused,
    grade,
  }: {
    done: number;
    total: number;
    student: string;
    reused: boolean;
    grade: { total: number; maxTotal: number; status: string };
  }) => {
    if (tty) {
      const width = 30;
      const filled = Math.round((done / total) * width);
      process.stdout.write(`\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} ${student.slice(0, 30).padEnd(30)}`);
      if (done === total) process.stdout.write("\n");
    } else {
      process.stdout.write(
        `${say("class.graded", { student, done, total })}${reused ? say("class.reused") : ""}: ${grade.total}/${grade.maxTotal}${grade.status !== "ok" ? ` [${grade.status}]` : ""}\n`,
      );
    }
  };
}

/** Ctrl-C (or a SIGINT relayed by npm): stop handing out work and end every grading child. */
function interruptible(lang: Lang): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  let first = 0;
  const onSignal = () => {
    // Ctrl-C reaches this process twice (from the terminal, and relayed by tsx): only a
    // second press a moment later means "quit now".
    if (controller.signal.aborted) {
      if (Date.now() - first > 1000) process.exit(130);
      return;
    }
    first = Date.now();
    controller.abort();
    killAllGradingProcesses();
    process.stderr.write(`\n${sayIn(lang)("class.interrupt")}\n`);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  const dispose = () => {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  };
  return { signal: controller.signal, dispose };
}

function listProblems(result: ClassResult, lang: Lang): number {
  const say = sayIn(lang);
  const lines: string[] = [];
  for (const s of result.skipped) lines.push(`${yellow(say("class.skipped"))} ${s}`);
  for (const e of result.graderErrors) lines.push(`${red(say("class.grader-error"))} ${e}`);
  for (const w of result.timeWarnings) lines.push(`${yellow(say("class.time"))} ${w}`);
  if (result.notGraded.length) lines.push(`${dim(say("class.not-in-run"))}: ${result.notGraded.join(", ")}`);
  if (result.noSubmission.length) lines.push(`${yellow(say("class.no-submission"))}: ${result.noSubmission.join(", ")}`);
  if (lines.length) process.stdout.write(`${lines.join("\n")}\n`);
  return result.skipped.length + result.graderErrors.length;
}

export async function runClass(args: ClassArgs): Promise<number> {
  const { dir, out } = checkPaths(args);
  const jobs = parseJobs(args.jobs);
  const assignment = args.lang ? { ...assignmentOf(args), lang: args.lang } : assignmentOf(args);
  const roster = args.roster ? loadRoster(resolve(args.roster)) : undefined;
  const times = args.times ? loadTimes(resolve(args.times)) : undefined;
  const tty = Boolean(process.stdout.isTTY) && !process.env.CI;
  const t0 = performance.now();
  const say = sayIn(assignment.lang);
  const stop = interruptible(assignment.lang);
  const result = await gradeClass({
    classDir: dir,
    outDir: out,
    assignment,
    secret: args.secret || undefined,
    jobs,
    force: args.force,
    only: args.only,
    roster,
    times,
    signal: stop.signal,
    single: args.single ? { student: basename(dir) || "student", submittedAt: args.submittedAt } : undefined,
    onProgress: progress(tty, assignment.lang),
  }).finally(stop.dispose);
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  const problems = listProblems(result, assignment.lang);
  if (result.interrupted) {
    process.stdout.write(`${yellow(say("class.interrupted-word"))}: ${say("class.interrupted", { done: result.grades.length, out })}\n`);
    return 130;
  }
  if (args.single) return reportSingle(args, assignment, result);

  const full = result.grades.filter((g) => g.total >= g.maxTotal - 1e-9).length;
  const runProblems = result.grades.filter((g) => g.status !== "ok").length;
  process.stdout.write(
    `\n${bold(assignment.title)}: ${say("class.done", { students: result.grades.length, seconds, graded: result.graded, reused: result.reused })}` +
      `${green(say("class.full", { n: full }))}${runProblems ? `${say("list.sep")}${red(say("class.not-ok", { n: runProblems }))}` : ""}\n` +
      dim(`${out}/gradebook.csv, class-report.md, class-report.html, junit.xml, reports/<student>.json, feedback/<student>.md\n`),
  );
  if (result.grades.length === 0 && result.notGraded.length === 0) {
    process.stderr.write(`${red(say("class.no-students-word"))}: ${say("class.no-students", { dir })}\n`);
    return 1;
  }
  if (problems > 0) process.stderr.write(`${red(say("class.problems", { n: problems }))}: ${say("class.problems-hint")}\n`);
  return problems > 0 ? 1 : 0;
}

/** One student's repository on push: the job summary, and the reporter's payload. */
function reportSingle(args: ClassArgs, assignment: Assignment, result: ClassResult): number {
  const g = result.grades[0];
  if (result.graderErrors.length > 0) {
    // No payload: the reporter must not record a grade the machinery failed to produce.
    const say = sayIn(assignment.lang);
    const text = `## ${say("classroom.summary.not-graded", { title: assignment.title })}\n\n${say("classroom.summary.machinery")}\n\n${result.graderErrors.map((e) => `- ${e}`).join("\n")}\n`;
    if (args.github && process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, text);
    process.stderr.write(text);
    return 1;
  }
  const summary = summaryMarkdown(assignment.title, g, assignment.lang);
  process.stdout.write(summary);
  if (args.github) {
    if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `result=${classroomPayload(g, assignment.lang)}\n`);
    if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, summary);
  }
  return 0;
}
