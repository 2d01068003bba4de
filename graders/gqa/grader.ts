/**
 * Grader for grouped-query attention. Two configurations where the head order matters
 * (4 query heads over 2 KV heads, 6 over 3), plain MHA (as many KV heads as query heads), MQA
 * (one KV head), masks, gradients for every weight, and both divisibility errors.
 */
import { defineGrader } from "../engine/grader.js";
import { add, matmul, nd, scale, transposeLast2, type NdArray } from "../engine/ndarray.js";
import { numberArg, optionalTensorArg, tensorArg, weightsArg, type RefArgs } from "../engine/ref-args.js";
import { checkGqaHeads, groupedQueryAttention, groupedQueryAttentionVjp, kvHeadOf, repeatKv } from "../reference/gqa.js";
import { blockedRowSoftmax, type BlockedRow } from "../masking/blocked-rows.js";
import { maskedSoftmax } from "../reference/masking.js";
import { mergeHeads, splitHeads, type MhaWeightsNd } from "../reference/mha.js";
import { softmax } from "../reference/softmax.js";
import zh from "./zh.js";

interface Variant {
  tiled?: boolean;
  scaleDModel?: boolean;
  noOutputProjection?: boolean;
  noBiases?: boolean;
  ignoreMask?: boolean;
  /** What a query with no open key gets, when not zeros. */
  blockedRow?: BlockedRow;
}

type GqaArgs = [NdArray, NdArray, NdArray, MhaWeightsNd, number, number, NdArray | undefined];
/** query, key, value, the weights, numHeads, numKvHeads and the optional mask. */
const gqaArgs = (a: RefArgs): GqaArgs => [
  tensorArg(a[0]),
  tensorArg(a[1]),
  tensorArg(a[2]),
  weightsArg(a[3], ["wq", "wk", "wv", "wo"]),
  numberArg(a[4]),
  numberArg(a[5]),
  optionalTensorArg(a[6]),
];

/** Grouped-query attention with one thing done differently — each bug hypothesis is one of these. */
export function gqaVariant(...[query, key, value, w, h, hkv, mask, v]: [...GqaArgs, Variant]) {
  checkGqaHeads(w.wq.shape[1], h, hkv);
  const linear = (x: NdArray, W: NdArray, b: NdArray | undefined) => (b && !v.noBiases ? add(matmul(x, W), b) : matmul(x, W));
  const d = w.wq.shape[1];
  const head = (j: number) => (v.tiled ? j % hkv : kvHeadOf(j, h, hkv));
  const Q = splitHeads(linear(query, w.wq, w.bq), h);
  const K = repeatKv(splitHeads(linear(key, w.wk, w.bk), hkv), h, head);
  const V = repeatKv(splitHeads(linear(value, w.wv, w.bv), hkv), h, head);
  const scores = scale(matmul(Q, transposeLast2(K)), 1 / Math.sqrt(v.scaleDModel ? d : d / h));
  const weights = !mask || v.ignoreMask ? softmax(scores, -1) : v.blockedRow ? blockedRowSoftmax(scores, mask, v.blockedRow) : maskedSoftmax(scores, mask);
  const merged = mergeHeads(matmul(weights, V));
  return { output: v.noOutputProjection ? merged : linear(merged, w.wo, w.bo), weights };
}

const variant = (v: Variant) => (a: RefArgs) => gqaVariant(...gqaArgs(a), v);

/** wq, wo [d, d]; wk, wv [d, hkv·d/h]; biases to match. */
const weightEntries = (d: number, h: number, hkv: number, withBiases: boolean) => {
  const dkv = (d / h) * hkv;
  const s = 1 / Math.sqrt(d);
  return [
    { kind: "tensor" as const, name: "wq", shape: [d, d], scale: s },
    { kind: "tensor" as const, name: "wk", shape: [d, dkv], scale: s },
    { kind: "tensor" as const, name: "wv", shape: [d, dkv], scale: s },
    { kind: "tensor" as const, name: "wo", shape: [d, d], scale: s },
    ...(withBiases
      ? [
          { kind: "tensor" as const, name: "bq", shape: [d], scale: 0.5 },
          { kind: "tensor" as const, name: "bk", shape: [dkv], scale: 0.5 },
          { kind: "tensor" as const, name: "bv", shape: [dkv], scale: 0.5 },
          { kind: "tensor" as const, name: "bo", shape: [d], scale: 0.5 },
        ]
      : []),
  ];
};

type Range = [number, number];
/**
 * Hidden draws: numKvHeads (HKV) and the group size (G) are drawn, numHeads = G·HKV, so the
 * head counts always divide; the head width DH, batch and lengths too. `tensors` gives the
 * symbolic shape of each tensor argument other than the weights.
 */
const varyGqa = (dims: Record<string, Range>, tensors: Record<string, (string | number)[]>, withBiases: boolean) => ({
  dims: { B: [1, 4] as Range, DH: [1, 4] as Range, ...dims },
  shapes: {
    ...tensors,
    "w.wq": ["G*HKV*DH", "G*HKV*DH"],
    "w.wk": ["G*HKV*DH", "HKV*DH"],
    "w.wv": ["G*HKV*DH", "HKV*DH"],
    "w.wo": ["G*HKV*DH", "G*HKV*DH"],
    ...(withBiases ? { "w.bq": ["G*HKV*DH"], "w.bk": ["HKV*DH"], "w.bv": ["HKV*DH"], "w.bo": ["G*HKV*DH"] } : {}),
  },
  json: { numHeads: "G*HKV", numKvHeads: "HKV" },
});

const heads = (h: number, hkv: number) => [
  { kind: "json" as const, name: "numHeads", value: h },
  { kind: "json" as const, name: "numKvHeads", value: hkv },
];

export default defineGrader({
  zh,
  spec: {
    id: "gqa",
    title: "Grouped-query attention",
    points: { exports: 1, forbidden: 0, inputs: 1 },
    cases: [
      {
        id: "groups-of-two",
        title: "self-attention, 4 query heads over 2 KV heads, with biases",
        fn: "groupedQueryAttention",
        seed: 301,
        vary: varyGqa({ G: [2, 4], HKV: [1, 4], L: [1, 40] }, { query: ["B", "L", "G*HKV*DH"] }, true),
        args: [
          { kind: "tensor", name: "query", shape: [2, 4, 8] },
          { kind: "alias", name: "key", of: "query" },
          { kind: "alias", name: "value", of: "query" },
          { kind: "weights", name: "w", entries: weightEntries(8, 4, 2, true) },
          ...heads(4, 2),
          { kind: "omit", name: "mask" },
        ],
        points: 3,
        gradient: { of: "output", points: 3 },
      },
      {
        id: "cross-padding",
        title: "cross-attention, 6 query heads over 3 KV heads, Lq = 3, Lk = 5, padding mask [2, 1, 1, 5]",
        fn: "groupedQueryAttention",
        seed: 302,
        vary: varyGqa(
          { G: [1, 4], HKV: [1, 4], Lq: [1, 16], Lk: [2, 48] },
          { query: ["B", "Lq", "G*HKV*DH"], key: ["B", "Lk", "G*HKV*DH"], mask: ["B", 1, 1, "Lk"] },
          true,
        ),
        args: [
          { kind: "tensor", name: "query", shape: [2, 3, 12] },
          { kind: "tensor", name: "key", shape: [2, 5, 12] },
          { kind: "alias", name: "value", of: "key" },
          { kind: "weights", name: "w", entries: weightEntries(12, 6, 3, true) },
          ...heads(6, 3),
          { kind: "mask", name: "mask", shape: [2, 1, 1, 5], pattern: "padding", lengths: [5, 3] },
        ],
        points: 3,
        gradient: { of: "output", points: 2 },
      },
      {
        id: "equals-mha",
        title: "numKvHeads = numHeads = 2: plain multi-head attention, no biases",
        fn: "groupedQueryAttention",
        seed: 303,
        vary: varyGqa(
          { G: [1, 1], HKV: [1, 8], Lq: [1, 16], Lk: [1, 40] },
          { query: ["B", "Lq", "G*HKV*DH"], key: ["B", "Lk", "G*HKV*DH"], value: ["B", "Lk", "G*HKV*DH"] },
          false,
        ),
        args: [
          { kind: "tensor", name: "query", shape: [1, 3, 8] },
          { kind: "tensor", name: "key", shape: [1, 4, 8] },
          { kind: "tensor", name: "value", shape: [1, 4, 8] },
          { kind: "weights", name: "w", entries: weightEntries(8, 2, 2, false) },
          ...heads(2, 2),
          { kind: "omit", name: "mask" },
        ],
        points: 2,
        gradient: { of: "output", points: 1 },
      },
      {
        id: "multi-query-causal",
        title: "multi-query attention (one KV head for 4 query heads), causal mask [4, 4]",
        fn: "groupedQueryAttention",
        seed: 304,
        vary: varyGqa({ G: [2, 8], HKV: [1, 1], L: [5, 64] }, { query: ["B", "L", "G*HKV*DH"], mask: ["L", "L"] }, true),
        args: [
          { kind: "tensor", name: "query", shape: [2, 4, 8] },
          { kind: "alias", name: "key", of: "query" },
          { kind: "alias", name: "value", of: "query" },
          { kind: "weights", name: "w", entries: weightEntries(8, 4, 1, true) },
          ...heads(4, 1),
          { kind: "mask", name: "mask", shape: [4, 4], pattern: "causal" },
        ],
        points: 2,
        gradient: { of: "output", points: 1 },
      },
      {
        id: "groups-of-three-hidden",
        title: "6 query heads over 2 KV heads, random mask",
        fn: "groupedQueryAttention",
        seed: 305,
        vary: varyGqa({ G: [2, 3], HKV: [1, 3], L: [2, 40] }, { query: ["B", "L", "G*HKV*DH"], mask: ["B", 1, "L", "L"] }, true),
        visible: false,
        args: [
          { kind: "tensor", name: "query", shape: [1, 5, 12] },
          { kind: "alias", name: "key", of: "query" },
          { kind: "alias", name: "value", of: "query" },
          { kind: "weights", name: "w", entries: weightEntries(12, 6, 2, true) },
          ...heads(6, 2),
          { kind: "mask", name: "mask", shape: [1, 1, 5, 5], pattern: "random", p: 0.3 },
        ],
        points: 2,
        gradient: { of: "output", points: 1 },
      },
      {
        id: "fully-masked-row",
        title: "4 query heads over 2 KV heads, mask [2, 1, 5, 5] where query 3 sees no key: zeros there, gradients finite",
        fn: "groupedQueryAttention",
        seed: 308,
        vary: varyGqa({ G: [1, 4], HKV: [1, 4], L: [4, 40] }, { query: ["B", "L", "G*HKV*DH"], mask: ["B", 1, "L", "L"] }, true),
        args: [
          { kind: "tensor", name: "query", shape: [2, 5, 8] },
          { kind: "alias", name: "key", of: "query" },
          { kind: "alias", name: "value", of: "query" },
          { kind: "weights", name: "w", entries: weightEntries(8, 4, 2, true) },
          ...heads(4, 2),
          { kind: "mask", name: "mask", shape: [2, 1, 5, 5], pattern: "random", p: 0.3, blockedRows: [3] },
        ],
        points: 2,
        gradient: { of: "output", points: 2 },
      },
      {
        id: "weights-gradient",
        title: "the gradient of the weights [b, h, Lq, Lk] too: 6 query heads over 2 KV heads, mask [4, 6] of rank 2",
        fn: "groupedQueryAttention",
        seed: 309,
        vary: varyGqa(
          { G: [1, 4], HKV: [1, 4], Lq: [1, 16], Lk: [2, 40] },
          { query: ["B", "Lq", "G*HKV*DH"], key: ["B", "Lk", "G*HKV*DH"], value: ["B", "Lk", "G*HKV*DH"], mask: ["Lq", "Lk"] },
          true,
        ),
        args: [
          { kind: "tensor", name: "query", shape: [2, 4, 12] },
          { kind: "tensor", name: "key", shape: [2, 6, 12] },
          // The weights do not depend on the values, W_V or W_O: tf.grad would refuse leaves outside the graph.
          { kind: "tensor", name: "value", shape: [2, 6, 12], differentiable: false },
          {
            kind: "weights",
            name: "w",
            entries: weightEntries(12, 6, 2, true).map((e) => ({ ...e, differentiable: !["wv", "wo", "bv", "bo"].includes(e.name) })),
          },
          ...heads(6, 2),
          { kind: "mask", name: "mask", shape: [4, 6], pattern: "random", p: 0.3 },
        ],
        points: 1,
        gradient: { of: "weights", points: 2 },
      },
      {
        id: "heads-not-divisible",
        title: "4 query heads over 3 KV heads must throw",
        fn: "groupedQueryAttention",
        seed: 306,
        expect: "throws",
        args: [
          { kind: "tensor", name: "query", shape: [1, 2, 12] },
          { kind: "alias", name: "key", of: "query" },
          { kind: "alias", name: "value", of: "query" },
          { kind: "weights", name: "w", entries: weightEntries(12, 4, 3, false) },
          ...heads(4, 3),
          { kind: "omit", name: "mask" },
        ],
        points: 1,
      },
      {
        id: "d-not-divisible",
        title: "d = 6 with 4 query heads (over 2 KV heads) must throw",
        fn: "groupedQueryAttention",
        seed: 307,
        expect: "throws",
        args: [
          { kind: "tensor", name: "query", shape: [1, 2, 6] },
          { kind: "alias", name: "key", of: "query" },
          { kind: "alias", name: "value", of: "query" },
          {
            kind: "weights",
            name: "w",
            entries: ["wq", "wk", "wv", "wo"].map((name) => ({ kind: "tensor" as const, name, shape: [6, 6] })),
          },
          ...heads(4, 2),
          { kind: "omit", name: "mask" },
        ],
        points: 1,
      },
    ],
    properties: [
      {
        id: "masked-exactly-zero",
        title: "Padded keys get exactly zero weight in every query head",
        kind: "masked-exactly-zero",
        case: "cross-padding",
        points: 1,
        params: { mask: "mask", field: "weights" },
      },
      {
        id: "causal",
        title: "Under a causal mask, the output at t does not depend on inputs after t",
        kind: "causal",
        case: "multi-query-causal",
        points: 1,
        params: { t: 1, perturb: ["query"], field: "output" },
      },
    ],
  },
  references: {
    groupedQueryAttention: (a) => {
      const [query, key, value, w, h, hkv, mask] = gqaArgs(a);
      return {
        value: groupedQueryAttention(query, key, value, w, h, hkv, mask),
        vjp: (c, field) => {
          const g =
            field === "weights"
              ? groupedQueryAttentionVjp(query, key, value, w, h, hkv, mask, nd([...query.shape]), c)
              : groupedQueryAttentionVjp(query, key, value, w, h, hkv, mask, c);
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
      fn: "groupedQueryAttention",
      title: "a query whose every key is masked gets weights that are not zero (uniform, or a softmax of its raw scores)",
      advice:
        "A finite fill (−1e9, the most negative float) puts every score of a fully-masked row at one value, so the softmax spreads that query's attention evenly over keys it may not see; an additive fill leaves the raw softmax. Such a row must be all zeros in every query head: multiply the exponentials by the mask and divide by max(sum, tiny).",
      kernel: variant({ blockedRow: "uniform" }),
      variants: [variant({ blockedRow: "raw" })],
    },
    {
      id: "fill-minus-inf-nan",
      fn: "groupedQueryAttention",
      title: "−∞ fill: a query whose every key is masked gets NaN",
      advice:
        "With every score at −∞ the row max is −∞ and −∞ − (−∞) = NaN, which then spreads through W_O to the whole output row. Use a finite fill and make the fully-masked row zeros.",
      kernel: variant({ blockedRow: "nan" }),
    },
    {
      id: "kv-heads-tiled",
      fn: "groupedQueryAttention",
      title: "KV heads repeated by tiling (0, 1, 0, 1) instead of repeat-interleave (0, 0, 1, 1)",
      advice:
        "Query head j uses KV head ⌊j·numKvHeads/numHeads⌋: each KV head serves a block of consecutive query heads. tf.tile on the head axis cycles through the KV heads instead; insert an axis after the heads and broadcast along it (LLaMA's repeat_kv), or tf.gather with the right indices.",
      kernel: variant({ tiled: true }),
    },
    {
      id: "scale-d-model",
      fn: "groupedQueryAttention",
      title: "scaled by √d_model instead of √d_h",
      advice: "Every head, query or key/value, has width d_h = d / numHeads: divide the scores by √d_h.",
      kernel: variant({ scaleDModel: true }),
    },
    {
      id: "no-output-projection",
      fn: "groupedQueryAttention",
      title: "the output projection W_O is missing",
      advice: "After merging the query heads back to [b, Lq, d], apply W_O and b_O.",
      kernel: variant({ noOutputProjection: true }),
    },
    {
      id: "no-biases",
      fn: "groupedQueryAttention",
      title: "the biases are ignored",
      advice: "When w.bq, w.bk, w.bv, w.bo are given, add them: x·W + b (bk and bv have numKvHeads·d_h entries).",
      kernel: variant({ noBiases: true }),
    },
    {
      id: "ignores-mask",
      fn: "groupedQueryAttention",
      title: "the mask is not applied",
      advice: "Pass the mask to the attention of every query head: it broadcasts against [b, h, Lq, Lk].",
      kernel: variant({ ignoreMask: true }),
    },
    {
      id: "no-divisibility-check",
      fn: "groupedQueryAttention",
      title: "no error when numHeads is not divisible by numKvHeads (or d by numHeads)",
      advice: "Check both before any work and throw an Error: with 4 query heads over 3 KV heads the groups cannot be equal.",
      missingThrow: true,
    },
  ],
});
