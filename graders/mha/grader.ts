/**
 * Grader for multi-head attention: splitHeads, mergeHeads, multiHeadAttention.
 * Distinct data per head and non-symmetric weights make every layout bug visible:
 * a reshape without a transpose mixes positions into heads, x·Wᵀ differs from x·W, and
 * W_K replaced by W_Q changes the scores.
 */
import { defineGrader } from "../engine/grader.js";
import { add, broadcastShapes, broadcastTo, map, matmul, nd, reshape, scale, transpose, transposeLast2, type NdArray } from "../engine/ndarray.js";
import { numberArg, optionalTensorArg, tensorArg, weightsArg, type RefArgs } from "../engine/ref-args.js";
import { blockedRowSoftmax, type BlockedRow } from "../masking/blocked-rows.js";
import { maskedSoftmax } from "../reference/masking.js";
import { mergeHeads, multiHeadAttention, multiHeadAttentionVjp, splitHeads, type MhaWeightsNd } from "../reference/mha.js";
import { softmax } from "../reference/softmax.js";
import zh from "./zh.js";

interface Variant {
  splitNoTranspose?: boolean;
  mergeNoTranspose?: boolean;
  transposeW?: boolean;
  noOutputProjection?: boolean;
  noBiases?: boolean;
  wkIsWq?: boolean;
  headAveraged?: boolean;
  scaleDModel?: boolean;
  softmaxOverHeads?: boolean;
  /** What a query with no open key gets, when not zeros. */
  blockedRow?: BlockedRow;
}

function split(x: NdArray, h: number, noTranspose = false): NdArray {
  const [b, L, d] = x.shape;
  if (d % h !== 0) throw new Error("not divisible");
  return noTranspose ? reshape(x, [b, h, L, d / h]) : transpose(reshape(x, [b, L, h, d / h]), [0, 2, 1, 3]);
}

function merge(x: NdArray, noTranspose = false): NdArray {
  const [b, h, L, dh] = x.shape;
  return noTranspose ? reshape(x, [b, L, h * dh]) : reshape(transpose(x, [0, 2, 1, 3]), [b, L, h * dh]);
}

/** Multi-head attention with one thing done differently — each bug hypothesis is one of these. */
export function mhaVariant(query: NdArray, key: NdArray, value: NdArray, w: MhaWeightsNd, h: number, mask: NdArray | undefined, v: Variant) {
  const linear = (x: NdArray, W: NdArray, b: NdArray | undefined) => {
    const y = matmul(x, v.transposeW ? transposeLast2(W) : W);
    return b && !v.noBiases ? add(y, b) : y;
  };
  const d = query.shape[2];
  const Q = split(linear(query, w.wq, w.bq), h, v.splitNoTranspose);
  const K = split(linear(key, v.wkIsWq ? w.wq : w.wk, v.wkIsWq ? w.bq : w.bk), h, v.splitNoTranspose);
  const V = split(linear(value, w.wv, w.bv), h, v.splitNoTranspose);
  let scores = scale(matmul(Q, transposeLast2(K)), 1 / Math.sqrt(v.scaleDModel ? d : d / h));
  let weights: NdArray;
  if (v.softmaxOverHeads) {
    if (mask) {
      const shape = broadcastShapes(scores.shape, mask.shape);
      const m = broadcastTo(mask, shape);
      scores = map(broadcastTo(scores, shape), (s, i) => (m.data[i] === 0 ? -1e30 : s));
    }
    weights = softmax(scores, 1);
  } else {
    weights = !mask ? softmax(scores, -1) : v.blockedRow ? blockedRowSoftmax(scores, mask, v.blockedRow) : maskedSoftmax(scores, mask);
  }
  const merged = merge(matmul(weights, V), v.mergeNoTranspose);
  const output = v.noOutputProjection ? merged : linear(merged, w.wo, w.bo);
  if (v.headAveraged) {
    const [b, hh, Lq, Lk] = weights.shape;
    const avg = nd([b, Lq, Lk]);
    for (let i = 0; i < weights.data.length; i++) {
      const k = i % Lk;
      const q = Math.floor(i / Lk) % Lq;
      const bb = Math.floor(i / (Lk * Lq * hh));
      avg.data[(bb * Lq + q) * Lk + k] += weights.data[i] / hh;
    }
    return { output, weights: avg };
  }
  return { output, weights };
}

type MhaArgs = [NdArray, NdArray, NdArray, MhaWeightsNd, number, NdArray | undefined];
/** query, key, value, the weights, numHeads and the optional mask. */
const mhaArgs = (a: RefArgs): MhaArgs => [
  tensorArg(a[0]),
  tensorArg(a[1]),
  tensorArg(a[2]),
  weightsArg(a[3], ["wq", "wk", "wv", "wo"]),
  numberArg(a[4]),
  optionalTensorArg(a[5]),
];
const variant = (v: Variant) => (a: RefArgs) => mhaVariant(...mhaArgs(a), v);

const D = 8;
const weightEntries = (withBiases: boolean, d = D) => [
  { kind: "tensor" as const, name: "wq", shape: [d, d], scale: 1 / Math.sqrt(d) },
  { kind: "tensor" as const, name: "wk", shape: [d, d], scale: 1 / Math.sqrt(d) },
  { kind: "tensor" as const, name: "wv", shape: [d, d], scale: 1 / Math.sqrt(d) },
  { kind: "tensor" as const, name: "wo", shape: [d, d], scale: 1 / Math.sqrt(d) },
  ...(withBiases ? (["bq", "bk", "bv", "bo"] as const).map((name) => ({ kind: "tensor" as const, name, shape: [d], scale: 0.5 })) : []),
];

/** The weights of a case that checks the gradient of the attention weights: W_V, W_O and their biases do not reach them. */
const weightsOnlyEntries = () => weightEntries(true).map((e) => ({ ...e, differentiable: !["wv", "wo", "bv", "bo"].includes(e.name) }));
/** The shapes of every weight (and bias) at model width `d` (a dims expression such as "H*DH"), for a case's `vary`. */
function weightShapes(d: string, biases: boolean): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const m of ["wq", "wk", "wv", "wo"]) out[`w.${m}`] = [d, d];
  if (biases) for (const b of ["bq", "bk", "bv", "bo"]) out[`w.${b}`] = [d];
  return out;
}

const VARY_W = weightShapes("H*DH", true);

export default defineGrader({
  zh,
  spec: {
    id: "mha",
    title: "Multi-head attention",
    points: { exports: 1, forbidden: 0, inputs: 1 },
    cases: [
      {
        id: "split-heads",
        title: "splitHeads of [2, 3, 6] into 2 heads",
        fn: "splitHeads",
        seed: 51,
        vary: { dims: { B: [1, 4], L: [1, 24], H: [1, 8], DH: [1, 6] }, shapes: { x: ["B", "L", "H*DH"] }, json: { numHeads: "H" } },
        args: [
          { kind: "tensor", name: "x", shape: [2, 3, 6] },
          { kind: "json", name: "numHeads", value: 2 },
        ],
        points: 2,
        gradient: { of: null, points: 1 },
      },
      {
        id: "merge-heads",
        title: "mergeHeads of [2, 4, 3, 2]",
        fn: "mergeHeads",
        seed: 52,
        vary: { dims: { B: [1, 4], H: [1, 8], L: [1, 24], DH: [1, 6] }, shapes: { x: ["B", "H", "L", "DH"] } },
        args: [{ kind: "tensor", name: "x", shape: [2, 4, 3, 2] }],
        points: 2,
        gradient: { of: null, points: 1 },
      },
      {
        id: "self-attention",
        title: "self-attention, 2 heads, with biases (query = key = value)",
        fn: "multiHeadAttention",
        seed: 53,
        vary: {
          dims: { B: [1, 4], L: [1, 32], H: [1, 8], DH: [1, 4] },
          shapes: {
            query: ["B", "L", "H*DH"],
            ...weightShapes("H*DH", true),
          },
          json: { numHeads: "H" },
        },
        args: [
          { kind: "tensor", name: "query", shape: [2, 4, D] },
          { kind: "alias", name: "key", of: "query" },
          { kind: "alias", name: "value", of: "query" },
          { kind: "weights", name: "w", entries: weightEntries(true) },
          { kind: "json", name: "numHeads", value: 2 },
          { kind: "omit", name: "mask" },
        ],
        points: 3,
        gradient: { of: "output", points: 3 },
      },
      {
        id: "cross-attention",
        title: "cross-attention, 4 heads, Lq = 3, Lk = 5, padding mask [2, 1, 1, 5]",
        fn: "multiHeadAttention",
        seed: 54,
        vary: {
          dims: { B: [1, 4], Lq: [1, 16], Lk: [1, 48], H: [1, 8], DH: [1, 4] },
          shapes: {
            query: ["B", "Lq", "H*DH"],
            key: ["B", "Lk", "H*DH"],
            mask: ["B", 1, 1, "Lk"],
            ...weightShapes("H*DH", true),
          },
          json: { numHeads: "H" },
        },
        args: [
          { kind: "tensor", name: "query", shape: [2, 3, D] },
          { kind: "tensor", name: "key", shape: [2, 5, D] },
          { kind: "alias", name: "value", of: "key" },
          { kind: "weights", name: "w", entries: weightEntries(true) },
          { kind: "json", name: "numHeads", value: 4 },
          { kind: "mask", name: "mask", shape: [2, 1, 1, 5], pattern: "padding", lengths: [5, 2] },
        ],
        points: 3,
        gradient: { of: "output", points: 2 },
      },
      {
        id: "one-head-no-biases",
        title: "one head, separate query/key/value, no biases",
        fn: "multiHeadAttention",
        seed: 55,
        vary: {
          dims: { B: [1, 4], Lq: [1, 16], Lk: [1, 48], DH: [1, 12] },
          shapes: {
            query: ["B", "Lq", "DH"],
            key: ["B", "Lk", "DH"],
            value: ["B", "Lk", "DH"],
            ...weightShapes("DH", true),
          },
        },
        args: [
          { kind: "tensor", name: "query", shape: [1, 3, D] },
          { kind: "tensor", name: "key", shape: [1, 4, D] },
          { kind: "tensor", name: "value", shape: [1, 4, D] },
          { kind: "weights", name: "w", entries: weightEntries(false) },
          { kind: "json", name: "numHeads", value: 1 },
          { kind: "omit", name: "mask" },
        ],
        points: 2,
        gradient: { of: "output", points: 1 },
      },
      {
        id: "causal",
        title: "causal self-attention, 2 heads, mask [4, 4]",
        fn: "multiHeadAttention",
        seed: 56,
        vary: {
          dims: { B: [1, 4], L: [5, 64], H: [1, 8], DH: [1, 4] },
          shapes: {
            query: ["B", "L", "H*DH"],
            mask: ["L", "L"],
            ...weightShapes("H*DH", true),
          },
          json: { numHeads: "H" },
        },
        args: [
          { kind: "tensor", name: "query", shape: [2, 4, D] },
          { kind: "alias", name: "key", of: "query" },
          { kind: "alias", name: "value", of: "query" },
          { kind: "weights", name: "w", entries: weightEntries(true) },
          { kind: "json", name: "numHeads", value: 2 },
          { kind: "mask", name: "mask", shape: [4, 4], pattern: "causal" },
        ],
        points: 2,
        gradient: { of: "output", points: 1 },
      },
      {
        id: "fully-masked-row",
        title: "self-attention with mask [2, 1, 5, 5] where query 2 sees no key: zeros there, gradients finite",
        fn: "multiHeadAttention",
        seed: 58,
        vary: {
          dims: { B: [1, 4], L: [3, 40], H: [1, 8], DH: [1, 4] },
          shapes: { query: ["B", "L", "H*DH"], mask: ["B", 1, "L", "L"], ...VARY_W },
          json: { numHeads: "H" },
        },
        args: [
          { kind: "tensor", name: "query", shape: [2, 5, D] },
          { kind: "alias", name: "key", of: "query" },
          { kind: "alias", name: "value", of: "query" },
          { kind: "weights", name: "w", entries: weightEntries(true) },
          { kind: "json", name: "numHeads", value: 2 },
          { kind: "mask", name: "mask", shape: [2, 1, 5, 5], pattern: "random", p: 0.3, blockedRows: [2] },
        ],
        points: 2,
        gradient: { of: "output", points: 2 },
      },
      {
        id: "weights-gradient",
        title: "the gradient of the weights [b, h, Lq, Lk] too: cross-attention, 4 heads, mask [5] of rank 1",
        fn: "multiHeadAttention",
        seed: 59,
        vary: {
          dims: { B: [1, 4], Lq: [1, 16], Lk: [2, 40], H: [1, 8], DH: [1, 4] },
          shapes: { query: ["B", "Lq", "H*DH"], key: ["B", "Lk", "H*DH"], value: ["B", "Lk", "H*DH"], mask: ["Lk"], ...VARY_W },
          json: { numHeads: "H" },
        },
        args: [
          { kind: "tensor", name: "query", shape: [2, 3, D] },
          { kind: "tensor", name: "key", shape: [2, 5, D] },
          // The weights do not depend on the values: tf.grad would refuse a leaf outside the graph.
          { kind: "tensor", name: "value", shape: [2, 5, D], differentiable: false },
          { kind: "weights", name: "w", entries: weightsOnlyEntries() },
          { kind: "json", name: "numHeads", value: 4 },
          { kind: "mask", name: "mask", shape: [5], pattern: "random", p: 0.4 },
        ],
        points: 1,
        gradient: { of: "weights", points: 2 },
      },
      {
        id: "not-divisible",
        title: "d = 6 with 4 heads must throw",
        fn: "multiHeadAttention",
        seed: 57,
        expect: "throws",
        args: [
          { kind: "tensor", name: "query", shape: [1, 2, 6] },
          { kind: "alias", name: "key", of: "query" },
          { kind: "alias", name: "value", of: "query" },
          { kind: "weights", name: "w", entries: weightEntries(false, 6) },
          { kind: "json", name: "numHeads", value: 4 },
          { kind: "omit", name: "mask" },
        ],
        points: 1,
      },
    ],
    properties: [
      {
        id: "masked-exactly-zero",
        title: "Padded keys get exactly zero weight in every head",
        kind: "masked-exactly-zero",
        case: "cross-attention",
        points: 1,
        params: { mask: "mask", field: "weights" },
      },
      {
        id: "causal",
        title: "Under a causal mask, the output at t does not depend on inputs after t",
        kind: "causal",
        case: "causal",
        points: 1,
        params: { t: 1, perturb: ["query"], field: "output" },
      },
    ],
  },
  references: {
    splitHeads: ([x, h]) => ({
      value: splitHeads(tensorArg(x), numberArg(h)),
      vjp: (c) => ({ x: mergeHeads(c) }),
    }),
    mergeHeads: ([x]) => ({
      value: mergeHeads(tensorArg(x)),
      vjp: (c) => ({ x: splitHeads(c, tensorArg(x).shape[1]) }),
    }),
    multiHeadAttention: (a) => {
      const [query, key, value, w, h, mask] = mhaArgs(a);
      return {
        value: multiHeadAttention(query, key, value, w, h, mask),
        vjp: (c, field) => {
          const g =
            field === "weights"
              ? multiHeadAttentionVjp(query, key, value, w, h, mask, nd([...query.shape]), c)
              : multiHeadAttentionVjp(query, key, value, w, h, mask, c);
          const weights = { wq: g.dwq, wk: g.dwk, wv: g.dwv, wo: g.dwo, bq: g.dbq, bk: g.dbk, bv: g.dbv, bo: g.dbo };
          const grads: Record<string, NdArray> = { query: g.dquery, key: g.dkey, value: g.dvalue };
          for (const [name, gw] of Object.entries(weights)) if (gw) grads[`w.${name}`] = gw;
          return grads;
        },
      };
    },
  },
  bugs: [
    {
      id: "masked-row-not-zero",
      fn: "multiHeadAttention",
      title: "a query whose every key is masked gets weights that are not zero (uniform, or a softmax of its raw scores)",
      advice:
        "A finite fill (−1e9, the most negative float) puts every score of a fully-masked row at one value, so the softmax spreads that query's attention evenly over keys it may not see; an additive fill leaves the raw softmax. Such a row must be all zeros in every head: multiply the exponentials by the mask and divide by max(sum, tiny).",
      kernel: variant({ blockedRow: "uniform" }),
      variants: [variant({ blockedRow: "raw" })],
    },
    {
      id: "fill-minus-inf-nan",
      fn: "multiHeadAttention",
      title: "−∞ fill: a query whose every key is masked gets NaN",
      advice:
        "With every score at −∞ the row max is −∞ and −∞ − (−∞) = NaN, which then spreads through W_O to the whole output row. Use a finite fill and make the fully-masked row zeros.",
      kernel: variant({ blockedRow: "nan" }),
    },
    {
      id: "split-no-transpose",
      fn: "splitHeads",
      title: "heads split by a reshape alone, without the transpose",
      advice: "Reshape [b, L, d] to [b, L, h, d/h] first, then transpose to [b, h, L, d/h]; reshaping straight to [b, h, L, d/h] mixes positions into heads.",
      kernel: ([x, h]) => split(tensorArg(x), numberArg(h), true),
    },
    {
      id: "merge-no-transpose",
      fn: "mergeHeads",
      title: "heads merged by a reshape alone, without the transpose",
      advice: "Transpose [b, h, L, d/h] back to [b, L, h, d/h] before reshaping to [b, L, d].",
      kernel: ([x]) => merge(tensorArg(x), true),
    },
    {
      id: "split-no-transpose",
      fn: "multiHeadAttention",
      title: "heads split by a reshape alone, without the transpose",
      advice: "Reshape to [b, L, h, d/h], then transpose to [b, h, L, d/h].",
      kernel: variant({ splitNoTranspose: true }),
    },
    {
      id: "merge-no-transpose",
      fn: "multiHeadAttention",
      title: "heads merged by a reshape alone, without the transpose",
      advice: "Transpose [b, h, L, d/h] to [b, L, h, d/h] before the final reshape.",
      kernel: variant({ mergeNoTranspose: true }),
    },
    {
      id: "x-w-transposed",
      fn: "multiHeadAttention",
      title: "projections computed as x·Wᵀ",
      advice: "The contract stores W as [d_in, d_out] and applies x·W + b (tf.matMul(x, W)), not the PyTorch nn.Linear layout x·Wᵀ.",
      kernel: variant({ transposeW: true }),
    },
    {
      id: "no-output-projection",
      fn: "multiHeadAttention",
      title: "the output projection W_O is missing",
      advice: "After merging the heads, apply W_O and b_O: the heads' outputs are mixed by that final linear map.",
      kernel: variant({ noOutputProjection: true }),
    },
    {
      id: "no-biases",
      fn: "multiHeadAttention",
      title: "the biases are ignored",
      advice: "When w.bq, w.bk, w.bv, w.bo are given, add them: x·W + b.",
      kernel: variant({ noBiases: true }),
    },
    {
      id: "wk-is-wq",
      fn: "multiHeadAttention",
      title: "W_K replaced by W_Q",
      advice: "Keys use their own projection W_K (and b_K); with W_Q for both, the score matrix of self-attention becomes symmetric.",
      kernel: variant({ wkIsWq: true }),
    },
    {
      id: "head-averaged-weights",
      fn: "multiHeadAttention",
      title: "attention weights averaged over heads",
      advice: "Return every head's weights, shape [b, h, Lq, Lk]; averaging hides what each head does.",
      kernel: variant({ headAveraged: true }),
    },
    {
      id: "scale-d-model",
      fn: "multiHeadAttention",
      title: "scaled by √d_model instead of √(d_model / h)",
      advice: "Each head's dot products have length d_k = d_model / h, so divide by √d_k.",
      kernel: variant({ scaleDModel: true }),
    },
    {
      id: "softmax-over-heads",
      fn: "multiHeadAttention",
      title: "softmax over the heads axis",
      advice: "Normalise over keys (the last axis of [b, h, Lq, Lk]), within each head.",
      kernel: variant({ softmaxOverHeads: true }),
    },
    {
      id: "no-divisibility-check",
      fn: "multiHeadAttention",
      title: "no error when d is not divisible by numHeads",
      advice: "Throw an Error when d % numHeads ≠ 0 instead of silently truncating the head size.",
      missingThrow: true,
    },
  ],
});
