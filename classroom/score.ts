/**
 * From a grader report to assignment points: each check's weight is its points in the
 * grader (or the assignment's override), and an exercise's points are shared among its
 * checks in proportion — so partial credit falls out of the checks, and every lost point
 * can be traced to one check and its reason.
 */
import type { CheckResult, Report } from "../graders/engine/report.js";
import type { Assignment } from "./assignment.js";

export interface LostPoints {
  check: string;
  lost: number;
  why: string;
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
}

const round = (x: number) => Math.round(x * 100) / 100;

/** A hidden draw of a case inherits that case's override: "output/hidden-basic-2" → "output/basic". */
function baseCheckId(id: string): string {
  return id.replace(/^(output|gradient)\/hidden-(.*)-\d+$/, "$1/$2");
}

function weight(c: CheckResult, overrides: Record<string, number> | undefined): number {
  const o = overrides?.[c.id] ?? overrides?.[baseCheckId(c.id)];
  return o ?? c.maxPoints;
}

export function studentView(report: Report, showDiagnoses: boolean): Report {
  if (showDiagnoses) return report;
  return { ...report, checks: report.checks.map(({ diagnosis: _d, bug: _b, ...c }) => c) };
}

export function statusOf(report: Report): string {
  if (report.checks.some((c) => c.bug === "not-allowed")) return "not allowed";
  if (report.verdict === "timeout") return "timeout";
  if (report.verdict === "error") return /memory limit/.test(report.summary) ? "memory limit" : "error";
  return "ok";
}

export function scoreExercise(a: Assignment, exercise: string, report: Report | null): ExerciseGrade {
  const entry = a.exercises.find((e) => e.id === exercise)!;
  if (!report) {
    return { exercise, points: 0, maxPoints: entry.points, verdict: "missing", status: "missing", lost: [{ check: "(file)", lost: entry.points, why: `no ${exercise}.ts was submitted` }], report: null };
  }
  const total = report.checks.reduce((s, c) => s + weight(c, entry.checks), 0);
  const scale = total > 0 ? entry.points / total : 0;
  let earned = 0;
  const lost: LostPoints[] = [];
  for (const c of report.checks) {
    const w = weight(c, entry.checks) * scale;
    if (w === 0) continue;
    const got = c.maxPoints > 0 ? (w * c.points) / c.maxPoints : c.passed ? w : 0;
    earned += got;
    if (got < w - 1e-9) lost.push({ check: c.id, lost: round(w - got), why: a.showDiagnoses && c.diagnosis ? `${c.message} — ${c.diagnosis}` : c.message });
  }
  return { exercise, points: round(earned), maxPoints: entry.points, verdict: report.verdict, status: statusOf(report), lost, report: studentView(report, a.showDiagnoses) };
}
