/** The wording shared by every judged check: where a case is, what a call was, what an error said. */
import { fmtShape } from "./compare.js";
import type { Instance } from "./plan.js";
import type { ErrInfo } from "./protocol.js";
import type { CheckResult, HeatmapDetail } from "./report.js";
import type { NdArray } from "./ndarray.js";
import { joinBi, retext, same, t, type Bi } from "./i18n.js";

/** An error as "Name: message (line l:c)"; the message is the thrower's own text, the same in both languages. */
export function errText(e: ErrInfo): Bi {
  const error = t("error.text", { name: e.name, message: e.message });
  if (!e.line) return error;
  return e.column ? t("error.at-line-column", { error, line: e.line, column: e.column }) : t("error.at-line", { error, line: e.line });
}

/** A case's title in both languages (the exercise's zh.ts gives the Chinese). */
export function specTitle(spec: Instance["spec"]): Bi {
  return { en: spec.title, zh: spec.titleZh ?? spec.title };
}

export function caseLabel(inst: Instance): Bi {
  if (inst.hidden) return t("case.hidden");
  return inst.sweep === undefined ? t("case.label", { id: inst.spec.id, title: specTitle(inst.spec) }) : sweepTitle(inst.spec.id, inst.sweep);
}

/** A check's title: the case's own, "sweep #k of …" for a sweep configuration, nothing of a hidden one. */
export function caseTitle(inst: Instance): Bi {
  if (inst.hidden) return inst.sweep === undefined ? t("case.title.hidden") : t("case.title.hidden-sweep");
  return inst.sweep === undefined ? specTitle(inst.spec) : sweepTitle(inst.spec.id, inst.sweep);
}

/** Named by the case it varies, not its title: the title describes the public shapes the sweep changed. */
export function sweepTitle(caseId: string, k: number): Bi {
  return t("case.sweep", { k, id: caseId });
}

/** The call as the learner would write it, with shapes for tensors: `softmax(logits [2, 5], axis omitted)`. */
export function describeCall(inst: Instance): Bi {
  const parts = inst.spec.args.map((a): Bi => {
    const v = inst.inputs.args[inst.inputs.names.indexOf(a.name)];
    if (v.t === "tensor") return same(`${a.name} ${fmtShape(v.nd.shape)}`);
    if (v.t === "json") return same(`${a.name}=${JSON.stringify(v.value)}`);
    if (v.t === "omit") return t("call.omitted", { name: a.name });
    return same(`${a.name} {${Object.keys(v.entries).join(", ")}}`);
  });
  const args = joinBi(parts, ", ");
  return { en: `${inst.spec.fn}(${args.en})`, zh: `${inst.spec.fn}(${args.zh})` };
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
 * A hidden case's result (or a property's on a hidden sweep draw, named by `property`) says
 * which case template it drew from and whether it passed —
 * never its inputs, shapes or values (students see the check's name and, when the
 * assignment allows, the diagnosis).
 */
export function redactHidden(inst: Instance, check: CheckResult, property?: Bi): CheckResult {
  if (!inst.hidden) return check;
  const gradient = check.id.startsWith("gradient/");
  const { detail: _detail, ...rest } = check;
  if (property) return retext(rest, { message: t(check.passed ? "hidden.property.passes" : "hidden.property.fails", { id: inst.spec.id, title: property }) });
  const key = check.passed ? (gradient ? "hidden.gradient.passes" : "hidden.passes") : gradient ? "hidden.gradient.fails" : "hidden.fails";
  return retext(rest, { message: t(key, { id: inst.spec.id }) });
}
