/**
 * When was a submission made? A deadline is only as honest as this answer, so the sources
 * are tried from the one a student controls least:
 *
 * 1. the time the teacher's side recorded: a `--times` CSV (student,submitted_at), or
 *    `--submitted-at` in a workflow (GitHub's push time);
 * 2. in a git repository, the time of its last commit (`git log -1 --format=%cI`);
 * 3. only in a folder that is not a repository (an LMS export), a SUBMITTED_AT file.
 *
 * File modification times are never used (copying a folder resets them, and a student sets
 * them at will). A value that cannot be parsed is a warning and the next source is tried;
 * when none answers, the time is unknown and the gradebook says so.
 */
import { execFileSync } from "node:child_process";
import { existsSync, lstatSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

export type TimeSource = "recorded" | "git commit" | "SUBMITTED_AT" | "none";

export interface SubmissionTime {
  at: Date | null;
  source: TimeSource;
  warnings: string[];
}

/** ISO 8601 with a time zone, or Unix seconds (GitHub's push events give `pushed_at` so). */
export function parseTime(text: string): Date | null {
  const t = text.trim();
  if (/^\d{9,11}$/.test(t)) return new Date(Number(t) * 1000);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(t)) return null;
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? null : d;
}

const shown = (s: string) => JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);

/** The last commit's time, when `dir` itself is the root of a git repository. */
function gitCommitTime(dir: string): { at: Date | null; warning?: string } {
  try {
    const out = execFileSync(
      "git",
      // Read-only, and nothing from the repository's own config runs (no fsmonitor, hooks, pager).
      ["-c", `safe.directory=${dir}`, "-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null", "-C", dir, "log", "-1", "--format=%cI"],
      {
        encoding: "utf8",
        timeout: 10_000,
        stdio: ["ignore", "pipe", "pipe"],
        env: { PATH: process.env.PATH ?? "", GIT_CEILING_DIRECTORIES: dirname(dir), GIT_PAGER: "cat" },
      },
    );
    const at = parseTime(out);
    return at ? { at } : { at: null, warning: `git log gave no usable commit time (${shown(out)})` };
  } catch (e) {
    const why = ((e as { stderr?: string }).stderr || (e as Error).message).trim().split("\n")[0];
    return { at: null, warning: `could not read the last commit's time: ${why}` };
  }
}

export function submissionTime(dir: string, recorded?: string): SubmissionTime {
  const warnings: string[] = [];
  if (recorded !== undefined && recorded.trim() !== "") {
    const at = parseTime(recorded);
    if (at) return { at, source: "recorded", warnings };
    warnings.push(`the recorded submission time ${shown(recorded)} is not an ISO date with a time zone or Unix seconds; ignored`);
  }
  const stamp = join(dir, "SUBMITTED_AT");
  if (existsSync(join(dir, ".git"))) {
    const git = gitCommitTime(dir);
    if (existsSync(stamp)) warnings.push("SUBMITTED_AT is ignored in a git repository (the last commit's time is used)");
    if (git.at) return { at: git.at, source: "git commit", warnings };
    warnings.push(git.warning!);
    return { at: null, source: "none", warnings };
  }
  if (lstatExists(stamp)) {
    if (lstatSync(stamp).isFile()) {
      const text = readFileSync(stamp, "utf8").slice(0, 200);
      const at = parseTime(text);
      if (at) return { at, source: "SUBMITTED_AT", warnings };
      warnings.push(`SUBMITTED_AT holds ${shown(text.trim())}, not an ISO date with a time zone; ignored`);
    } else warnings.push("SUBMITTED_AT is not a plain file; ignored");
  }
  return { at: null, source: "none", warnings };
}

function lstatExists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}
