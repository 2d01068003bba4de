/** The files a class run writes: the CSV gradebook, JUnit XML, and GitHub Classroom's payload. */
import type { ExerciseGrade } from "./score.js";

export interface StudentGrade {
  student: string;
  exercises: ExerciseGrade[];
  raw: number;
  total: number;
  maxTotal: number;
  daysLate: number;
  lateFactor: number;
  /** The worst run status among the exercises ("ok", "timeout", "not allowed", "missing"…). */
  status: string;
  submittedAt: string;
}

const csvCell = (v: string | number) => {
  const s = String(v);
  // Quote when needed; a leading = + - @ is neutralised so spreadsheets don't run it as a formula.
  const safe = /^[=+\-@]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function gradebookCsv(exerciseIds: string[], grades: StudentGrade[]): string {
  const header = ["student", ...exerciseIds, "total", "max", "late", "days_late", "status", "submitted_at"];
  const rows = grades.map((g) => [
    g.student,
    ...exerciseIds.map((id) => g.exercises.find((e) => e.exercise === id)?.points ?? 0),
    g.total,
    g.maxTotal,
    g.daysLate > 0 ? "yes" : "no",
    g.daysLate,
    g.status,
    g.submittedAt,
  ]);
  return [header, ...rows].map((r) => r.map(csvCell).join(",")).join("\n") + "\n";
}

const xml = (s: string) => s.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");

/** One <testsuite> per student, one <testcase> per check of every exercise. */
export function junitXml(title: string, grades: StudentGrade[]): string {
  const suites = grades.map((g) => {
    const cases: string[] = [];
    let failures = 0;
    for (const e of g.exercises) {
      if (!e.report) {
        failures++;
        cases.push(`    <testcase classname="${xml(`${g.student}.${e.exercise}`)}" name="submission"><failure message="missing">${xml(e.lost[0]?.why ?? "missing")}</failure></testcase>`);
        continue;
      }
      for (const c of e.report.checks) {
        const name = xml(c.id);
        if (c.passed) cases.push(`    <testcase classname="${xml(`${g.student}.${e.exercise}`)}" name="${name}"/>`);
        else {
          failures++;
          cases.push(`    <testcase classname="${xml(`${g.student}.${e.exercise}`)}" name="${name}"><failure message="${xml(c.title)}">${xml(c.message + (c.diagnosis ? `\n${c.diagnosis}` : ""))}</failure></testcase>`);
        }
      }
    }
    return `  <testsuite name="${xml(g.student)}" tests="${cases.length}" failures="${failures}">\n${cases.join("\n")}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${xml(title)}">\n${suites.join("\n")}\n</testsuites>\n`;
}

/**
 * GitHub Classroom's autograding reporter reads base64 JSON of this shape from
 * <RUNNER>_RESULTS and reports "Points total/max" to Classroom.
 */
export function classroomPayload(g: StudentGrade): string {
  const tests = g.exercises.map((e) => ({
    name: e.exercise,
    status: e.points >= e.maxPoints - 1e-9 ? "pass" : "fail",
    score: Math.round(e.points * g.lateFactor * 100) / 100,
    message: e.lost.length ? e.lost.map((l) => `−${l.lost} ${l.check}: ${l.why}`).join("\n").slice(0, 4000) : "all checks pass",
    line_no: 0,
    execution_time: "0s",
  }));
  const payload = { version: 1, status: tests.every((t) => t.status === "pass") ? "pass" : "fail", max_score: g.maxTotal, tests };
  return Buffer.from(JSON.stringify(payload)).toString("base64");
}

/** A Markdown table for the job summary ($GITHUB_STEP_SUMMARY). */
export function summaryMarkdown(title: string, g: StudentGrade): string {
  const lines = [`## ${title}: ${g.total} / ${g.maxTotal} points`, "", "| exercise | points | status | lost points |", "|---|---|---|---|"];
  for (const e of g.exercises) {
    const lost = e.lost.slice(0, 5).map((l) => `−${l.lost} \`${l.check}\``).join("<br>") + (e.lost.length > 5 ? `<br>… ${e.lost.length - 5} more` : "");
    lines.push(`| ${e.exercise} | ${e.points} / ${e.maxPoints} | ${e.status} | ${lost || "—"} |`);
  }
  if (g.daysLate > 0) lines.push("", `Submitted ${g.daysLate} day(s) late: grade × ${g.lateFactor}.`);
  return lines.join("\n") + "\n";
}
