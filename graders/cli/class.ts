/**
 * `npm run grade -- --class <dir> --out <dir>`: batch grading for teachers, and
 * `--student <dir> --github` for one student's repository in GitHub Actions.
 */
import { appendFileSync, existsSync, statSync } from "node:fs";
import { basename, resolve } from "node:path";
import { defaultAssignment, loadAssignment } from "../../classroom/assignment.js";
import { classroomPayload, gradeClass, summaryMarkdown } from "../../classroom/batch.js";
import { UsageError } from "./usage-error.js";
import { bold, dim, green, red, yellow } from "./format.js";

export interface ClassArgs {
  dir: string;
  single: boolean;
  out?: string;
  assignment?: string;
  secret?: string;
  jobs?: string;
  github: boolean;
}

export async function runClass(args: ClassArgs): Promise<number> {
  const dir = resolve(args.dir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`no such folder: ${args.dir}`);
  if (!args.out) throw new UsageError("--out <dir> is required: reports, gradebook.csv and junit.xml are written there");
  const out = resolve(args.out);
  if (!args.single && (out === dir || out.startsWith(`${dir}/`))) throw new UsageError("--out must not be inside the class folder");
  const jobs = args.jobs === undefined ? undefined : Number(args.jobs);
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs > 0)) throw new UsageError("--jobs must be a positive integer");
  const assignment = args.assignment ? loadAssignment(resolve(args.assignment)) : defaultAssignment();

  const tty = process.stdout.isTTY && !process.env.CI;
  const t0 = performance.now();
  const result = await gradeClass({
    classDir: dir,
    outDir: out,
    assignment,
    secret: args.secret || undefined,
    jobs,
    single: args.single ? { student: basename(dir) || "student" } : undefined,
    onProgress: ({ done, total, student, reused, grade }) => {
      if (tty) {
        const width = 30;
        const filled = Math.round((done / total) * width);
        process.stdout.write(`\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} ${student.slice(0, 30).padEnd(30)}`);
        if (done === total) process.stdout.write("\n");
      } else {
        process.stdout.write(`graded ${student} (${done}/${total})${reused ? " (unchanged, reused)" : ""}: ${grade.total}/${grade.maxTotal}${grade.status !== "ok" ? ` [${grade.status}]` : ""}\n`);
      }
    },
  });
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  for (const s of result.skipped) process.stdout.write(`${yellow("skipped")} ${s}\n`);

  if (args.single) {
    const g = result.grades[0];
    process.stdout.write(summaryMarkdown(assignment.title, g));
    if (args.github) {
      // GitHub Actions: the step's output for the autograding reporter, and a job summary table.
      if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `result=${classroomPayload(g)}\n`);
      if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, summaryMarkdown(assignment.title, g));
    }
    return 0;
  }

  const full = result.grades.filter((g) => g.total >= g.maxTotal - 1e-9).length;
  const problems = result.grades.filter((g) => g.status !== "ok").length;
  process.stdout.write(
    `\n${bold(assignment.title)}: ${result.grades.length} students graded in ${seconds} s (${result.graded} graded, ${result.reused} unchanged and reused); ` +
      `${green(`${full} with full marks`)}${problems ? `, ${red(`${problems} with run problems`)}` : ""}\n` +
      dim(`${out}/gradebook.csv, ${out}/junit.xml, ${out}/reports/<student>.json\n`),
  );
  return 0;
}
