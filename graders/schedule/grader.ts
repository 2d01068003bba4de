/**
 * Grader for learningRate: Noam and warmup + cosine at their corners (step 1, the peak,
 * the step after it, the middle of the decay, total, after total), the documented errors,
 * and a peak exactly at `warmup`. The result is a plain number computed in float64, so every
 * case tightens the backend tolerance 10⁷-fold (cpu: atol 1e-12, rtol 1e-11): learning rates
 * are ~1e-7–1e-3, and float32 slack would accept an off-by-one step. Hidden draws keep each
 * case's corner: the step is drawn from a range that stays in the case's phase (or kept where
 * the corner is a step, like the peak), and the options from a list of valid schedules that
 * agree on what that phase needs (the same warmup, the same total, warmup ≤ the range…).
 */
import { z } from "zod";
import { defineGrader } from "../engine/grader.js";
import { nd } from "../engine/ndarray.js";
import { jsonArg, numberArg } from "../engine/ref-args.js";
import type { CaseSpec } from "../engine/spec.js";
import { learningRate, noam, warmupCosine, type ScheduleOptions } from "../reference/schedule.js";
import zh from "./zh.js";

const NoamArg = z.strictObject({ kind: z.literal("noam"), dModel: z.number(), warmup: z.number(), factor: z.number().optional() });
const CosineArg = z.strictObject({ kind: z.literal("warmup-cosine"), peak: z.number(), warmup: z.number(), total: z.number(), minLr: z.number().optional() });
const OptionsArg = z.union([NoamArg, CosineArg]);
const scalar = (v: number) => nd([], [v]);

type Noam = z.infer<typeof NoamArg>;
type Cosine = z.infer<typeof CosineArg>;

/** A bug hypothesis as two functions of (step, options), one per kind; a kind it leaves alone is computed correctly. */
function hypothesis(f: { noam?: (s: number, o: Noam) => number; cosine?: (s: number, o: Cosine) => number }) {
  return ([step, opts]: readonly unknown[]) => {
    const s = numberArg(step);
    const o = jsonArg(opts, OptionsArg);
    if (o.kind === "noam") return scalar((f.noam ?? noam)(s, o));
    return scalar((f.cosine ?? warmupCosine)(s, o));
  };
}

const cosineWith =
  (o: Cosine, phase: (s: number) => number, floor = o.minLr ?? 0) =>
  (s: number) =>
    s <= o.warmup ? (o.peak * s) / o.warmup : floor + (o.peak - floor) * 0.5 * (1 + Math.cos(Math.PI * phase(s)));

const NOAM = { kind: "noam", dModel: 512, warmup: 4000 };
const COS = { kind: "warmup-cosine", peak: 1e-3, warmup: 100, total: 1100, minLr: 1e-5 };
/**
 * A hidden draw: the step from `steps` (null keeps the case's own step) and the options from
 * `options`. Lists never hold the public options where the step is kept, so every draw differs.
 */
function drawn(steps: [number, number] | null, options: object[]): Partial<CaseSpec> {
  return { vary: { dims: steps ? { S: steps } : {}, shapes: {}, json: { ...(steps ? { step: "S" } : {}), options: { oneOf: options } } } };
}
const noamOf = (dModel: number, warmup: number, factor?: number) => ({ kind: "noam", dModel, warmup, ...(factor === undefined ? {} : { factor }) });
const cosOf = (peak: number, warmup: number, total: number, minLr?: number) => ({
  kind: "warmup-cosine",
  peak,
  warmup,
  total,
  ...(minLr === undefined ? {} : { minLr }),
});
/** Noam schedules with warmup ≤ 8000 (any step > 8000 is on the decay). */
const NOAMS = [noamOf(64, 400), noamOf(256, 1000, 2), noamOf(768, 8000), noamOf(1024, 4000), noamOf(4096, 2000, 0.5)];
/** Noam schedules with warmup ≥ 1000 (any step < 1000 is on the ramp). */
const NOAMS_LONG_WARMUP = [noamOf(64, 1000), noamOf(256, 4000, 2), noamOf(768, 8000), noamOf(1024, 2000)];
/** Noam schedules peaking at 4000, like the public ones. */
const NOAMS_PEAK_4000 = [noamOf(64, 4000), noamOf(768, 4000, 2), noamOf(2048, 4000, 0.5), noamOf(1024, 4000)];
const NOAMS_FACTOR = [noamOf(256, 100, 2), noamOf(512, 400, 0.5), noamOf(128, 50, 3), noamOf(1024, 4000, 1.5)];
/** Warmup + cosine schedules with warmup ≥ 50. */
const COSINES = [cosOf(3e-4, 50, 500, 3e-5), cosOf(6e-4, 200, 5000, 0), cosOf(1e-2, 1000, 3000, 1e-4), cosOf(2e-3, 64, 192)];
const COSINES_WARMUP_100 = [cosOf(3e-4, 100, 400, 3e-5), cosOf(6e-4, 100, 10000), cosOf(1e-2, 100, 150, 1e-3), cosOf(2e-3, 100, 2100, 2e-4)];
const COSINES_TOTAL_1100 = [cosOf(3e-4, 500, 1100, 3e-5), cosOf(2e-3, 300, 1100), cosOf(1e-2, 10, 1100, 1e-4)];
/** Warmup ≤ 200 and total ≥ 1000: every step in [201, 999] is on the cosine. */
const COSINES_MID = [cosOf(3e-4, 50, 1000, 3e-5), cosOf(6e-4, 200, 5000, 0), cosOf(1e-2, 150, 1200, 1e-4), cosOf(1e-3, 100, 1100, 1e-5)];
const COSINES_MID_NO_MIN = [cosOf(3e-4, 200, 1000), cosOf(1e-3, 50, 1500), cosOf(6e-4, 100, 4000), cosOf(2e-3, 150, 1001)];
/** Total ≤ 1100: every step > 1100 is after the end. */
const COSINES_ENDED = [cosOf(3e-4, 50, 500, 3e-5), cosOf(1e-3, 100, 1100, 1e-5), cosOf(2e-3, 64, 192), cosOf(1e-2, 300, 1000, 1e-4)];

/** One call of learningRate(step, options): a case is one number, so cases are cheap and many. */
function at(id: string, title: string, step: number, options: unknown, extra: Partial<CaseSpec> = {}) {
  return {
    id,
    title,
    fn: "learningRate",
    seed: 400,
    returns: "number" as const,
    tolerance: 1e-7,
    args: [
      { kind: "json" as const, name: "step", value: step },
      { kind: "json" as const, name: "options", value: options },
    ],
    points: 1,
    ...extra,
  };
}

export default defineGrader({
  zh,
  spec: {
    id: "schedule",
    title: "Learning-rate schedules",
    points: { exports: 1, forbidden: 0, inputs: 0 },
    cases: [
      at("noam-step-1", "Noam, d 512, warmup 4000: step 1", 1, NOAM, drawn(null, NOAMS)),
      at("noam-ramp", "Noam: step 1000, on the ramp", 1000, NOAM, drawn([2, 999], NOAMS_LONG_WARMUP)),
      at("noam-peak", "Noam: step 4000 = warmup, the peak", 4000, NOAM, { points: 2, ...drawn(null, NOAMS_PEAK_4000) }),
      at("noam-decay", "Noam: step 20000, decaying as step^−0.5", 20000, NOAM, drawn([8001, 100000], NOAMS)),
      at("noam-factor", "Noam, d 256, warmup 100, factor 2: step 50", 50, { kind: "noam", dModel: 256, warmup: 100, factor: 2 }, drawn([1, 400], NOAMS_FACTOR)),
      at("cos-step-1", "warmup + cosine (peak 1e-3, warmup 100, total 1100, minLr 1e-5): step 1", 1, COS, drawn(null, COSINES)),
      at("cos-ramp", "warmup + cosine: step 40", 40, COS, drawn([1, 49], COSINES)),
      at("cos-peak", "warmup + cosine: step 100 = warmup, the peak", 100, COS, drawn(null, COSINES_WARMUP_100)),
      at("cos-after-peak", "warmup + cosine: step 101", 101, COS, drawn(null, COSINES_WARMUP_100)),
      at("cos-middle", "warmup + cosine: step 600, half-way down", 600, COS, { points: 2, ...drawn([201, 999], COSINES_MID) }),
      at("cos-near-end", "warmup + cosine: step 1050", 1050, COS, drawn([1000, 1099], [COS, ...COSINES_TOTAL_1100])),
      at("cos-total", "warmup + cosine: step 1100 = total, exactly minLr", 1100, COS, { points: 2, ...drawn(null, COSINES_TOTAL_1100) }),
      at("cos-after-total", "warmup + cosine: step 3000, after total", 3000, COS, drawn([1101, 50000], COSINES_ENDED)),
      at(
        "cos-default-min",
        "warmup + cosine without minLr: step 700 of 1000",
        700,
        { kind: "warmup-cosine", peak: 3e-4, warmup: 200, total: 1000 },
        drawn([201, 999], COSINES_MID_NO_MIN),
      ),
      at("step-zero", "step 0 must throw (steps count from 1)", 0, NOAM, { expect: "throws" }),
      at("step-negative", "step −5 must throw", -5, COS, { expect: "throws" }),
      at("step-fraction", "step 2.5 must throw", 2.5, NOAM, { expect: "throws" }),
      at("total-not-after-warmup", "total ≤ warmup must throw", 10, { ...COS, total: 100 }, { expect: "throws" }),
      at("unknown-kind", 'kind "linear" must throw', 10, { kind: "linear", peak: 1e-3 }, { expect: "throws" }),
      at(
        "hidden-noam",
        "Noam, d 1024, warmup 2000: step 7777",
        7777,
        { kind: "noam", dModel: 1024, warmup: 2000 },
        { visible: false, ...drawn([1, 100000], NOAMS) },
      ),
      at(
        "hidden-cosine",
        "warmup + cosine: step 333",
        333,
        { kind: "warmup-cosine", peak: 6e-4, warmup: 50, total: 500, minLr: 6e-5 },
        { visible: false, ...drawn([1, 6000], COSINES) },
      ),
    ],
    properties: [
      {
        id: "noam-peak-at-warmup",
        title: "Noam rises up to step 4000 and falls after it",
        kind: "peak-at-step",
        case: "noam-peak",
        points: 1,
        params: { arg: "step", step: 4000, span: 3 },
      },
      {
        id: "cosine-peak-at-warmup",
        title: "Warmup + cosine rises up to step 100 and falls after it",
        kind: "peak-at-step",
        case: "cos-peak",
        points: 1,
        params: { arg: "step", step: 100, span: 3 },
      },
    ],
  },
  references: {
    learningRate: ([step, opts]) => ({ value: scalar(learningRate(numberArg(step), opts as ScheduleOptions)) }),
  },
  bugs: [
    {
      id: "off-by-one",
      fn: "learningRate",
      title: "steps counted from 0 (off by one)",
      advice: "Step 1 is the first update: use the step as given, not step − 1 or step + 1. Noam at step 1 is d^−0.5·warmup^−1.5, not 0.",
      kernel: hypothesis({ noam: (s, o) => noam(s + 1, o), cosine: (s, o) => warmupCosine(s + 1, o) }),
      variants: [hypothesis({ noam: (s, o) => noam(s - 1, o), cosine: (s, o) => warmupCosine(s - 1, o) })],
    },
    {
      id: "warmup-exponent",
      fn: "learningRate",
      title: "warmup^−0.5 instead of warmup^−1.5 in Noam's ramp",
      advice: "The ramp is step·warmup^−1.5 so that it meets step^−0.5 exactly at step = warmup (warmup·warmup^−1.5 = warmup^−0.5).",
      kernel: hypothesis({ noam: (s, o) => (o.factor ?? 1) * o.dModel ** -0.5 * Math.min(s ** -0.5, s * o.warmup ** -0.5) }),
    },
    {
      id: "d-model-exponent",
      fn: "learningRate",
      title: "d_model^0.5 instead of d_model^−0.5",
      advice: "Noam scales by d_model^−0.5: wider models get a smaller learning rate.",
      kernel: hypothesis({ noam: (s, o) => (o.factor ?? 1) * o.dModel ** 0.5 * Math.min(s ** -0.5, s * o.warmup ** -1.5) }),
    },
    {
      id: "factor-ignored",
      fn: "learningRate",
      title: "Noam's factor ignored",
      advice: "Multiply by options.factor (1 by default).",
      kernel: hypothesis({ noam: (s, o) => noam(s, { ...o, factor: 1 }) }),
    },
    {
      id: "cosine-from-step-zero",
      fn: "learningRate",
      title: "the cosine starts at step 0, not at the end of warmup (the peak is not at warmup)",
      advice: "After warmup the phase is π·(step − warmup)/(total − warmup): 0 at the peak, π at total.",
      kernel: hypothesis({ cosine: (s, o) => (s >= o.total ? (o.minLr ?? 0) : cosineWith(o, (t) => t / o.total)(s)) }),
    },
    {
      id: "cosine-period",
      fn: "learningRate",
      title: "the cosine does not reach minLr at total (its length is not total − warmup)",
      advice: "The decay lasts total − warmup steps: divide step − warmup by total − warmup, so the cosine reaches −1 (the value minLr) exactly at total.",
      kernel: hypothesis({ cosine: (s, o) => (s >= o.total ? (o.minLr ?? 0) : cosineWith(o, (t) => (t - o.warmup) / o.total)(s)) }),
      variants: [hypothesis({ cosine: (s, o) => cosineWith(o, (t) => (t - o.warmup) / o.total)(s) })],
    },
    {
      id: "min-lr-ignored",
      fn: "learningRate",
      title: "minLr ignored (decays to 0)",
      advice: "The cosine runs from peak down to minLr: minLr + (peak − minLr)·½(1 + cos φ).",
      kernel: hypothesis({ cosine: (s, o) => warmupCosine(s, { ...o, minLr: 0 }) }),
    },
    {
      id: "no-clamp-after-total",
      fn: "learningRate",
      title: "the cosine keeps going after total",
      advice: "From total on the rate stays at minLr; a cosine left running climbs back up.",
      kernel: hypothesis({ cosine: (s, o) => cosineWith(o, (t) => (t - o.warmup) / (o.total - o.warmup))(s) }),
    },
    {
      id: "no-argument-check",
      fn: "learningRate",
      title: "a documented bad argument is not rejected",
      advice:
        "Throw an Error for a step that is not an integer ≥ 1, for total ≤ warmup and for an unknown kind — a silent NaN or a rate at step 0 corrupts a training run quietly.",
      missingThrow: true,
    },
  ],
});
