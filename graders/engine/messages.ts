/** The wording shared by every judged check: where a case is, what a call was, what an error said. */
import { fmtShape } from "./compare.js";
import type { Instance } from "./plan.js";
import type { ErrInfo } from "./protocol.js";
import type { CheckResult, HeatmapDetail } from "./report.js";
import type { NdArray } from "./ndarray.js";

export function errText(e: ErrInfo): string {
  return `${e.name}: ${e.message}${e.line ? ` (line ${e.line}${e.column ? `:${e.column}` : ""})` : ""}`;
}

export function caseLabel(inst: Instance): string {
  if (inst.hidden) return "a hidden case";
  return inst.sweep === undefined ? `case "${inst.spec.id}" — ${inst.spec.title}` : sweepTitle(inst.spec.id, inst.sweep);
}

/** A check's title: the case's own, "sweep #k of …" for a sweep configuration, nothing of a hidden one. */
export function caseTitle(inst: Instance): string {
  if (inst.hidden) return inst.sweep === undefined ? "hidden case" : "hidden sweep case";
  return inst.sweep === undefined ? inst.spec.title : sweepTitle(inst.spec.id, inst.sweep);
}

/** Named by the case it varies, not its title: the title describes the public shapes the sweep changed. */
export function sweepTitle(caseId: string, k: number): string {
  return `sweep #${k}, drawn like case "${caseId}"`;
}

/** The call as the learner would write it, with shapes for tensors: `softmax(logits [2, 5], axis omitted)`. */
export function describeCall(inst: Instance): string {
  const parts = inst.spec.args.map((a) => {
    const v = inst.inputs.args[inst.inputs.names.indexOf(a.name)];
    if (v.t === "tensor") return `${a.name} ${fmtShape(v.nd.shape)}`;
    if (v.t === "json") return `${a.name}=${JSON.stringify(v.value)}`;
    if (v.t === "omit") return `${a.name} omitted`;
    return `${a.name} {${Object.keys(v.entries).join(", ")}}`;
  });
  return `${inst.spec.fn}(${parts.join(", ")})`;
}

/** The absolute errors of the matrix (last two axes) that holds the worst element, for the page's heatmap. */
export function heatmap(field: string, want: NdArray, got: ArrayLike<number>, worstFlat: number, bound: number): HeatmapDetail | undefined {
  const r = want.shape.length;
  if (r === 0) return undefined;
  const cols = want.shape[r - 1];
  const rows = r >= 2 ? want.shape[r - 2] : 1;
  if (rows * cols > 4096 || rows * cols === 0) return undefined;
  const slice = Math.floor(worstFlat / (rows * cols));
  const absErr: number[] = [];
  for (let i = slice * rows * cols; i < (slice + 1) * rows * cols; i++) {
    const e = Math.abs(got[i] - want.data[i]);
    absErr.push(Number.isFinite(e) ? e : NaN);
  }
  return { field, rows, cols, absErr, bound };
}

/**
 * A hidden case's result says which case template it drew from and whether it passed —
 * never its inputs, shapes or values (students see the check's name and, when the
 * assignment allows, the diagnosis).
 */
export function redactHidden(inst: Instance, check: CheckResult): CheckResult {
  if (!inst.hidden) return check;
  const what = check.id.startsWith("gradient/")
    ? "the gradient on a hidden case"
    : check.id.startsWith("property/")
      ? `the property "${check.title.replace(/ \(hidden sweep case\)$/, "")}" on a hidden case`
      : "a hidden case";
  const { detail: _detail, ...rest } = check;
  return {
    ...rest,
    message: check.passed
      ? `${what} drawn like "${inst.spec.id}" passes`
      : `${what} drawn like "${inst.spec.id}" fails (hidden cases show no inputs or values)`,
  };
}
