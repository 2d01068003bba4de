/**
 * npm run classroom:template -- --out <dir> --course <owner/repo> --ref <commit-or-tag> [--assignment <file>]
 *
 * Assembles a student repository template: the autograding workflow (pinned to the course
 * at --ref), the starter files of the assignment's exercises, and a README. The assignment is
 * not copied into the template: the workflow reads it from the course checkout at --ref and
 * verifies its SHA-256, so a student cannot re-weight their own grade. The file must
 * therefore be committed in this course repository at --ref; this script reads it from git
 * at that ref, so what it validates is exactly what the workflow will grade with.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { parseArgs } from "node:util";
import { COURSE_ROOT, starterFile } from "../graders/paths.js";
import { type Assignment, AssignmentError, defaultAssignment, parseAssignment } from "./assignment.js";

const USAGE = "usage: npm run classroom:template -- --out <dir> --course <owner/repo> --ref <commit-or-tag> [--assignment <file in this course repository>]";

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function git(args: string[]): string {
  return execFileSync("git", ["-C", COURSE_ROOT, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** The assignment as committed at `ref`, its path in the repository, and its checksum. */
function pinnedAssignment(file: string, ref: string): { assignment: Assignment; path: string; sha256: string } {
  const abs = resolve(file);
  const path = relative(COURSE_ROOT, abs).split(sep).join("/");
  if (path.startsWith("../") || path === "")
    fail(`${file} is not inside the course repository (${COURSE_ROOT}): commit the assignment there, so the workflow can read it at --ref`);
  let text: Buffer;
  try {
    text = execFileSync("git", ["-C", COURSE_ROOT, "show", `${ref}:${path}`], { stdio: ["ignore", "pipe", "pipe"] });
  } catch {
    fail(`${path} is not committed at ${ref}: commit it (and push the commit or tag) before making the template`);
  }
  if (existsSync(abs) && !readFileSync(abs).equals(text))
    fail(`${path} differs from its version at ${ref}: commit the changes and use the new commit as --ref`);
  try {
    return { assignment: parseAssignment(text.toString("utf8"), path), path, sha256: createHash("sha256").update(text).digest("hex") };
  } catch (e) {
    fail(e instanceof AssignmentError ? e.message : String(e));
  }
}

const { values } = parseArgs({ options: { out: { type: "string" }, assignment: { type: "string" }, course: { type: "string" }, ref: { type: "string" } } });
if (!values.out || !values.course || !values.ref) fail("--out, --course and --ref are required");
if (!/^[\w.-]+\/[\w.-]+$/.test(values.course)) fail(`--course must look like owner/repo, got ${values.course}`);
if (!/^[\w./-]+$/.test(values.ref)) fail(`--ref must be a commit or tag, got ${values.ref}`);
const out = resolve(values.out);
if (existsSync(out) && readdirSync(out).length > 0) fail(`${out} exists and is not empty`);
const pinned = values.assignment ? pinnedAssignment(values.assignment, values.ref) : null;
const assignment = pinned?.assignment ?? defaultAssignment();
if (!/^[0-9a-f]{40}$/.test(values.ref)) {
  const sha = (() => {
    try {
      return git(["rev-parse", `${values.ref}^{commit}`]).trim();
    } catch {
      return null;
    }
  })();
  process.stderr.write(
    `note: --ref ${values.ref} is a name; a tag can be moved. ${sha ? `Pinning to its commit ${sha} is safer.` : "It is not known in this clone: check it exists in the course repository."}\n`,
  );
}

const template = join(COURSE_ROOT, "classroom", "template");
const assignmentArgs = pinned ? `--assignment ../.course/${pinned.path} --assignment-sha256 ${pinned.sha256}` : "";
mkdirSync(join(out, ".github", "workflows"), { recursive: true });
mkdirSync(join(out, "exercises"), { recursive: true });
writeFileSync(
  join(out, ".github", "workflows", "classroom.yml"),
  readFileSync(join(template, ".github", "workflows", "classroom.yml"), "utf8")
    .replace("__COURSE_REPOSITORY__", values.course)
    .replace("__COURSE_REF__", values.ref)
    .replace(" __ASSIGNMENT_ARGS__", assignmentArgs ? ` ${assignmentArgs}` : ""),
);
writeFileSync(
  join(out, "README.md"),
  readFileSync(join(template, "README.md"), "utf8")
    .replace("__TITLE__", assignment.title)
    .replace("__EXERCISES__", assignment.exercises.map((e) => `\`${e.id}\` (${e.points} points)`).join(", "))
    .replace("__DIAGNOSES__", assignment.showDiagnoses ? ", with the likely bug" : ""),
);
for (const e of assignment.exercises) copyFileSync(starterFile(e.id), join(out, "exercises", `${e.id}.ts`));
process.stdout.write(`Student template written to ${out}: push it to a repository and mark it as a template in GitHub Classroom.\n`);
