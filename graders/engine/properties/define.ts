/**
 * What every property kind shares: its spec's schema (the kind's own params, strict, so a
 * misspelt parameter fails when the spec loads), the plan it returns, and the helpers its
 * judge uses to read the learner's outputs.
 */
import { z } from "zod";
import { allclose, fmt, fmtShape, type Tolerance } from "../compare.js";
import type { CaseInputs } from "../inputs.js";
import { nd, type NdArray } from "../ndarray.js";
import type { CallOutcome, PlannedCall } from "../protocol.js";
import { streamFor } from "../prng.js";
import type { CaseSpec } from "../spec.js";
import { Id } from "../spec-id.js";
import { t, type Bi } from "../i18n.js";
import { fieldOf, ndFromWire } from "../wire.js";

export interface CaseInstance {
  spec: CaseSpec;
  key: string;
  seed: number;
  inputs: CaseInputs;
}

/** A failing verdict may name the bug it proves (a property can single one out where no value check can). */
export type PropertyVerdict = { passed: boolean; message: Bi; bug?: string; diagnosis?: Bi };

export interface PropertyPlan {
  calls: PlannedCall[];
  judge(get: (id: string) => CallOutcome | undefined): PropertyVerdict;
}

/** What a kind's planner is given besides its params. */
export interface PropertyContext {
  inst: CaseInstance;
  tol: Tolerance;
  /** Id of the n-th extra call this property plans. */
  callId(n: number): string;
}

/** Which field of an object result the property reads (null: the result itself). */
export const Field = z.string().nullable().default(null);

/** The schema of a property of one kind: the common fields plus that kind's strict params. */
export function propertySpec<K extends string, P extends z.ZodType>(kind: K, params: P) {
  return z.strictObject({
    id: Id,
    title: z.string().min(1),
    /** The title in Chinese, merged in from the exercise's zh.ts by defineGrader. */
    titleZh: z.string().min(1).optional(),
    kind: z.literal(kind),
    /** The case whose inputs the property reuses. */
    case: Id,
    points: z.number().min(0),
    params,
  });
}

export const pass = (message: Bi): PropertyVerdict => ({ passed: true, message });
export const fail = (message: Bi): PropertyVerdict => ({ passed: false, message });

/** Why a property could not be judged ("could not check: …"). */
export const cannotCheck = (why: Bi): PropertyVerdict => fail(t("property.could-not-check", { why }));

/** What the learner returned is a value, or the reason there is none. */
export const isWhy = (v: NdArray | Bi): v is Bi => !("shape" in v);

/** The learner's output field from a call, or why there is none. */
export function got(outcome: CallOutcome | undefined, field: string | null, returns: "tensor" | "number" = "tensor"): NdArray | Bi {
  if (!outcome) return t("property.did-not-run");
  if (!outcome.ok) return t("property.call-threw", { name: outcome.error.name, message: outcome.error.message });
  const f = fieldOf(outcome.value, field, returns);
  return typeof f === "string" ? t("property.returned", { what: f }) : ndFromWire(f);
}

export function leafOf(inst: CaseInstance, name: string): NdArray {
  const leaf = inst.inputs.leaves.get(name);
  if (!leaf) throw new Error(`property on case ${inst.spec.id}: no input named ${name}`);
  return leaf.nd;
}

/** The value of a JSON argument of the case, by name (a rate, an options object). */
export function jsonArgOf(inst: CaseInstance, name: string): unknown {
  const i = inst.inputs.names.indexOf(name);
  const v = inst.inputs.args[i];
  if (v?.t !== "json") throw new Error(`property on case ${inst.spec.id}: no JSON argument named ${name}`);
  return v.value;
}

/** Add noise to the rows (of the last two axes) that `rows` picks: "change only these inputs". */
export function perturbRows(a: NdArray, rows: (batch: number, row: number) => boolean, seed: number, name: string): NdArray {
  const rng = streamFor(seed, `perturb:${name}`);
  const [L, d] = a.shape.slice(-2);
  const out = nd(a.shape, a.data);
  for (let i = 0; i < out.data.length; i++) {
    const row = Math.floor(i / d) % L;
    const batch = Math.floor(i / (L * d));
    if (rows(batch, row)) out.data[i] = Math.fround(out.data[i] + 3 * rng.normal());
  }
  return out;
}

/** null when two outputs agree within `tol`, else a failing verdict that says where they differ. */
export function sameOutputs(base: NdArray | Bi, other: NdArray | Bi, tol: Tolerance, what: Bi): PropertyVerdict | null {
  if (isWhy(base)) return cannotCheck(base);
  if (isWhy(other)) return cannotCheck(other);
  if (base.shape.join() !== other.shape.join()) return fail(t("property.shapes-differ", { what, a: fmtShape(base.shape), b: fmtShape(other.shape) }));
  const cmp = allclose(base, other.data, tol);
  if (cmp.ok) return null;
  const w = cmp.worst!;
  return fail(t("property.output-changed", { what, at: fmtShape(w.coords), from: fmt(w.want), to: fmt(w.got) }));
}

/** A property judged on the case's own output alone, with no extra call. */
export function onOwnOutput(inst: CaseInstance, field: string | null, check: (y: NdArray) => PropertyVerdict): PropertyPlan {
  return {
    calls: [],
    judge(get) {
      const y = got(get(inst.key), field);
      return isWhy(y) ? cannotCheck(y) : check(y);
    },
  };
}

/** A property comparing the case's output with the input it transforms (same shape: a rotation of it). */
export function againstInput(inst: CaseInstance, arg: string, field: string | null, check: (x: NdArray, y: NdArray) => PropertyVerdict): PropertyPlan {
  const x = leafOf(inst, arg);
  return onOwnOutput(inst, field, (y) =>
    y.shape.join() !== x.shape.join() ? fail(t("property.shape-vs-input", { out: fmtShape(y.shape), input: fmtShape(x.shape) })) : check(x, y),
  );
}
