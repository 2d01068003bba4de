/**
 * A class folder holds one sub-folder per student, with `exercises/<id>.ts` or `<id>.ts`
 * files. Any folder name is a student (spaces, Unicode, a leading "=" or "-" included);
 * only hidden folders (".git") and plain files are passed over.
 *
 * Git keeps symbolic links, so a student can commit `exercises/softmax.ts → ../../solutions/softmax.ts`
 * or a folder link `exercises → /course/solutions`. Every file is therefore judged by its real
 * path: one that leads outside the student's own folder (the course's solutions or graders,
 * another student, system files), or nowhere at all, is refused as "not allowed".
 */
import { lstatSync, readdirSync, readlinkSync, realpathSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { type Bi, t } from "../graders/engine/i18n.js";
import { submissionTime, type SubmissionTime } from "./submitted-at.js";

export interface Submission {
  student: string;
  dir: string;
  /** Exercise id → the real path of the student's own file. */
  files: Record<string, string>;
  /** Exercise id → why the file there cannot be graded ("not allowed"), in both languages. */
  refused: Record<string, Bi>;
  time: SubmissionTime;
}

export interface Discovery {
  submissions: Submission[];
  /** "<folder>: reason" for every folder that is not graded. */
  skipped: string[];
}

/** `recorded`: the teacher's submission times by student folder (a --times file). */
export function findSubmissions(classDir: string, exerciseIds: readonly string[], recorded: ReadonlyMap<string, string> = new Map()): Discovery {
  const submissions: Submission[] = [];
  const skipped: string[] = [];
  for (const name of readdirSync(classDir).sort()) {
    if (name.startsWith(".")) continue;
    const dir = join(classDir, name);
    const st = lstatSync(dir);
    if (st.isSymbolicLink()) {
      skipped.push(`${name}: a link to another folder (${safeReadlink(dir)}), not a student's own folder — copy it in instead`);
      continue;
    }
    if (!st.isDirectory()) continue;
    submissions.push(submissionFromDir(dir, name, exerciseIds, recorded.get(name)));
  }
  return { submissions, skipped };
}

/** One student's folder (also used alone, for a student's own repository on push). */
export function submissionFromDir(dir: string, student: string, exerciseIds: readonly string[], recorded?: string): Submission {
  const files: Record<string, string> = {};
  const refused: Record<string, Bi> = {};
  const root = realpathSync(dir);
  const folderLink = linkedFolderProblem(root, join(dir, "exercises"));
  for (const id of exerciseIds) {
    for (const candidate of [join(dir, "exercises", `${id}.ts`), join(dir, `${id}.ts`)]) {
      const verdict = ownFile(root, dir, candidate);
      if (verdict.kind === "absent") continue;
      if (verdict.kind === "file") files[id] = verdict.real;
      else refused[id] = verdict.why;
      break;
    }
    if (!files[id] && !refused[id] && folderLink) refused[id] = folderLink;
  }
  return { student, dir, files, refused, time: submissionTime(dir, recorded) };
}

type FileVerdict = { kind: "absent" } | { kind: "file"; real: string } | { kind: "refused"; why: Bi };

function ownFile(root: string, dir: string, candidate: string): FileVerdict {
  const shown = relative(dir, candidate);
  if (!lexists(candidate)) return { kind: "absent" };
  let real: string;
  try {
    real = realpathSync(candidate);
  } catch {
    return {
      kind: "refused",
      why: t("classroom.link-nowhere", { shown, target: safeReadlink(candidate) }),
    };
  }
  if (!real.startsWith(root + sep)) {
    return { kind: "refused", why: t("classroom.link-outside", { shown, real }) };
  }
  if (!statSync(real).isFile()) return { kind: "absent" };
  return { kind: "file", real };
}

/** An `exercises` folder that is a link leading nowhere or out of the student's folder. */
function linkedFolderProblem(root: string, folder: string): Bi | null {
  if (!lexists(folder) || !lstatSync(folder).isSymbolicLink()) return null;
  let real: string;
  try {
    real = realpathSync(folder);
  } catch {
    return t("classroom.link-nowhere", { shown: "exercises", target: safeReadlink(folder) });
  }
  return real.startsWith(root + sep) ? null : t("classroom.link-outside", { shown: "exercises", real });
}

function lexists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

function safeReadlink(p: string): string {
  try {
    return readlinkSync(p);
  } catch {
    return "?";
  }
}
