/**
 * A run that ended before grading (the file failed to load, a timeout, a crash) gives every
 * check the same reason; the page says it once. For a load failure it also finds the line
 * and column, which the engine writes into the reason as `file.ts:20:13` (a syntax error
 * from the transpiler) or `(line 20:13)` (an error thrown while the module body ran).
 */
import type { Report } from "../../_graders/engine/report.js";

export interface LoadFailure {
  /** The error's name and message, without the location. */
  name: string;
  message: string;
  line?: number;
  column?: number;
}

/** The reason shared by every check that did not run, from the report's summary ("Error: <why>."). */
export function notRunReason(report: Report): string | null {
  if (report.verdict === "pass" || report.verdict === "fail") return null;
  const m = /^(?:Error|Timeout): ([\s\S]*)\.$/.exec(report.summary);
  return m ? m[1] : null;
}

const LOAD = /^the file failed to load: ([A-Za-z]*Error|[A-Za-z]+): ([\s\S]*)$/;
const AT_FILE = /\s+at [^\s]*?\.[cm]?[jt]s:(\d+)(?::(\d+))?$/;
const AT_LINE = /\s+\(line (\d+)(?::(\d+))?\)$/;

export function loadFailure(report: Report): LoadFailure | null {
  const why = notRunReason(report);
  const m = why ? LOAD.exec(why) : null;
  if (!m) return null;
  const [, name, rest] = m;
  const at = AT_FILE.exec(rest) ?? AT_LINE.exec(rest);
  if (!at) return { name, message: rest };
  return { name, message: rest.slice(0, at.index), line: Number(at[1]), ...(at[2] ? { column: Number(at[2]) } : {}) };
}

/**
 * Whether a failing check only failed because the run ended before it: its message is the
 * shared reason, or nothing ran at all (a load failure), so the properties' and hygiene's
 * "could not check" say nothing more.
 */
export function didNotRun(message: string, report: Report): boolean {
  const reason = notRunReason(report);
  if (reason === null) return false;
  return message.endsWith(reason) || loadFailure(report) !== null;
}
