/**
 * Grader for inverted dropout. The exact mask is known (reference/dropout.ts reproduces
 * tf.randomUniform's seeded values on every backend), so outputs and gradients are compared
 * with the float64 reference; property checks add what holds for any correctly drawn mask —
 * the zero share, kept values x/(1 − rate) and the mean, with stated 5σ bounds — plus the
 * seed's reproducibility and the backward pass's use of the forward mask, which no float64
 * kernel can imitate.
 */
import { z } from "zod";
import { defineGrader } from "../engine/grader.js";
import { nd, type NdArray } from "../engine/ndarray.js";
import { jsonArg, numberArg, tensorArg, type RefArgs } from "../engine/ref-args.js";
import { checkRate, dropout, dropoutVjp, tfUniform, type DropoutOptions } from "../reference/dropout.js";
import zh from "./zh.js";

const Options = z.object({ training: z.boolean().optional(), seed: z.number().optional() }).default({});

const dropoutArgs = (a: RefArgs): [NdArray, number, DropoutOptions] => [tensorArg(a[0]), numberArg(a[1]), jsonArg(a[2], Options)];

interface Variant {
  /** Kept units left as x. */
  noScaling?: boolean;
  /** At inference: multiply by this instead of returning x. */
  evalFactor?: (rate: number) => number;
  /** Which units survive and by what they are scaled, given u and the rate. */
  keep?: (u: number, rate: number) => boolean;
  keepScale?: (rate: number) => number;
  /** Training defaults to false. */
  defaultEval?: boolean;
}

/** Dropout with one thing done differently — each bug hypothesis is one of these. */
function dropoutVariant(a: RefArgs, v: Variant): NdArray {
  const [x, rate, opts] = dropoutArgs(a);
  checkRate(rate);
  const training = opts.training ?? !v.defaultEval;
  if (!training)
    return v.evalFactor
      ? nd(
          x.shape,
          x.data.map((e) => e * v.evalFactor!(rate)),
        )
      : x;
  if (rate === 0 || rate === 1 || opts.seed === undefined) return dropout(x, rate, opts);
  const u = tfUniform(x.shape, opts.seed);
  const r32 = Math.fround(rate);
  const keep = v.keep ?? ((ui: number) => ui >= r32);
  const scale = v.noScaling ? 1 : (v.keepScale ?? ((r: number) => 1 / (1 - r)))(rate);
  return nd(
    x.shape,
    x.data.map((e, i) => (keep(u.data[i], r32) ? e * scale : 0)),
  );
}
const variant = (v: Variant) => (a: RefArgs) => dropoutVariant(a, v);

const X = (shape: number[], extra: object = {}) => ({ kind: "tensor" as const, name: "x", shape, ...extra });
const call = (rate: number, options: object) => [
  { kind: "json" as const, name: "rate", value: rate },
  { kind: "json" as const, name: "options", value: options },
];

type Range = [number, number];
/** Seeds a hidden draw picks from: small, typical and near the int32 limit. */
const SEEDS = [3, 7, 42, 2024, 31337, 65537, 123456789, 2147483646];
/**
 * Hidden draws of x's shape (batch 1–4, then the given extents), of the rate (from `rates`;
 * none for the cases that pin 0 or 1) and of the seed. Rates stay off 0.5, where "rate read
 * as the keep probability" gives the very same mask and scale.
 */
const varyX = (dims: Record<string, Range>, shape: string[], rates?: number[], seeds = SEEDS) => ({
  dims: { B: [1, 4] as Range, ...dims },
  shapes: { x: ["B", ...shape] },
  json: { ...(rates ? { rate: { oneOf: rates } } : {}), options: { fields: { seed: { oneOf: seeds } } } },
});

export default defineGrader({
  zh,
  spec: {
    id: "dropout",
    title: "Inverted dropout",
    points: { exports: 1, forbidden: 1, inputs: 1 },
    forbidden: [{ name: "tf.dropout", functions: ["dropout"] }],
    cases: [
      {
        id: "train-quarter",
        title: "training, rate 0.25, x [4, 64]",
        fn: "dropout",
        seed: 301,
        vary: varyX({ D: [32, 96] }, ["D"], [0.25, 0.2, 0.3, 0.4]),
        args: [X([4, 64]), ...call(0.25, { training: true, seed: 7 })],
        points: 3,
        gradient: { of: null, points: 2 },
      },
      {
        id: "train-tenth-rank3",
        title: "training, rate 0.1 (the paper's P_drop), x [2, 3, 50]",
        fn: "dropout",
        seed: 302,
        vary: varyX({ L: [1, 16], D: [8, 64] }, ["L", "D"], [0.1, 0.05, 0.15]),
        args: [X([2, 3, 50]), ...call(0.1, { training: true, seed: 2024 })],
        points: 2,
        gradient: { of: null, points: 1 },
      },
      {
        id: "default-training",
        title: "options without `training`: training defaults to true",
        fn: "dropout",
        seed: 303,
        vary: varyX({ H: [1, 4], L: [1, 16], D: [4, 32] }, ["H", "L", "D"], [0.4, 0.2, 0.6]),
        args: [X([8, 16]), ...call(0.4, { seed: 99 })],
        points: 2,
      },
      {
        id: "eval-identity",
        title: "training: false, rate 0.3: the identity",
        fn: "dropout",
        seed: 304,
        vary: varyX({ L: [1, 12], D: [1, 40] }, ["L", "D"], [0.3, 0.1, 0.7, 0.9]),
        args: [X([3, 20]), ...call(0.3, { training: false, seed: 5 })],
        points: 2,
        gradient: { of: null, points: 1 },
      },
      {
        id: "rate-zero",
        title: "training, rate 0: the identity",
        fn: "dropout",
        seed: 305,
        vary: varyX({ D: [1, 64] }, ["D"]),
        args: [X([3, 20]), ...call(0, { training: true, seed: 5 })],
        points: 1,
      },
      {
        id: "rate-one",
        title: "training, rate 1: all zeros (not 0/0)",
        fn: "dropout",
        seed: 306,
        vary: varyX({ H: [1, 3], L: [1, 8], D: [1, 32] }, ["H", "L", "D"]),
        args: [X([3, 20]), ...call(1, { training: true, seed: 5 })],
        points: 2,
        gradient: { of: null, points: 1 },
      },
      // At least 48 × 48 units: the statistics property's 5σ band on the zero share (±5·√(p(1 − p)/n),
      // under ±0.051 here) stays far narrower than the 0.2 gap between a rate ≤ 0.4 and 1 − rate.
      {
        id: "large-statistics",
        title: "training, rate 0.3, x [64, 64] with mean 1",
        fn: "dropout",
        seed: 307,
        vary: {
          dims: { N: [48, 96], D: [48, 96] },
          shapes: { x: ["N", "D"] },
          json: { rate: { oneOf: [0.3, 0.2, 0.4] }, options: { fields: { seed: { oneOf: SEEDS } } } },
        },
        args: [X([64, 64], { shift: 1, scale: 0.5 }), ...call(0.3, { training: true, seed: 11 })],
        points: 2,
      },
      {
        id: "hidden-seed",
        title: "training, rate 0.2, a large seed",
        fn: "dropout",
        seed: 308,
        visible: false,
        vary: varyX({ L: [1, 8], D: [8, 48] }, ["L", "D"], [0.2, 0.35], [987654321, 1234567890, 2147483647, 1999999999]),
        args: [X([5, 30]), ...call(0.2, { training: true, seed: 987654321 })],
        points: 2,
        gradient: { of: null, points: 1 },
      },
      {
        id: "rate-negative",
        title: "rate −0.1 must throw",
        fn: "dropout",
        seed: 309,
        expect: "throws",
        args: [X([2, 4]), ...call(-0.1, { training: true, seed: 1 })],
        points: 1,
      },
      {
        id: "rate-above-one-eval",
        title: "rate 1.5 must throw even when not training",
        fn: "dropout",
        seed: 310,
        expect: "throws",
        args: [X([2, 4]), ...call(1.5, { training: false, seed: 1 })],
        points: 1,
      },
    ],
    properties: [
      {
        id: "statistics",
        title: "Zero share ≈ rate, kept units = x/(1 − rate), mean preserved (5σ bounds)",
        kind: "dropout-statistics",
        case: "large-statistics",
        points: 2,
        params: { x: "x", rate: "rate" },
      },
      {
        id: "same-mask-in-backward",
        title: "The backward pass multiplies by the forward pass's mask",
        kind: "same-mask-in-backward",
        case: "train-quarter",
        points: 2,
        params: { x: "x" },
      },
      {
        id: "seed-honoured",
        title: "The same seed gives the same output; another seed another output",
        kind: "seed-honoured",
        case: "train-quarter",
        points: 2,
        params: { options: "options" },
      },
    ],
  },
  references: {
    dropout: (a) => {
      const [x, rate, opts] = dropoutArgs(a);
      return { value: dropout(x, rate, opts), vjp: (c) => ({ x: dropoutVjp(x, rate, opts, c) }) };
    },
  },
  bugs: [
    {
      id: "no-scaling",
      fn: "dropout",
      title: "kept units are not scaled by 1/(1 − rate)",
      advice: "Inverted dropout divides the kept units by (1 − rate) while training, so the expected output equals the input and inference needs no change.",
      kernel: variant({ noScaling: true }),
    },
    {
      id: "scaling-at-eval",
      fn: "dropout",
      title: "the output is scaled when not training",
      advice:
        "With inverted dropout all the scaling happens at training time; with training: false return x unchanged (multiplying by 1 − rate belongs to the original, non-inverted dropout).",
      kernel: variant({ evalFactor: (r) => 1 - r }),
      variants: [variant({ evalFactor: (r) => 1 / (1 - r) })],
    },
    {
      id: "rate-as-keep",
      fn: "dropout",
      title: "rate read as the probability of keeping a unit",
      advice: "`rate` is the probability of dropping a unit (as in tf.dropout and PyTorch): keep where u ≥ rate and scale by 1/(1 − rate).",
      kernel: variant({ keep: (u, r) => u < r, keepScale: (r) => 1 / r }),
      variants: [variant({ keep: (u, r) => u >= 1 - r, keepScale: (r) => 1 / r }), variant({ keep: (u, r) => u < r })],
    },
    {
      id: "rate-one-nan",
      fn: "dropout",
      title: "rate 1 computes 0 · 1/0",
      advice:
        "At rate 1 every unit is dropped and 1/(1 − rate) is infinite, so mask · x/(1 − rate) gives 0 · ∞ = NaN: return zeros for rate 1 before dividing.",
      kernel: (a) => {
        const [x, rate, opts] = dropoutArgs(a);
        return (opts.training ?? true) && rate === 1
          ? nd(
              x.shape,
              x.data.map(() => NaN),
            )
          : dropout(x, rate, opts);
      },
    },
    {
      id: "default-not-training",
      fn: "dropout",
      title: "training defaults to false",
      advice: "The contract's default is training = true: `{ training = true, seed } = options`.",
      kernel: variant({ defaultEval: true }),
    },
    {
      id: "no-rate-check",
      fn: "dropout",
      title: "a rate outside [0, 1] is not rejected",
      advice: "Throw an Error when rate < 0 or rate > 1 — before the `training` test, so a bad rate fails at inference too.",
      missingThrow: true,
    },
  ],
});
