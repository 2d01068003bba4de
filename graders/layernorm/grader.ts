/**
 * Grader for layerNorm and rmsNorm: rows of ordinary, tiny (where ε's place shows) and
 * shifted scale, ranks 1–4 (rank 4 in hidden draws), an explicit ε, gradients for x, γ and
 * β; the bugs are the ways a normalisation can be almost right. Hidden draws vary the
 * batch, the rows (up to 64) and d (odd and even, from 2: one feature has no variance).
 */
import { defineGrader } from "../engine/grader.js";
import { nd, type NdArray } from "../engine/ndarray.js";
import { numberArg, tensorArg } from "../engine/ref-args.js";
import { layerNorm, layerNormVjp, rmsNorm, rmsNormVjp } from "../reference/layernorm.js";
import zh from "./zh.js";

interface Variant {
  /** Divide the squared deviations by d − 1 (torch.var's default) instead of d. */
  unbiased?: boolean;
  /** (x − μ)/(√var + ε) instead of (x − μ)/√(var + ε). */
  epsOutside?: boolean;
  /** Statistics per feature over every other axis (BatchNorm) or over axis 0 alone. */
  over?: "row" | "all-but-last" | "axis0";
  /** Subtract the mean in the numerator / in the variance. */
  centreNumerator?: boolean;
  centreVariance?: boolean;
  /** What multiplies and what is added: γ·x̂ + β by default. */
  affine?: "gamma-beta" | "beta-gamma" | "none" | "gamma-only";
}

/** Indices of the elements that share statistics with each element, grouped. */
function groups(shape: readonly number[], over: NonNullable<Variant["over"]>): number[][] {
  const d = shape[shape.length - 1];
  const n = shape.reduce((a, b) => a * b, 1);
  const out = new Map<number, number[]>();
  const inner = n / (shape[0] ?? 1);
  for (let i = 0; i < n; i++) {
    const key = over === "row" ? Math.floor(i / d) : over === "all-but-last" ? i % d : i % inner;
    if (!out.has(key)) out.set(key, []);
    out.get(key)!.push(i);
  }
  return [...out.values()];
}

/** A normalisation with one thing done differently — each bug hypothesis is one of these. */
export function normVariant(x: NdArray, gamma: NdArray, beta: NdArray | undefined, eps: number, v: Variant): NdArray {
  const d = x.shape[x.shape.length - 1];
  const y = nd(x.shape);
  for (const idx of groups(x.shape, v.over ?? "row")) {
    const mean = idx.reduce((s, i) => s + x.data[i], 0) / idx.length;
    const mv = v.centreVariance ? mean : 0;
    const ss = idx.reduce((s, i) => s + (x.data[i] - mv) ** 2, 0) / (v.unbiased ? idx.length - 1 : idx.length);
    const denom = v.epsOutside ? Math.sqrt(ss) + eps : Math.sqrt(ss + eps);
    for (const i of idx) {
      const xhat = (x.data[i] - (v.centreNumerator ? mean : 0)) / denom;
      const [g, b] = [gamma.data[i % d], beta ? beta.data[i % d] : 0];
      const affine = v.affine ?? "gamma-beta";
      y.data[i] = affine === "gamma-beta" ? xhat * g + b : affine === "beta-gamma" ? xhat * b + g : affine === "gamma-only" ? xhat * g : xhat;
    }
  }
  return y;
}

const LN: Variant = { centreNumerator: true, centreVariance: true };
const RMS: Variant = {};
const ln =
  (v: Variant) =>
  ([x, g, b, eps]: readonly unknown[]) =>
    normVariant(tensorArg(x), tensorArg(g), tensorArg(b), numberArg(eps, 1e-5), { ...LN, ...v });
const rms =
  (v: Variant) =>
  ([x, g, eps]: readonly unknown[]) =>
    normVariant(tensorArg(x), tensorArg(g), undefined, numberArg(eps, 1e-6), { ...RMS, ...v });

const x = (shape: number[], extra: Record<string, unknown> = {}) => ({ kind: "tensor" as const, name: "x", shape, ...extra });
const gamma = (d: number) => ({ kind: "tensor" as const, name: "gamma", shape: [d], shift: 1, scale: 0.5 });
const beta = (d: number) => ({ kind: "tensor" as const, name: "beta", shape: [d], scale: 0.5 });
const omitEps = { kind: "omit" as const, name: "eps" };
const eps = (value: number) => ({ kind: "json" as const, name: "eps", value });

/** Hidden draws: x takes the symbolic shape, γ and β follow its last dimension D. */
const varyX = (dims: Record<string, [number, number]>, shape: string[], json: Record<string, { oneOf: unknown[] }> = {}) => ({
  dims,
  shapes: { x: shape, gamma: ["D"], beta: ["D"] },
  json,
});
const rank3 = varyX({ B: [1, 4], L: [1, 64], D: [2, 64] }, ["B", "L", "D"]);
const rank2 = (rows: [number, number], d: [number, number]) => varyX({ N: rows, D: d }, ["N", "D"]);
const rank4 = varyX({ B: [1, 3], H: [1, 4], L: [1, 16], D: [2, 32] }, ["B", "H", "L", "D"]);

export default defineGrader({
  zh,
  spec: {
    id: "layernorm",
    title: "LayerNorm and RMSNorm",
    points: { exports: 1, forbidden: 0, inputs: 1 },
    cases: [
      {
        id: "ln-basic",
        title: "layerNorm: x [2, 4, 8], default ε",
        fn: "layerNorm",
        seed: 101,
        vary: rank3,
        args: [x([2, 4, 8]), gamma(8), beta(8), omitEps],
        points: 3,
        gradient: { of: null, points: 3 },
      },
      {
        id: "ln-tiny-rows",
        title: "layerNorm: rows with standard deviation 1e-3 (ε = 1e-5 is not negligible)",
        fn: "layerNorm",
        seed: 102,
        vary: rank2([1, 64], [2, 64]),
        args: [x([3, 8], { scale: 1e-3 }), gamma(8), beta(8), omitEps],
        points: 2,
        gradient: { of: null, points: 1 },
      },
      {
        id: "ln-row-scales",
        title: "layerNorm: rank 2, rows 100× apart in scale",
        fn: "layerNorm",
        seed: 103,
        vary: rank2([4, 64], [2, 48]),
        args: [x([4, 6], { rowScales: [1, 10, 0.1, 3] }), gamma(6), beta(6), omitEps],
        points: 2,
        gradient: { of: null, points: 1 },
      },
      {
        id: "ln-eps",
        title: "layerNorm: ε = 0.01 given, rows of variance ~0.01",
        fn: "layerNorm",
        seed: 104,
        vary: varyX({ N: [1, 48], D: [2, 32] }, ["N", "D"], { eps: { oneOf: [0.01, 0.003, 0.03] } }),
        args: [x([3, 5], { scale: 0.1 }), gamma(5), beta(5), eps(0.01)],
        points: 2,
        gradient: { of: null, points: 1 },
      },
      {
        id: "ln-shifted",
        title: "layerNorm: rows with mean 20",
        fn: "layerNorm",
        seed: 105,
        // d ≥ 8: a row of 2 values near 20 can be almost equal, and no float32 solution then gets x − μ right.
        vary: varyX({ B: [1, 4], L: [1, 64], D: [8, 64] }, ["B", "L", "D"]),
        args: [x([2, 3, 16], { shift: 20 }), gamma(16), beta(16), omitEps],
        points: 1,
      },
      {
        id: "ln-rank1",
        title: "layerNorm: rank 1 x [12]",
        fn: "layerNorm",
        seed: 106,
        vary: varyX({ D: [2, 128] }, ["D"]),
        args: [x([12]), gamma(12), beta(12), omitEps],
        points: 1,
        gradient: { of: null, points: 1 },
      },
      {
        id: "ln-hidden",
        title: "layerNorm: x [3, 5, 10]",
        fn: "layerNorm",
        seed: 107,
        vary: rank4,
        visible: false,
        args: [x([3, 5, 10], { scale: 2 }), gamma(10), beta(10), omitEps],
        points: 1,
        gradient: { of: null, points: 1 },
      },
      {
        id: "rms-basic",
        title: "rmsNorm: x [2, 4, 8], default ε",
        fn: "rmsNorm",
        seed: 111,
        vary: rank3,
        args: [x([2, 4, 8]), gamma(8), omitEps],
        points: 3,
        gradient: { of: null, points: 2 },
      },
      {
        id: "rms-tiny-rows",
        title: "rmsNorm: rows of scale 1e-3 (ε = 1e-6 is not negligible)",
        fn: "rmsNorm",
        seed: 112,
        vary: rank2([1, 64], [2, 64]),
        args: [x([3, 8], { scale: 1e-3 }), gamma(8), omitEps],
        points: 2,
        gradient: { of: null, points: 1 },
      },
      {
        id: "rms-shifted",
        title: "rmsNorm: rows with mean 2 (RMSNorm keeps it)",
        fn: "rmsNorm",
        seed: 113,
        vary: rank2([1, 64], [2, 48]),
        args: [x([4, 6], { shift: 2 }), gamma(6), omitEps],
        points: 2,
        gradient: { of: null, points: 1 },
      },
      {
        id: "rms-eps",
        title: "rmsNorm: ε = 0.01 given, rows of scale 0.1",
        fn: "rmsNorm",
        seed: 114,
        vary: varyX({ B: [1, 4], L: [1, 32], D: [2, 32] }, ["B", "L", "D"], { eps: { oneOf: [0.01, 0.003, 0.03] } }),
        args: [x([2, 2, 5], { scale: 0.1 }), gamma(5), eps(0.01)],
        points: 2,
        gradient: { of: null, points: 1 },
      },
      {
        id: "rms-hidden",
        title: "rmsNorm: x [5, 7]",
        fn: "rmsNorm",
        seed: 115,
        vary: rank4,
        visible: false,
        args: [x([5, 7], { scale: 3 }), gamma(7), omitEps],
        points: 1,
        gradient: { of: null, points: 1 },
      },
    ],
    properties: [
      {
        id: "ln-position-wise",
        title: "layerNorm: each row is normalised on its own (changing later rows changes nothing before them)",
        kind: "causal",
        case: "ln-basic",
        points: 1,
        params: { t: 1, perturb: ["x"] },
      },
      {
        id: "ln-scale-invariant",
        title: "layerNorm: multiplying x by 8 leaves the output unchanged",
        kind: "scale-invariant",
        case: "ln-basic",
        points: 1,
        params: { arg: "x", factor: 8 },
      },
      {
        id: "rms-scale-invariant",
        title: "rmsNorm: multiplying x by 8 leaves the output unchanged",
        kind: "scale-invariant",
        case: "rms-basic",
        points: 1,
        params: { arg: "x", factor: 8 },
      },
      {
        id: "rms-position-wise",
        title: "rmsNorm: each row is normalised on its own",
        kind: "causal",
        case: "rms-basic",
        points: 1,
        params: { t: 0, perturb: ["x"] },
      },
    ],
  },
  references: {
    layerNorm: ([x, g, b, e]) => {
      const [xs, gs, bs, eps] = [tensorArg(x), tensorArg(g), tensorArg(b), numberArg(e, 1e-5)];
      return { value: layerNorm(xs, gs, bs, eps), vjp: (c) => ({ ...layerNormVjp(xs, gs, c, eps) }) as Record<string, NdArray> };
    },
    rmsNorm: ([x, g, e]) => {
      const [xs, gs, eps] = [tensorArg(x), tensorArg(g), numberArg(e, 1e-6)];
      return { value: rmsNorm(xs, gs, eps), vjp: (c) => ({ ...rmsNormVjp(xs, gs, c, eps) }) as Record<string, NdArray> };
    },
  },
  bugs: [
    {
      id: "unbiased-variance",
      fn: "layerNorm",
      title: "unbiased variance (divided by d − 1)",
      advice: "LayerNorm divides the squared deviations by d, the number of features (PyTorch's nn.LayerNorm does too); tf.moments does this for you.",
      kernel: ln({ unbiased: true }),
    },
    {
      id: "eps-outside-root",
      fn: "layerNorm",
      title: "ε added outside the square root",
      advice: "Divide by √(var + ε), not √var + ε: the two differ most on rows of small variance, exactly where ε is there to help.",
      kernel: ln({ epsOutside: true }),
    },
    {
      id: "batch-statistics",
      fn: "layerNorm",
      title: "normalised over the batch axis (BatchNorm), not over the features of each token",
      advice: "LayerNorm's mean and variance are per row, over the last axis: reduce with axis −1 and keepDims, never over axis 0.",
      kernel: ln({ over: "all-but-last" }),
      variants: [ln({ over: "axis0" })],
    },
    {
      id: "gamma-beta-swapped",
      fn: "layerNorm",
      title: "γ and β swapped",
      advice: "γ scales the normalised value and β is added: x̂·γ + β.",
      kernel: ln({ affine: "beta-gamma" }),
    },
    {
      id: "affine-missing",
      fn: "layerNorm",
      title: "γ or β not applied",
      advice: "After normalising, multiply by γ and add β, both of shape [d], broadcast over the rows.",
      kernel: ln({ affine: "none" }),
      variants: [ln({ affine: "gamma-only" })],
    },
    {
      id: "mean-not-subtracted",
      fn: "layerNorm",
      title: "the mean is not subtracted",
      advice: "LayerNorm centres each row: (x − mean)/√(var + ε). Only RMSNorm skips the centring.",
      kernel: ln({ centreNumerator: false }),
      variants: [ln({ centreNumerator: false, centreVariance: false })],
    },
    {
      id: "eps-ignored",
      fn: "layerNorm",
      title: "the eps argument is ignored",
      advice: "Use the ε you are given (1e-5 only by default).",
      kernel: ([x, g, b]) => normVariant(tensorArg(x), tensorArg(g), tensorArg(b), 1e-5, LN),
    },
    {
      id: "mean-subtracted",
      fn: "rmsNorm",
      title: "the mean is subtracted (that is LayerNorm, not RMSNorm)",
      advice: "RMSNorm divides x itself by its root mean square √(mean(x²) + ε); it never centres, and has no β.",
      kernel: rms({ centreNumerator: true, centreVariance: true }),
      variants: [rms({ centreNumerator: true }), rms({ centreVariance: true })],
    },
    {
      id: "eps-outside-root",
      fn: "rmsNorm",
      title: "ε added outside the square root",
      advice: "Divide by √(mean(x²) + ε), not √mean(x²) + ε.",
      kernel: rms({ epsOutside: true }),
    },
    { id: "gamma-missing", fn: "rmsNorm", title: "γ not applied", advice: "Multiply the normalised rows by γ (shape [d]).", kernel: rms({ affine: "none" }) },
    {
      id: "batch-statistics",
      fn: "rmsNorm",
      title: "normalised over the batch axis, not over the features of each token",
      advice: "The mean of x² is per row, over the last axis (keepDims), never over axis 0.",
      kernel: rms({ over: "all-but-last" }),
      variants: [rms({ over: "axis0" })],
    },
    {
      id: "eps-ignored",
      fn: "rmsNorm",
      title: "the eps argument is ignored",
      advice: "Use the ε you are given (1e-6 only by default).",
      kernel: ([x, g]) => normVariant(tensorArg(x), tensorArg(g), undefined, 1e-6, RMS),
    },
  ],
});
