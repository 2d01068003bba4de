/**
 * What a teacher reads after a run: `class-report.md` (and the same as `class-report.html`)
 * with the score distribution, each check's pass rate, the most common diagnosed bugs, and
 * who was late, missing or not graded — and one feedback file per student listing every lost
 * point with its check, message and diagnosis. Both in the assignment's language.
 */
import type { Assignment } from "./assignment.js";
import { baseCheckId, isHiddenCheck } from "./check-ids.js";
import { lateLabel, statusText, type StudentGrade } from "./outputs.js";
import type { CatalogueKey } from "../graders/engine/catalogue.js";
import { type Lang, sayIn } from "../graders/engine/i18n.js";
import { lostTexts } from "./score.js";

interface Table {
  head: string[];
  rows: (string | number)[][];
}

interface Section {
  title: string;
  text?: string[];
  table?: Table;
}

export interface ClassReportInput {
  assignment: Assignment;
  grades: StudentGrade[];
  /** Roster students with no folder in the class. */
  noSubmission: string[];
  skipped: string[];
  generatedAt: Date;
}

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

/** The report's texts in the assignment's language. */
type Say = ReturnType<typeof sayIn>;
/** A table head kept in the catalogue as "a|b|c". */
const head = (say: Say, key: CatalogueKey) => say(key).split("|");

function distribution(say: Say, grades: StudentGrade[]): Section {
  const bins = Array.from({ length: 11 }, (_, i) => ({ label: i === 10 ? "100%" : `${i * 10}–${i * 10 + 10}%`, n: 0 }));
  for (const g of grades) bins[g.maxTotal > 0 ? Math.min(10, Math.floor((g.total / g.maxTotal) * 10 + 1e-9)) : 0].n++;
  const widest = Math.max(1, ...bins.map((b) => b.n));
  return {
    title: say("report.distribution"),
    table: { head: head(say, "report.distribution.head"), rows: bins.map((b) => [b.label, b.n, "█".repeat(Math.round((b.n / widest) * 30))]) },
  };
}

function overview(say: Say, inp: ClassReportInput, graded: StudentGrade[]): Section {
  const totals = graded.map((g) => g.total).sort((a, b) => a - b);
  const mean = totals.length ? totals.reduce((s, x) => s + x, 0) / totals.length : 0;
  const median = totals.length ? (totals[Math.floor((totals.length - 1) / 2)] + totals[Math.ceil((totals.length - 1) / 2)]) / 2 : 0;
  const max = inp.assignment.exercises.reduce((s, e) => s + e.points, 0);
  const full = graded.filter((g) => g.total >= g.maxTotal - 1e-9).length;
  const list = inp.assignment.exercises.map((e) => say("report.overview.exercise", { id: e.id, points: e.points })).join(say("list.sep"));
  return {
    title: say("report.overview"),
    text: [
      say("report.overview.graded", { graded: graded.length, full, mean: Math.round(mean * 100) / 100, max, median }),
      say("report.overview.exercises", { list, at: inp.generatedAt.toISOString() }),
    ],
  };
}

/** Pass rate of every check; a case's hidden draws are pooled under "<case> (hidden draws)". */
function passRates(say: Say, graded: StudentGrade[], exercise: string): Section {
  const stats = new Map<string, { passed: number; ran: number }>();
  for (const g of graded) {
    const report = g.exercises.find((e) => e.exercise === exercise)?.report;
    for (const c of report?.checks ?? []) {
      const id = isHiddenCheck(c.id) ? say("report.pass-rates.hidden", { id: baseCheckId(c.id) }) : c.id;
      const s = stats.get(id) ?? { passed: 0, ran: 0 };
      s.ran++;
      if (c.passed) s.passed++;
      stats.set(id, s);
    }
  }
  const rows = [...stats].sort((a, b) => a[1].passed / a[1].ran - b[1].passed / b[1].ran).map(([id, s]) => [id, s.passed, s.ran, pct(s.passed / s.ran)]);
  return {
    title: say("report.pass-rates", { exercise }),
    text: rows.length ? undefined : [say("report.pass-rates.none")],
    table: rows.length ? { head: head(say, "report.pass-rates.head"), rows } : undefined,
  };
}

function commonBugs(say: Say, lang: Lang, graded: StudentGrade[]): Section {
  const bugs = new Map<string, { exercise: string; bug: string; diagnosis: string; students: Set<string> }>();
  for (const g of graded) {
    for (const e of g.exercises) {
      for (const d of e.diagnosed) {
        const key = `${e.exercise}\u0000${d.bug}`;
        const diagnosis = lang === "zh" ? (d.zh ?? d.diagnosis) : d.diagnosis;
        const entry = bugs.get(key) ?? { exercise: e.exercise, bug: d.bug, diagnosis, students: new Set<string>() };
        entry.students.add(g.student);
        bugs.set(key, entry);
      }
    }
  }
  const rows = [...bugs.values()].sort((a, b) => b.students.size - a.students.size || a.bug.localeCompare(b.bug)).slice(0, 20);
  return {
    title: say("report.bugs"),
    text: rows.length ? undefined : [say("report.bugs.none")],
    table: rows.length ? { head: head(say, "report.bugs.head"), rows: rows.map((r) => [r.exercise, r.bug, r.students.size, r.diagnosis]) } : undefined,
  };
}

function lateAndMissing(say: Say, inp: ClassReportInput, graded: StudentGrade[]): Section[] {
  const hasDeadline = Boolean(inp.assignment.deadline);
  const late = graded.filter((g) => g.daysLate > 0);
  const unknown = hasDeadline ? graded.filter((g) => lateLabel(g, true) === "unknown") : [];
  const missing = inp.assignment.exercises
    .map((e) => ({ id: e.id, who: graded.filter((g) => g.exercises.find((x) => x.exercise === e.id)?.status === "missing").map((g) => g.student) }))
    .filter((m) => m.who.length > 0);
  const names = (who: string[]) => who.join(say("list.sep"));
  const sections: Section[] = [
    {
      title: say("report.late"),
      text: !hasDeadline ? [say("report.late.no-deadline")] : late.length ? undefined : [say("report.none")],
      table: late.length
        ? {
            head: head(say, "report.late.head"),
            rows: late.map((g) => [g.student, g.submittedAt ?? "", g.timeSource, g.daysLate, g.lateFactor]),
          }
        : undefined,
    },
    {
      title: say("report.missing"),
      text: [
        ...(inp.noSubmission.length ? [say("report.missing.roster", { who: names(inp.noSubmission) })] : []),
        ...missing.map((m) => say("report.missing.file", { id: m.id, who: names(m.who) })),
        ...(inp.noSubmission.length || missing.length ? [] : [say("report.none")]),
      ],
    },
  ];
  if (unknown.length)
    sections.push({ title: say("report.unknown-times"), text: [say("report.unknown-times.text", { who: names(unknown.map((g) => g.student)) })] });
  return sections;
}

function problems(say: Say, lang: Lang, inp: ClassReportInput, graded: StudentGrade[]): Section {
  const rows: (string | number)[][] = [];
  for (const g of graded)
    for (const e of g.exercises)
      if (!["ok", "missing"].includes(e.status))
        rows.push([g.student, e.exercise, statusText(e.status, lang), e.graderError ?? (e.lost[0] ? lostTexts(e.lost[0], lang).message : "")]);
  for (const s of inp.skipped) rows.push([s.split(":")[0], "", say("report.problems.skipped"), s.slice(s.indexOf(":") + 1).trim()]);
  return {
    title: say("report.problems"),
    text: rows.length ? undefined : [say("report.none")],
    table: rows.length ? { head: head(say, "report.problems.head"), rows } : undefined,
  };
}

function sections(inp: ClassReportInput): Section[] {
  const lang = inp.assignment.lang;
  const say = sayIn(lang);
  const graded = inp.grades.filter((g) => g.status !== "grader error");
  return [
    overview(say, inp, graded),
    distribution(say, graded),
    ...inp.assignment.exercises.map((e) => passRates(say, graded, e.id)),
    commonBugs(say, lang, graded),
    ...lateAndMissing(say, inp, graded),
    problems(say, lang, inp, inp.grades),
  ];
}

const mdCell = (v: string | number) => String(v).replace(/\|/g, "\\|").replace(/\r?\n/g, " ");

export function classReportMarkdown(inp: ClassReportInput): string {
  const out = [`# ${sayIn(inp.assignment.lang)("report.title", { title: inp.assignment.title })}`];
  for (const s of sections(inp)) {
    out.push("", `## ${s.title}`);
    for (const t of s.text ?? []) out.push("", t);
    if (s.table)
      out.push(
        "",
        `| ${s.table.head.join(" | ")} |`,
        `|${s.table.head.map(() => "---").join("|")}|`,
        ...s.table.rows.map((r) => `| ${r.map(mdCell).join(" | ")} |`),
      );
  }
  return `${out.join("\n")}\n`;
}

const esc = (v: string | number) => String(v).replace(/[<>&"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;" })[c]!);

export function classReportHtml(inp: ClassReportInput): string {
  const body = sections(inp).map((s) => {
    const text = (s.text ?? []).map((t) => `<p>${esc(t)}</p>`).join("");
    const table = s.table
      ? `<table><thead><tr>${s.table.head.map((h) => `<th>${esc(h)}</th>`).join("")}</tr></thead><tbody>${s.table.rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`).join("")}</tbody></table>`
      : "";
    return `<section><h2>${esc(s.title)}</h2>${text}${table}</section>`;
  });
  const style =
    "body{font:15px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left;vertical-align:top}";
  const lang = inp.assignment.lang;
  const title = esc(sayIn(lang)("report.title", { title: inp.assignment.title }));
  return `<!doctype html>\n<html lang="${lang === "zh" ? "zh-CN" : "en"}"><head><meta charset="utf-8"><title>${title}</title><style>${style}</style></head><body><h1>${title}</h1>${body.join("")}</body></html>\n`;
}

/** One student's feedback, in the assignment's language: every lost point with its check, message and (if shown) diagnosis. */
export function feedbackMarkdown(a: Assignment, g: StudentGrade): string {
  const lang = a.lang;
  const say = sayIn(lang);
  const beforeLate = g.lateFactor < 1 ? say("classroom.feedback.before-late", { raw: g.raw }) : "";
  const out = [
    `# ${say("classroom.feedback.head", { title: a.title, student: g.student })}`,
    "",
    `**${say("classroom.feedback.points", { total: g.total, max: g.maxTotal })}**${beforeLate}`,
  ];
  const when = g.submittedAt ? `${g.submittedAt} (${g.timeSource})` : say("classroom.feedback.unknown-time");
  const late = g.daysLate > 0 ? say("classroom.feedback.late", { days: g.daysLate, factor: g.lateFactor }) : "";
  out.push("", `${say("classroom.feedback.submitted", { when })}${late}`);
  for (const e of g.exercises) {
    out.push("", `## ${e.exercise}: ${e.points} / ${e.maxPoints}${e.status === "ok" ? "" : ` (${statusText(e.status, lang)})`}`, "");
    if (e.graderError) out.push(say("classroom.feedback.not-graded", { cause: e.graderError }));
    else if (e.lost.length === 0) out.push(say("classroom.feedback.all-pass"));
    for (const l of e.lost) {
      const text = lostTexts(l, lang);
      out.push(`- **−${l.lost}** \`${l.check}\`: ${text.message}`);
      if (text.diagnosis) out.push(`  - ${say("classroom.feedback.cause", { diagnosis: text.diagnosis.replace(/^(Likely bug — |可能的错误：)/, "") })}`);
    }
    if (e.logsWithheld) out.push("", `_${say("classroom.logs-withheld")}_`);
  }
  return `${out.join("\n")}\n`;
}
