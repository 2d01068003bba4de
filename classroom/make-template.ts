/**
 * npm run classroom:template -- --out <dir> [--assignment <file>] --course <owner/repo> --ref <tag-or-sha>
 *
 * Assembles a student repository template: the autograding workflow (pinned to the course
 * at --ref), the assignment file, the starter files of its exercises, and a README.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { COURSE_ROOT, starterFile } from "../graders/paths.js";
import { AssignmentError, defaultAssignment, loadAssignment } from "./assignment.js";

const USAGE = "usage: npm run classroom:template -- --out <dir> --course <owner/repo> --ref <tag-or-sha> [--assignment <file>]";

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

const { values } = parseArgs({ options: { out: { type: "string" }, assignment: { type: "string" }, course: { type: "string" }, ref: { type: "string" } } });
if (!values.out || !values.course || !values.ref) fail("--out, --course and --ref are required");
if (!/^[\w.-]+\/[\w.-]+$/.test(values.course)) fail(`--course must look like owner/repo, got ${values.course}`);
if (!/^[\w./-]+$/.test(values.ref)) fail(`--ref must be a tag, branch or commit, got ${values.ref}`);
let assignment;
try {
  assignment = values.assignment ? loadAssignment(resolve(values.assignment)) : defaultAssignment();
} catch (e) {
  fail(e instanceof AssignmentError ? e.message : String(e));
}
const out = resolve(values.out);
if (existsSync(out) && readdirSync(out).length > 0) fail(`${out} exists and is not empty`);

const template = join(COURSE_ROOT, "classroom", "template");
mkdirSync(join(out, ".github", "workflows"), { recursive: true });
mkdirSync(join(out, "exercises"), { recursive: true });
writeFileSync(
  join(out, ".github", "workflows", "classroom.yml"),
  readFileSync(join(template, ".github", "workflows", "classroom.yml"), "utf8").replace("__COURSE_REPOSITORY__", values.course).replace("__COURSE_REF__", values.ref),
);
writeFileSync(
  join(out, "README.md"),
  readFileSync(join(template, "README.md"), "utf8")
    .replace("__TITLE__", assignment.title)
    .replace("__EXERCISES__", assignment.exercises.map((e) => `\`${e.id}\` (${e.points} points)`).join(", "))
    .replace("__DIAGNOSES__", assignment.showDiagnoses ? ", with the likely bug" : ""),
);
writeFileSync(join(out, "assignment.json"), `${JSON.stringify(assignment, null, 2)}\n`);
for (const e of assignment.exercises) copyFileSync(starterFile(e.id), join(out, "exercises", `${e.id}.ts`));
process.stdout.write(`Student template written to ${out}: push it to a repository and mark it as a template in GitHub Classroom.\n`);
