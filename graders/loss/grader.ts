/**
 * Grader for cross-entropy with label smoothing and ignored positions. Logits of ~1e3 make
 * log(softmax(x)) overflow or underflow in float32 where a log-softmax stays exact; a
 * smoothing of 0.3 over K = 3 classes separates ε/K from ε/(K − 1); ignored positions
 * (including an ignore id that is also a valid class) separate the two denominators.
 */
import { z } from "zod";
import { defineGrader } from "../engine/grader.js";
import { forEachFibre, nd, type NdArray } from "../engine/ndarray.js";
import { jsonArg, tensorArg, type RefArgs } from "../engine/ref-args.js";
import { crossEntropy, crossEntropyVjp, smoothedTarget, type CrossEntropyOptions } from "../reference/cross-entropy.js";
import { logSoftmax } from "../reference/softmax.js";
import zh from "./zh.js";

const Options = z.object({ labelSmoothing: z.number().optional(), ignoreIndex: z.number().optional() }).default({});
const lossArgs = (a: RefArgs): [NdArray, NdArray, CrossEntropyOptions] => [tensorArg(a[0]), tensorArg(a[1]), jsonArg(a[2], Options)];

/**
 * log(softmax(x)) as float32 computes it: exp overflows past ~88.7 and a probability below
 * the smallest float rounds to 0. What log(0) then gives depends on the device: −∞ on CPUs
 * (IEEE), but GPUs may flush denormals to 0 and compute log from the exponent bits, giving a
 * large finite negative number — −127·ln 2 ≈ −88.03 on SwiftShader's WebGPU, for one.
 */
function logOfSoftmax32(x: NdArray, shifted: boolean, logZero = -Infinity, flushDenormals = false, logNaN = Number.NaN): NdArray {
  const y = nd(x.shape);
  const flush = (v: number) => (flushDenormals && Math.abs(v) < 2 ** -126 ? 0 : v);
  forEachFibre(x.shape, x.shape.length - 1, (idx) => {
    const max = shifted ? Math.max(...idx.map((i) => x.data[i])) : 0;
    const e = idx.map((i) => flush(Math.fround(Math.exp(x.data[i] - max))));
    const sum = Math.fround(e.reduce((a, b) => a + b, 0));
    idx.forEach((i, j) => {
      const p = flush(Math.fround(e[j] / sum));
      y.data[i] = Number.isNaN(p) ? logNaN : p === 0 ? logZero : Math.log(p);
    });
  });
  return y;
}

/** The values log(0) takes on devices that do not return −∞: log of 2^−127, 2^−126 (the smallest normal) and 2^−149 (the smallest denormal). */
const GPU_LOG_ZERO = [-127, -126, -149].map((e) => e * Math.LN2);
/**
 * log(NaN) on a device whose log reads the exponent and mantissa without checking for NaN
 * (SwiftShader, measured): the quiet NaN's bits are 1.5 · 2^128, so log gives ln 1.5 + 128 ln 2
 * ≈ 89.13. Unshifted, exp(x)/Σexp(x) is ∞/∞ = NaN on the largest logits, and the loss
 * comes out finite — this models the same bug there.
 */
const LOG_OF_NAN_BITS = Math.log(1.5) + 128 * Math.LN2;

interface Variant {
  logp?: (x: NdArray) => NdArray;
  /** The target distribution for target t among K classes with smoothing ε. */
  q?: (t: number, K: number, eps: number) => (k: number) => number;
  /** "positions": divide by every position; "none": return the sum. */
  denominator?: "positions" | "none";
}

/** Cross-entropy with one thing done differently — each bug hypothesis is one of these. */
function lossVariant(a: RefArgs, v: Variant): NdArray {
  const [logits, targets, opts] = lossArgs(a);
  const eps = opts.labelSmoothing ?? 0;
  const K = logits.shape[logits.shape.length - 1];
  const logp = (v.logp ?? logSoftmax)(logits);
  let total = 0;
  let kept = 0;
  for (let r = 0; r < targets.data.length; r++) {
    if (targets.data[r] === opts.ignoreIndex) continue;
    kept++;
    const q = (v.q ?? smoothedTarget)(targets.data[r], K, eps);
    for (let k = 0; k < K; k++) {
      const w = q(k);
      if (w !== 0) total -= w * logp.data[r * K + k];
    }
  }
  const n = v.denominator === "positions" ? targets.data.length : v.denominator === "none" ? 1 : kept;
  return nd([], [total / n]);
}
const variant = (v: Variant) => (a: RefArgs) => lossVariant(a, v);

const logits = (shape: number[], extra: object = {}) => ({ kind: "tensor" as const, name: "logits", shape, scale: 2, ...extra });
const labels = (shape: number[], classes: number, extra: object = {}) => ({ kind: "labels" as const, name: "targets", shape, classes, ...extra });
const options = (value: object) => ({ kind: "json" as const, name: "options", value });

type Range = [number, number];
/**
 * Hidden draws of the leading dims `lead` and the class count K (the labels follow both) and,
 * from the given lists, of option fields. Lists stay valid: ε in [0, 1), and an ignoreIndex
 * that is a class id every drawn K has.
 */
const varyLoss = (dims: Record<string, Range>, lead: string[], fields: Record<string, unknown[]> = {}) => ({
  dims,
  shapes: { logits: [...lead, "K"], targets: lead },
  classes: { targets: "K" },
  json: { options: { fields: Object.fromEntries(Object.entries(fields).map(([k, oneOf]) => [k, { oneOf }])) } },
});

export default defineGrader({
  zh,
  spec: {
    id: "loss",
    title: "Cross-entropy with label smoothing",
    points: { exports: 1, forbidden: 0, inputs: 1 },
    cases: [
      {
        id: "plain",
        title: "logits [6, 5], no options",
        fn: "crossEntropy",
        seed: 401,
        vary: varyLoss({ N: [1, 64], K: [2, 64] }, ["N"]),
        args: [logits([6, 5]), labels([6], 5), options({})],
        points: 2,
        gradient: { of: null, points: 2 },
      },
      {
        id: "smoothing-rank3",
        title: "logits [2, 4, 7], label smoothing 0.1",
        fn: "crossEntropy",
        seed: 402,
        vary: varyLoss({ B: [1, 4], L: [1, 32], K: [2, 48] }, ["B", "L"], { labelSmoothing: [0.1, 0.05, 0.2] }),
        args: [logits([2, 4, 7]), labels([2, 4], 7), options({ labelSmoothing: 0.1 })],
        points: 2,
        gradient: { of: null, points: 2 },
      },
      {
        id: "smoothing-few-classes",
        title: "K = 3, label smoothing 0.3: ε/K, not ε/(K − 1)",
        fn: "crossEntropy",
        seed: 403,
        vary: varyLoss({ N: [1, 64], K: [2, 4] }, ["N"], { labelSmoothing: [0.3, 0.25, 0.4] }),
        args: [logits([5, 3]), labels([5], 3), options({ labelSmoothing: 0.3 })],
        points: 2,
        gradient: { of: null, points: 1 },
      },
      {
        id: "large-logits",
        title: "logits of ~1e3, no smoothing",
        fn: "crossEntropy",
        seed: 404,
        vary: varyLoss({ N: [1, 32], K: [2, 40] }, ["N"]),
        args: [logits([4, 8], { scale: 1000 }), labels([4], 8), options({})],
        points: 2,
        gradient: { of: null, points: 1 },
      },
      {
        id: "large-logits-smoothing",
        title: "logits of ~1e3, label smoothing 0.2",
        fn: "crossEntropy",
        seed: 405,
        vary: varyLoss({ N: [1, 32], K: [2, 40] }, ["N"], { labelSmoothing: [0.2, 0.1, 0.3] }),
        args: [logits([3, 6], { scale: 1000 }), labels([3], 6), options({ labelSmoothing: 0.2 })],
        points: 2,
      },
      {
        id: "ignore-index",
        title: "targets [3, 5] with ignoreIndex −100 at about 40% of positions, smoothing 0.1",
        fn: "crossEntropy",
        seed: 406,
        // The labels carry ignoreIndex −100 too, so it stays; the smoothing is drawn.
        vary: varyLoss({ B: [1, 4], L: [2, 32], K: [2, 32] }, ["B", "L"], { labelSmoothing: [0.1, 0, 0.2] }),
        args: [logits([3, 5, 6]), labels([3, 5], 6, { ignoreIndex: -100, ignoreP: 0.4 }), options({ labelSmoothing: 0.1, ignoreIndex: -100 })],
        points: 3,
        gradient: { of: null, points: 2 },
      },
      {
        id: "ignore-valid-class",
        title: "ignoreIndex 0, a valid class id: positions with target 0 are skipped",
        fn: "crossEntropy",
        seed: 407,
        vary: varyLoss({ N: [4, 64], K: [3, 16] }, ["N"], { ignoreIndex: [0, 1, 2] }),
        args: [logits([12, 4]), labels([12], 4), options({ ignoreIndex: 0 })],
        points: 2,
        gradient: { of: null, points: 1 },
      },
      {
        id: "single-position",
        title: "rank-1 logits [5] and a rank-0 target",
        fn: "crossEntropy",
        seed: 408,
        vary: varyLoss({ K: [2, 64] }, [], { labelSmoothing: [0.05, 0, 0.1] }),
        args: [logits([5]), labels([], 5), options({ labelSmoothing: 0.05 })],
        points: 1,
        gradient: { of: null, points: 1 },
      },
      {
        id: "hidden-mixed",
        title: "logits [2, 6, 9] with shifts up to 300, smoothing 0.2, ignored positions",
        fn: "crossEntropy",
        seed: 409,
        visible: false,
        vary: varyLoss({ B: [1, 4], L: [2, 16], K: [2, 32] }, ["B", "L"], { labelSmoothing: [0.2, 0.1, 0.3] }),
        args: [
          logits([2, 6, 9], { rowShifts: [0, 300, -200] }),
          labels([2, 6], 9, { ignoreIndex: -1, ignoreP: 0.3 }),
          options({ labelSmoothing: 0.2, ignoreIndex: -1 }),
        ],
        points: 2,
        gradient: { of: null, points: 1 },
      },
      {
        id: "all-ignored",
        title: "every position ignored must throw",
        fn: "crossEntropy",
        seed: 410,
        expect: "throws",
        args: [logits([3, 4]), labels([3], 4, { ignoreIndex: -100, allIgnored: true }), options({ ignoreIndex: -100 })],
        points: 1,
      },
    ],
    properties: [
      {
        id: "shift-invariant",
        title: "Adding a constant to every logit leaves the loss unchanged",
        kind: "shift-invariant",
        case: "smoothing-rank3",
        points: 1,
        params: { arg: "logits", shift: 40 },
      },
    ],
  },
  references: {
    crossEntropy: (a) => {
      const [x, t, opts] = lossArgs(a);
      return { value: crossEntropy(x, t, opts), vjp: (c) => ({ logits: crossEntropyVjp(x, t, opts, c) }) };
    },
  },
  bugs: [
    {
      id: "log-of-softmax",
      fn: "crossEntropy",
      title: "log(softmax(x)) instead of a log-softmax",
      advice:
        "In float32, exp overflows past ~88 (then ∞/∞ is NaN, which some GPUs' log turns into an arbitrary ~89) and a probability below ~1e-45 rounds to 0, whose log is −∞ (or, on some GPUs, an arbitrary −88). Compute log p = (x − max) − log Σ exp(x − max) directly (or tf.logSoftmax): it never exponentiates a large number and never takes the log of 0.",
      kernel: variant({ logp: (x) => logOfSoftmax32(x, false) }),
      variants: [
        variant({ logp: (x) => logOfSoftmax32(x, true) }),
        ...GPU_LOG_ZERO.map((z) => variant({ logp: (x) => logOfSoftmax32(x, true, z, true) })),
        ...GPU_LOG_ZERO.map((z) => variant({ logp: (x) => logOfSoftmax32(x, false, z, true, LOG_OF_NAN_BITS) })),
      ],
    },
    {
      id: "smoothing-k-minus-1",
      fn: "crossEntropy",
      title: "label smoothing spread over the K − 1 other classes",
      advice:
        "The contract (PyTorch's convention) mixes in the uniform distribution over all K classes: q = (1 − ε)·onehot + ε/K, so the target gets 1 − ε + ε/K and every other class ε/K.",
      kernel: variant({ q: (t, K, eps) => (k) => (k === t ? 1 - eps : eps / (K - 1)) }),
    },
    {
      id: "smoothing-ignored",
      fn: "crossEntropy",
      title: "labelSmoothing is ignored",
      advice: "With labelSmoothing ε > 0 the target is (1 − ε)·onehot + ε/K, so every class's log-probability enters the loss, not only the target's.",
      kernel: variant({ q: (t) => (k) => (k === t ? 1 : 0) }),
    },
    {
      id: "mean-includes-ignored",
      fn: "crossEntropy",
      title: "the mean is taken over ignored positions too",
      advice: "Ignored positions contribute nothing and do not count: divide the sum by the number of positions whose target ≠ ignoreIndex.",
      kernel: variant({ denominator: "positions" }),
    },
    {
      id: "sum-not-mean",
      fn: "crossEntropy",
      title: "the loss is summed over positions, not averaged",
      advice:
        "Return the mean over the non-ignored positions, so the loss (and the learning rate that suits it) does not grow with batch size and sequence length.",
      kernel: variant({ denominator: "none" }),
    },
    {
      id: "no-all-ignored-check",
      fn: "crossEntropy",
      title: "no error when every position is ignored",
      advice: "With every target equal to ignoreIndex the mean is 0/0: throw an Error instead of returning NaN.",
      missingThrow: true,
    },
  ],
});
