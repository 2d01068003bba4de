/**
 * From a grader report to assignment points: each check's weight is its points in the
 * grader (or the assignment's override), and an exercise's points are shared among its
 * checks in proportion — so partial credit falls out of the checks, and every lost point
 * can be traced to one check and its reason.
 */
import { type Bi, type Lang, t } from "../graders/engine/i18n.js";
import type { CheckResult, Report } from "../graders/engine/report.js";
import type { Assignment } from "./assignment.js";
import { baseCheckId, isHiddenCheck } from "./check-ids.js";

/** Why points were lost, in one language. */
export interface LostTexts {
  /** The message, and the diagnosis when the assignment shows diagnoses. */
  why: string;
  message: string;
  diagnosis?: string;
}

export interface LostPoints extends LostTexts {
  check: string;
  lost: number;
  /** The same texts in Chinese (the English ones are the fields above). */
  zh: LostTexts;
}

/** A lost point's texts in `lang`. */
export function lostTexts(l: LostPoints, lang: Lang): LostTexts {
  return lang === "zh" ? l.zh : l;
}

/** A failing check's known bug: for the teacher's class report, whatever students are shown. */
export interface DiagnosedBug {
  check: string;
  bug: string;
  diagnosis: string;
  /** The diagnosis in Chinese. */
  zh?: string;
}

export interface ExerciseGrade {
  exercise: string;
  points: number;
  maxPoints: number;
  verdict: Report["verdict"] | "missing";
  /** Why the submission failed to run at all, if so ("not allowed", "timeout"…). */
  status: string;
  lost: LostPoints[];
  /** The report a student may see: hidden cases redacted, diagnoses only if the assignment allows. */
  report: Report | null;
  /** Teacher-only (dropped from student files when diagnoses are hidden). */
  diagnosed: DiagnosedBug[];
  /** True when what the code printed was withheld because hidden cases ran in the same process. */
  logsWithheld?: boolean;
  /** Why the grading machinery could not grade this file: not a grade (status "grader error"). */
  graderError?: string;
}

const round = (x: number) => Math.round(x * 100) / 100;

function weight(c: CheckResult, overrides: Record<string, number> | undefined): number {
  const o = overrides?.[c.id] ?? overrides?.[baseCheckId(c.id)];
  return o ?? c.maxPoints;
}

/**
 * What a student may see of a report: no diagnoses unless allowed, and no printed output
 * when hidden cases ran (a console.log of the arguments would print the hidden inputs).
 */
export function studentView(report: Report, showDiagnoses: boolean): Report {
  const hidden = report.checks.some((c) => isHiddenCheck(c.id));
  // The Chinese texts carry the diagnosis too: it goes from both languages.
  const withoutDiagnosis = ({ diagnosis: _d, bug: _b, ...c }: Report["checks"][number]) => {
    if (!c.zh) return c;
    const { diagnosis: _zd, ...zh } = c.zh;
    return { ...c, zh };
  };
  const checks = showDiagnoses ? report.checks : report.checks.map(withoutDiagnosis);
  return { ...report, checks, logs: hidden ? [] : report.logs };
}

export function statusOf(report: Report): string {
  if (report.checks.some((c) => c.bug === "not-allowed")) return "not allowed";
  if (report.verdict === "timeout") return "timeout";
  if (report.verdict === "error") return /memory limit/.test(report.summary) ? "memory limit" : "error";
  return "ok";
}

const nothing = (exercise: string, maxPoints: number, status: string, why: Bi, verdict: ExerciseGrade["verdict"]): ExerciseGrade => ({
  exercise,
  points: 0,
  maxPoints,
  verdict,
  status,
  lost: [{ check: "(file)", lost: maxPoints, why: why.en, message: why.en, zh: { why: why.zh, message: why.zh } }],
  report: null,
  diagnosed: [],
});

export function missingExercise(a: Assignment, exercise: string): ExerciseGrade {
  return nothing(exercise, pointsOf(a, exercise), "missing", t("classroom.missing", { exercise }), "missing");
}

/** A file refused before it ran: a link out of the student's folder, or one leading nowhere. */
export function refusedExercise(a: Assignment, exercise: string, why: Bi): ExerciseGrade {
  return nothing(exercise, pointsOf(a, exercise), "not allowed", why, "error");
}

/** The grading machinery failed: no points are given or taken, and the teacher is told why. */
export function graderErrorExercise(a: Assignment, exercise: string, cause: string): ExerciseGrade {
  return { ...nothing(exercise, pointsOf(a, exercise), "grader error", t("classroom.not-graded", { cause }), "error"), lost: [], graderError: cause };
}

/** A failing check's lost points with its texts in both languages (diagnoses only where the assignment shows them). */
function lostPoints(c: CheckResult, lost: number, showDiagnoses: boolean): LostPoints {
  const message = { en: c.message, zh: c.zh?.message ?? c.message };
  const diagnosis = showDiagnoses && c.diagnosis ? { en: c.diagnosis, zh: c.zh?.diagnosis ?? c.diagnosis } : undefined;
  const why = diagnosis ? t("classroom.why", { message, diagnosis }) : message;
  const texts = (lang: Lang): LostTexts => ({ why: why[lang], message: message[lang], ...(diagnosis ? { diagnosis: diagnosis[lang] } : {}) });
  return { check: c.id, lost, ...texts("en"), zh: texts("zh") };
}

const pointsOf = (a: Assignment, exercise: string) => a.exercises.find((e) => e.id === exercise)!.points;

export function scoreExercise(a: Assignment, exercise: string, report: Report | null): ExerciseGrade {
  const entry = a.exercises.find((e) => e.id === exercise)!;
  if (!report) return missingExercise(a, exercise);
  const total = report.checks.reduce((s, c) => s + weight(c, entry.checks), 0);
  const scale = total > 0 ? entry.points / total : 0;
  let earned = 0;
  const lost: LostPoints[] = [];
  for (const c of report.checks) {
    const w = weight(c, entry.checks) * scale;
    if (w === 0) continue;
    const got = c.maxPoints > 0 ? (w * c.points) / c.maxPoints : c.passed ? w : 0;
    earned += got;
    if (got < w - 1e-9) lost.push(lostPoints(c, round(w - got), a.showDiagnoses));
  }
  const diagnosed = report.checks
    .filter((c) => !c.passed && c.bug && c.diagnosis)
    .map((c) => ({ check: c.id, bug: c.bug!, diagnosis: c.diagnosis!, ...(c.zh?.diagnosis ? { zh: c.zh.diagnosis } : {}) }));
  const view = studentView(report, a.showDiagnoses);
  return {
    exercise,
    points: round(earned),
    maxPoints: entry.points,
    verdict: report.verdict,
    status: statusOf(report),
    lost,
    report: view,
    diagnosed,
    ...(view.logs.length < report.logs.length ? { logsWithheld: true } : {}),
  };
}
