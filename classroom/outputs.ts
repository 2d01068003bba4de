/** The files a class run writes: the CSV gradebook, JUnit XML, and GitHub Classroom's payload. */
import type { TimeSource } from "./submitted-at.js";
import { type Lang, sayIn, t } from "../graders/engine/i18n.js";
import { type ExerciseGrade, lostTexts } from "./score.js";
import type { RosterEntry } from "./roster.js";

export interface StudentGrade {
  student: string;
  exercises: ExerciseGrade[];
  /** Points before any late deduction. */
  raw: number;
  total: number;
  maxTotal: number;
  daysLate: number;
  lateFactor: number;
  /** The worst run status among the exercises ("ok", "timeout", "not allowed", "missing", "grader error"…). */
  status: string;
  /** ISO time, or null when no trustworthy time could be established. */
  submittedAt: string | null;
  timeSource: TimeSource;
  /** Problems met while establishing the time (an unparsable SUBMITTED_AT…). */
  timeWarnings: string[];
}

/** Statuses from worst to best: a student's status is the worst of their exercises'. */
export const STATUS_ORDER = ["grader error", "not allowed", "memory limit", "timeout", "error", "missing", "ok"] as const;

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return, which some
 * strip first) as a formula, so such text gets a leading apostrophe. Numbers stay numbers.
 */
export function csvCell(v: string | number | null): string {
  if (v === null) return "";
  if (typeof v === "number") return String(v);
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(cells: (string | number | null)[]): string {
  return cells.map(csvCell).join(",");
}

/** A status word in `lang` (the gradebook keeps the English ones, which scripts read). */
export function statusText(status: string, lang: Lang): string {
  const key = `classroom.status.${status}`;
  return (STATUS_ORDER as readonly string[]).includes(status) ? t(key as `classroom.status.${(typeof STATUS_ORDER)[number]}`)[lang] : status;
}

export function lateLabel(g: StudentGrade, hasDeadline: boolean): string {
  if (!hasDeadline) return "no";
  if (g.submittedAt === null) return "unknown";
  return g.daysLate > 0 ? "yes" : "no";
}

export interface GradebookRow {
  student: string;
  grade: StudentGrade | null;
  roster?: RosterEntry;
}

export function gradebookCsv(exerciseIds: string[], rows: GradebookRow[], opts: { roster: boolean; hasDeadline: boolean }): string {
  const header = [
    "student",
    ...(opts.roster ? ["name", "student_id"] : []),
    ...exerciseIds,
    "raw_total",
    "total",
    "max",
    "late",
    "days_late",
    "status",
    "submitted_at",
    "time_source",
  ];
  const lines = rows.map(({ student, grade: g, roster }) => {
    const who = opts.roster ? [roster?.name ?? "", roster?.studentId ?? ""] : [];
    if (!g) return csvLine([student, ...who, ...exerciseIds.map(() => null), null, null, null, null, null, "no submission", null, null]);
    const ungraded = g.status === "grader error";
    return csvLine([
      g.student,
      ...who,
      ...exerciseIds.map((id) => {
        const e = g.exercises.find((x) => x.exercise === id);
        return !e || e.graderError ? null : e.points;
      }),
      ungraded ? null : g.raw,
      ungraded ? null : g.total,
      g.maxTotal,
      lateLabel(g, opts.hasDeadline),
      g.daysLate,
      g.status,
      g.submittedAt ?? "unknown",
      g.timeSource,
    ]);
  });
  return `${[csvLine(header), ...lines].join("\n")}\n`;
}

const xml = (s: string) =>
  s
    .replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");

function junitCases(g: StudentGrade, lang: Lang): { cases: string[]; failures: number } {
  const cases: string[] = [];
  let failures = 0;
  for (const e of g.exercises) {
    const cls = xml(`${g.student}.${e.exercise}`);
    if (!e.report) {
      failures++;
      const why = e.graderError ? `grader error: ${e.graderError}` : e.lost[0] ? lostTexts(e.lost[0], lang).why : e.status;
      cases.push(`    <testcase classname="${cls}" name="submission"><failure message="${xml(statusText(e.status, lang))}">${xml(why)}</failure></testcase>`);
      continue;
    }
    for (const c of e.report.checks) {
      if (c.passed) {
        cases.push(`    <testcase classname="${cls}" name="${xml(c.id)}"/>`);
        continue;
      }
      failures++;
      const text = lang === "zh" && c.zh ? c.zh : c;
      cases.push(
        `    <testcase classname="${cls}" name="${xml(c.id)}"><failure message="${xml(text.title)}">${xml(text.message + (text.diagnosis ? `\n${text.diagnosis}` : ""))}</failure></testcase>`,
      );
    }
  }
  return { cases, failures };
}

/** One <testsuite> per student, one <testcase> per check of every exercise; failure texts in `lang`. */
export function junitXml(title: string, grades: StudentGrade[], lang: Lang = "en"): string {
  const suites = grades.map((g) => {
    const { cases, failures } = junitCases(g, lang);
    return `  <testsuite name="${xml(g.student)}" tests="${cases.length}" failures="${failures}">\n${cases.join("\n")}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${xml(title)}">\n${suites.join("\n")}\n</testsuites>\n`;
}

/**
 * The `result` output of a Classroom runner step, in the shape
 * classroom-resources/autograding-command-grader writes it (base64 of JSON: version, status,
 * max_score, tests[] with name, status, score, message, test_code, filename, line_no,
 * duration). The grading reporter reads it from <RUNNER>_RESULTS, sums tests[].score and
 * max_score into "Points x/y", and prints each test's test_code in the log. Messages in `lang`.
 */
export function classroomPayload(g: StudentGrade, lang: Lang = "en"): string {
  const tests = g.exercises.map((e) => ({
    name: e.exercise,
    status: e.points >= e.maxPoints - 1e-9 ? "pass" : "fail",
    score: Math.round(e.points * g.lateFactor * 100) / 100,
    message: e.lost.length
      ? e.lost
          .map((l) => `−${l.lost} ${l.check}: ${lostTexts(l, lang).why}`)
          .join("\n")
          .slice(0, 4000)
      : t("classroom.all-pass")[lang],
    test_code: `npm run grade -- ${e.exercise} exercises/${e.exercise}.ts`,
    filename: `exercises/${e.exercise}.ts`,
    line_no: 0,
    duration: e.report?.durationMs ?? 0,
  }));
  const payload = { version: 1, status: tests.every((t) => t.status === "pass") ? "pass" : "fail", max_score: g.maxTotal, tests };
  return Buffer.from(JSON.stringify(payload)).toString("base64");
}

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");

/**
 * The job summary ($GITHUB_STEP_SUMMARY): a table of points, then every failing check with
 * its message and (when the assignment allows) its diagnosis, in `lang`. GitHub caps a
 * summary at 1 MiB, so each exercise lists at most 40 checks.
 */
export function summaryMarkdown(title: string, g: StudentGrade, lang: Lang = "en"): string {
  const say = sayIn(lang);
  const lines = [`## ${say("classroom.summary.head", { title, total: g.total, max: g.maxTotal })}`, "", say("classroom.summary.columns"), "|---|---|---|---|"];
  for (const e of g.exercises) lines.push(`| ${e.exercise} | ${e.points} / ${e.maxPoints} | ${statusText(e.status, lang)} | ${e.lost.length} |`);
  if (g.daysLate > 0) lines.push("", say("classroom.summary.late", { days: g.daysLate, factor: g.lateFactor }));
  for (const e of g.exercises.filter((x) => x.lost.length > 0)) {
    lines.push("", `### ${e.exercise}: ${e.points} / ${e.maxPoints}`, "");
    for (const l of e.lost.slice(0, 40)) {
      const text = lostTexts(l, lang);
      lines.push(`- **−${l.lost}** \`${l.check}\`: ${cell(text.message)}`);
      if (text.diagnosis) lines.push(`  - ${say("classroom.summary.diagnosis", { diagnosis: cell(text.diagnosis) })}`);
    }
    if (e.lost.length > 40) lines.push(`- ${say("classroom.summary.more", { n: e.lost.length - 40 })}`);
    if (e.logsWithheld) lines.push("", `_${say("classroom.logs-withheld")}_`);
  }
  return `${lines.join("\n")}\n`;
}
