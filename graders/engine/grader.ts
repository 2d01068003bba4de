/** What an exercise's grader module provides: its spec (data) and its float64 kernels (code). */
import type { NdArray } from "./ndarray.js";
import type { RefArg } from "./inputs.js";
import { isNdArray } from "./ref-args.js";
import { ExerciseSpec, type ExerciseSpecInput } from "./spec.js";

export type RefValue = NdArray | Record<string, NdArray>;

export interface ReferenceResult {
  value: RefValue;
  /**
   * Gradients of Σ select(value) ⊙ cotangent, keyed by argument name ("w.wq" for a weight);
   * `field` is the case's `gradient.of` (the field the cotangent belongs to).
   */
  vjp?: (cotangent: NdArray, field: string | null) => Record<string, NdArray>;
}

export type ReferenceFn = (args: RefArg[]) => ReferenceResult;

/**
 * A known bug, as a hypothesis the grader can test against the learner's actual output:
 * `kernel` reproduces the buggy behaviour in float64; a bug with `missingThrow` explains a
 * call that should have thrown and did not.
 */
export interface BugHypothesis {
  id: string;
  fn: string;
  title: string;
  /** One or two sentences: why it is wrong and what to do instead. */
  advice: string;
  kernel?: (args: RefArg[]) => RefValue;
  /** Other spellings of the same bug (a −1000 fill by `where` or by addition): any match counts. */
  variants?: ((args: RefArg[]) => RefValue)[];
  missingThrow?: boolean;
  /** The title and advice in Chinese, merged in from the exercise's zh.ts by defineGrader. */
  zh?: { title: string; advice: string };
}

export interface GraderDefinition {
  spec: ExerciseSpec;
  references: Record<string, ReferenceFn>;
  bugs: BugHypothesis[];
}

/**
 * An exercise's Chinese texts (graders/<id>/zh.ts): case and property titles by id, bug
 * titles and advice by bug id ("fn/id" where two functions share a bug id).
 */
export interface GraderZh {
  cases: Record<string, string>;
  properties: Record<string, string>;
  bugs: Record<string, { title: string; advice: string }>;
}

/** The spec and bugs with the Chinese merged in; a zh key that names nothing is an error (a renamed case). */
function withZh(id: string, spec: ExerciseSpecInput, bugs: BugHypothesis[], zh: GraderZh): { spec: ExerciseSpecInput; bugs: BugHypothesis[] } {
  const stale = (kind: string, keys: string[], known: string[]) => {
    const bad = keys.filter((k) => !known.includes(k));
    if (bad.length) throw new Error(`grader ${id}: zh.ts names unknown ${kind}: ${bad.join(", ")}`);
  };
  stale(
    "cases",
    Object.keys(zh.cases),
    spec.cases.map((c) => c.id),
  );
  stale(
    "properties",
    Object.keys(zh.properties),
    (spec.properties ?? []).map((p) => p.id),
  );
  stale(
    "bugs",
    Object.keys(zh.bugs),
    bugs.flatMap((b) => [b.id, `${b.fn}/${b.id}`]),
  );
  return {
    spec: {
      ...spec,
      cases: spec.cases.map((c) => (zh.cases[c.id] ? { ...c, titleZh: zh.cases[c.id] } : c)),
      properties: spec.properties?.map((p) => (zh.properties[p.id] ? { ...p, titleZh: zh.properties[p.id] } : p)),
    },
    bugs: bugs.map((b) => {
      const text = zh.bugs[`${b.fn}/${b.id}`] ?? zh.bugs[b.id];
      return text ? { ...b, zh: text } : b;
    }),
  };
}

export function defineGrader(def: {
  spec: ExerciseSpecInput;
  references: Record<string, ReferenceFn>;
  bugs: BugHypothesis[];
  zh?: GraderZh;
}): GraderDefinition {
  if (def.zh) def = { ...def, ...withZh(def.spec.id, def.spec, def.bugs, def.zh) };
  const spec = ExerciseSpec.parse(def.spec);
  for (const c of spec.cases) {
    if (!def.references[c.fn]) throw new Error(`grader ${spec.id}: case ${c.id} calls ${c.fn}, which has no reference`);
  }
  const ids = new Set<string>();
  for (const b of def.bugs) {
    if (ids.has(`${b.fn}/${b.id}`)) throw new Error(`grader ${spec.id}: duplicate bug ${b.id} for ${b.fn}`);
    ids.add(`${b.fn}/${b.id}`);
  }
  return { spec, references: def.references, bugs: def.bugs };
}

/** The object-or-tensor fields a reference returns, in a stable order. */
export function fieldsOf(value: RefValue): [string | null, NdArray][] {
  return isNdArray(value) ? [[null, value]] : Object.entries(value);
}
