/**
 * Turns a case's argument specs into concrete inputs. Every tensor is rounded to float32
 * here, once: the learner receives exactly these values and the float64 reference starts
 * from the same ones, so input quantisation never counts as a learner's error.
 */
import type { ArgSpec, CaseSpec, LabelsArgSpec, MaskArgSpec, TensorArgSpec } from "./spec.js";
import { forEachFibre, nd, normAxis, sizeOf, type NdArray } from "./ndarray.js";
import { hashString, streamFor } from "./prng.js";

/** Leaves are float32 unless they say otherwise (class ids are int32). */
export type LeafDtype = "float32" | "int32";

export type InputValue =
  | { t: "tensor"; leaf: string; nd: NdArray; differentiable: boolean; dtype?: LeafDtype }
  | { t: "json"; value: unknown }
  | { t: "omit" }
  | { t: "object"; entries: Record<string, InputValue> };

/** Positional arguments plus every distinct tensor leaf, by name. */
export interface CaseInputs {
  args: InputValue[];
  names: string[];
  leaves: Map<string, { nd: NdArray; differentiable: boolean; dtype?: LeafDtype }>;
}

export function drawTensor(spec: TensorArgSpec, seed: number): NdArray {
  const rng = streamFor(seed, spec.name);
  const out = nd(spec.shape);
  const n = out.data.length;
  for (let i = 0; i < n; i++) {
    out.data[i] = spec.dist === "uniform" ? rng.uniform(-1, 1) : rng.normal();
  }
  if (spec.dist === "simplex") {
    forEachFibre(spec.shape, normAxis(spec.axis, spec.shape.length), (idx) => {
      let max = -Infinity;
      for (const i of idx) max = Math.max(max, out.data[i] * spec.scale);
      let sum = 0;
      for (const i of idx) sum += out.data[i] = Math.exp(out.data[i] * spec.scale - max);
      for (const i of idx) out.data[i] = Math.fround(out.data[i] / sum);
    });
    return out;
  }
  const last = spec.shape[spec.shape.length - 1] ?? 1;
  for (let i = 0; i < n; i++) {
    const row = Math.floor(i / Math.max(last, 1));
    const rowScale = spec.rowScales ? spec.rowScales[row % spec.rowScales.length] : 1;
    const rowShift = spec.rowShifts ? spec.rowShifts[row % spec.rowShifts.length] : 0;
    const colShift = spec.colShifts ? spec.colShifts[(i % Math.max(last, 1)) % spec.colShifts.length] : 0;
    out.data[i] = Math.fround(spec.shift + rowShift + colShift + spec.scale * rowScale * out.data[i]);
  }
  return out;
}

export function drawMask(spec: MaskArgSpec, seed: number): NdArray {
  const shape = spec.shape;
  const rng = streamFor(seed, spec.name);
  const lk = shape[shape.length - 1];
  const lq = shape.length >= 2 ? shape[shape.length - 2] : 1;
  const perFirst = sizeOf(shape) / Math.max(shape[0], 1);
  const out = nd(shape);
  for (let i = 0; i < out.data.length; i++) {
    const k = i % lk;
    const q = Math.floor(i / lk) % lq;
    const first = Math.floor(i / perFirst);
    let open: boolean;
    switch (spec.pattern) {
      case "padding": {
        const lengths = spec.lengths ?? [lk];
        open = k < lengths[first % lengths.length];
        break;
      }
      case "causal":
        open = k <= q;
        break;
      case "window":
        open = k <= q && q - k <= (spec.window ?? 0);
        break;
      case "random":
        open = rng.next() >= (spec.p ?? 0.3);
        break;
      case "ones":
        open = true;
        break;
    }
    if (spec.blockedRows?.includes(q)) open = false;
    out.data[i] = open ? 1 : 0;
  }
  return out;
}

/** Class ids drawn uniformly from [0, classes), some or all replaced by `ignoreIndex`. */
export function drawLabels(spec: LabelsArgSpec, seed: number): NdArray {
  const rng = streamFor(seed, spec.name);
  const out = nd(spec.shape);
  for (let i = 0; i < out.data.length; i++) {
    const id = Math.min(spec.classes - 1, Math.floor(rng.next() * spec.classes));
    const ignored = spec.ignoreIndex !== undefined && (spec.allIgnored || rng.next() < spec.ignoreP);
    out.data[i] = ignored ? spec.ignoreIndex! : id;
  }
  return out;
}

export function buildCaseInputs(c: CaseSpec, seed: number = c.seed): CaseInputs {
  const leaves: CaseInputs["leaves"] = new Map();
  const byName = new Map<string, InputValue>();
  const build = (a: ArgSpec, prefix: string): InputValue => {
    const leaf = prefix + a.name;
    switch (a.kind) {
      case "tensor": {
        // Drawn from a stream named by the full path: ln1.gamma and ln2.gamma must not share their numbers.
        const value = drawTensor(prefix ? { ...a, name: leaf } : a, seed);
        leaves.set(leaf, { nd: value, differentiable: a.differentiable });
        return { t: "tensor", leaf, nd: value, differentiable: a.differentiable };
      }
      case "mask": {
        const value = drawMask(prefix ? { ...a, name: leaf } : a, seed);
        leaves.set(leaf, { nd: value, differentiable: false });
        return { t: "tensor", leaf, nd: value, differentiable: false };
      }
      case "labels": {
        const value = drawLabels(prefix ? { ...a, name: leaf } : a, seed);
        leaves.set(leaf, { nd: value, differentiable: false, dtype: "int32" });
        return { t: "tensor", leaf, nd: value, differentiable: false, dtype: "int32" };
      }
      case "json":
        return { t: "json", value: a.value };
      case "omit":
        return { t: "omit" };
      case "alias": {
        const target = byName.get(a.of);
        if (!target) throw new Error(`case ${c.id}: alias ${a.name} refers to unknown argument ${a.of}`);
        return target;
      }
      case "weights": {
        const entries: Record<string, InputValue> = {};
        for (const e of a.entries) entries[e.name] = build(e, `${leaf}.`);
        return { t: "object", entries };
      }
    }
  };
  const args = c.args.map((a) => {
    const v = build(a, "");
    byName.set(a.name, v);
    return v;
  });
  return { args, names: c.args.map((a) => a.name), leaves };
}

/** The float64 view a reference kernel takes: tensors as NdArray, objects as records. */
export type RefArg = NdArray | Record<string, NdArray> | unknown;

export function refArgs(inputs: CaseInputs): RefArg[] {
  const conv = (v: InputValue): RefArg => {
    switch (v.t) {
      case "tensor":
        return v.nd;
      case "json":
        return v.value;
      case "omit":
        return undefined;
      case "object":
        return Object.fromEntries(Object.entries(v.entries).map(([k, e]) => [k, conv(e)]));
    }
  };
  return inputs.args.map(conv);
}

/** Copy of the inputs with some leaves replaced (used by property checks' perturbations). */
export function withLeaves(inputs: CaseInputs, replace: Map<string, NdArray>): CaseInputs {
  const leaves: CaseInputs["leaves"] = new Map();
  for (const [k, v] of inputs.leaves) leaves.set(k, replace.has(k) ? { ...v, nd: replace.get(k)! } : v);
  const conv = (v: InputValue): InputValue => {
    switch (v.t) {
      case "tensor":
        return replace.has(v.leaf) ? { ...v, nd: replace.get(v.leaf)! } : v;
      case "object":
        return { t: "object", entries: Object.fromEntries(Object.entries(v.entries).map(([k, e]) => [k, conv(e)])) };
      default:
        return v;
    }
  };
  return { args: inputs.args.map(conv), names: inputs.names, leaves };
}

/** Hidden cases reuse a case's generators with a seed derived from the teacher's secret. */
export function hiddenSeed(secret: string, caseId: string): number {
  return hashString(`${secret}\u0000${caseId}`);
}
