/**
 * npm run grade -- <exercise> [file] [--json] [--backend cpu|wasm] [--timeout ms] [--lang en|zh]
 * npm run grade                      grades every exercise in exercises/ and prints a table
 * npm run grade -- --dir <folder>     the same for the <exercise>.ts files in another folder
 * (--lang zh prints the report, the table and --json's texts in Chinese; ids and bug ids stay)
 * npm run grade -- --list-checks <exercise>   the check ids an assignment may re-weight
 *
 * Exit status: 0 when every check passes, 1 when any fails, 2 for a usage error, 3 when the
 * grading machinery itself failed (the message names the cause; no grade was given).
 * Classroom mode (--class, --student) has its own, in cli/class.ts.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { EXERCISE_IDS, isExerciseId } from "../contract.js";
import { starterFile } from "../paths.js";
import { mapPool } from "../runtime/pool.js";
import { gradeFile, NODE_BACKENDS, type NodeBackend } from "../node.js";
import { formatReport, formatTable } from "./format.js";
import { isLang, LANGS, t, type Lang } from "../engine/i18n.js";
import { localizeReport } from "../engine/localize.js";
import { runClass } from "./class.js";
import { cpus } from "node:os";
import { AssignmentError } from "../../classroom/assignment.js";
import { ClassError } from "../../classroom/batch.js";
import { formatCheckList } from "../../classroom/check-ids.js";
import { RosterError } from "../../classroom/roster.js";
import { ChildSession, InfrastructureError } from "../runtime/node-runner.js";

const USAGE = `usage:
  npm run grade -- <exercise> [file] [--json] [--backend cpu|wasm] [--timeout ms] [--lang en|zh]
  npm run grade [-- --json] [--lang en|zh]   grade every exercise in exercises/
  npm run grade -- --dir <folder>    grade every <exercise>.ts in that folder
  npm run grade -- --list-checks <exercise>
  npm run grade -- --class <dir> --out <dir> [--assignment <file>] [--jobs n] [--force] [--only <student>]...
                   [--roster <csv>] [--times <csv>]
  npm run grade -- --student <dir> --out <dir> [--assignment <file> [--assignment-sha256 <hex>]]
                   [--submitted-at <time>] [--github]
  (hidden cases: --secret <s> or the GRADER_SECRET environment variable; with --class or --student,
   --lang en|zh sets the language of students' feedback, the job summary and JUnit over the assignment's "lang")
exercises: ${EXERCISE_IDS.join(", ")}`;

import { UsageError } from "./usage-error.js";

/** `npm run grade` with no exercise: every exercise file that exists (in exercises/ or `dir`), in parallel, as one table. */
async function gradeEveryFile(backend: NodeBackend, timeoutMs: number | undefined, json: boolean, dir: string | undefined, lang: Lang): Promise<number> {
  const fileOf = (id: string) => (dir === undefined ? starterFile(id) : join(resolve(dir), `${id}.ts`));
  const targets = EXERCISE_IDS.map((id) => ({ id, file: fileOf(id) })).filter((t) => existsSync(t.file));
  if (targets.length === 0) throw new UsageError(`no exercise files in ${dir}: expected names such as ${EXERCISE_IDS[0]}.ts`);
  const t0 = performance.now();
  // One learner's files: warm children carry over from exercise to exercise (at most one per core).
  const session = new ChildSession([backend]);
  const graded = await mapPool(targets, cpus().length, (t) => gradeFile(t.id, t.file, { backend, timeoutMs, session })).finally(() => session.close());
  const reports = graded.map((r) => localizeReport(r, lang));
  const durationMs = Math.round(performance.now() - t0);
  const passed = reports.every((r) => r.passed);
  if (json) {
    const score = reports.reduce((s, r) => s + r.score, 0);
    const maxScore = reports.reduce((s, r) => s + r.maxScore, 0);
    process.stdout.write(`${JSON.stringify({ passed, score, maxScore, backend, durationMs, reports })}\n`);
  } else {
    const last = t(passed ? "cli.all-pass" : "cli.see-one")[lang];
    process.stdout.write(`${formatTable(reports, lang)}\n\n${last} (${durationMs} ms)\n`);
  }
  return passed ? 0 : 1;
}

/** The command line, parsed; a malformed one is a usage error. */
function parseCommandLine(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: "boolean", default: false },
        dir: { type: "string" },
        lang: { type: "string" },
        backend: { type: "string", default: "cpu" },
        timeout: { type: "string" },
        class: { type: "string" },
        student: { type: "string" },
        assignment: { type: "string" },
        out: { type: "string" },
        secret: { type: "string" },
        jobs: { type: "string" },
        github: { type: "boolean", default: false },
        force: { type: "boolean", default: false },
        only: { type: "string", multiple: true, default: [] },
        roster: { type: "string" },
        times: { type: "string" },
        "submitted-at": { type: "string" },
        "assignment-sha256": { type: "string" },
        "list-checks": { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

async function main(argv: string[]): Promise<number> {
  const parsed = parseCommandLine(argv);
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values["list-checks"] !== undefined) {
    const id = values["list-checks"];
    if (!isExerciseId(id)) throw new UsageError(`unknown exercise "${id}"`);
    process.stdout.write(`${formatCheckList(id)}\n`);
    return 0;
  }
  const lang = values.lang ?? "en";
  if (!isLang(lang)) throw new UsageError(`unknown language "${lang}" (choose ${LANGS.join(" or ")})`);
  const backend = NODE_BACKENDS.find((b) => b === values.backend);
  if (!backend) throw new UsageError(`unknown backend "${values.backend}" (choose ${NODE_BACKENDS.join(" or ")})`);
  const timeoutMs = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeoutMs !== undefined && !(timeoutMs > 0)) throw new UsageError(`--timeout must be a positive number of milliseconds`);
  if (positionals.length > 2) throw new UsageError(`too many arguments: ${positionals.join(" ")}`);
  if (values.class || values.student) {
    if (positionals.length) throw new UsageError(`--class/--student take no exercise argument (the assignment lists the exercises)`);
    return runClass({
      dir: (values.class ?? values.student)!,
      single: values.student !== undefined,
      out: values.out,
      assignment: values.assignment,
      secret: values.secret ?? process.env.GRADER_SECRET,
      jobs: values.jobs,
      github: values.github,
      force: values.force!,
      only: values.only!,
      roster: values.roster,
      times: values.times,
      submittedAt: values["submitted-at"],
      assignmentSha256: values["assignment-sha256"],
      // Given, it overrides the assignment's language for what students read.
      ...(values.lang === undefined ? {} : { lang }),
    });
  }

  if (values.dir !== undefined && positionals.length) throw new UsageError(`--dir grades every exercise file in the folder: give no exercise argument`);
  if (positionals.length === 0) return gradeEveryFile(backend, timeoutMs, values.json!, values.dir, lang);

  const [exercise, file] = positionals;
  if (!isExerciseId(exercise)) throw new UsageError(`unknown exercise "${exercise}"`);
  const path = file ?? starterFile(exercise);
  if (!existsSync(path)) throw new UsageError(`no such file: ${path}`);
  const report = await gradeFile(exercise, path, { backend, timeoutMs });
  process.stdout.write(values.json ? `${JSON.stringify(localizeReport(report, lang))}\n` : `${formatReport(report, lang)}\n`);
  return report.passed ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    const usage = e instanceof UsageError || e instanceof AssignmentError || e instanceof RosterError || e instanceof ClassError;
    const infra = e instanceof InfrastructureError;
    const message = usage
      ? e.message
      : infra
        ? `the grading machinery failed (no grade was given): ${e.message}`
        : `internal error: ${(e as Error).stack ?? e}`;
    if (process.argv.includes("--json"))
      process.stdout.write(`${JSON.stringify({ error: usage ? "usage" : infra ? "infrastructure" : "internal", message })}\n`);
    process.stderr.write(`${message}\n${usage ? USAGE : ""}\n`);
    process.exit(usage ? 2 : 3);
  },
);
