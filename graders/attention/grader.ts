/**
 * Grader for scaled dot-product attention. Cross-attention shapes (Lq ≠ Lk, d_k ≠ d_v)
 * separate the scale bugs (√d_k vs d_k vs √d_v); a square k (Lk = d_k) catches a missing
 * transpose; scores in the thousands expose a −1000 fill.
 */
import { defineGrader } from "../engine/grader.js";
import { broadcastShapes, broadcastTo, map, matmul, nd, scale, transposeLast2, type NdArray } from "../engine/ndarray.js";
import { optionalTensorArg, tensorArg, type RefArgs } from "../engine/ref-args.js";
import { scaledDotProductAttention, scaledDotProductAttentionVjp } from "../reference/attention.js";
import { maskedSoftmax } from "../reference/masking.js";
import { blockedRowSoftmax, type BlockedRow } from "../masking/blocked-rows.js";
import { softmax } from "../reference/softmax.js";
import zh from "./zh.js";

interface Variant {
  /** Multiplier of q·kᵀ given d_k, d_v and the query and key lengths. */
  scale?: (dk: number, dv: number, lq: number, lk: number) => number;
  /** Axis of the softmax over the scores [..., Lq, Lk]. */
  softmaxAxis?: -1 | -2;
  /** How blocked scores are treated before the softmax (a fill of −1000 or −1e4, replacing or added). */
  mask?: "correct" | "inverted" | "fill-1000" | "add-1000" | "fill-1e4" | "add-1e4";
  /** What a row with every key blocked becomes, when not zeros. */
  blockedRow?: BlockedRow;
}

const FILLS = { "fill-1000": () => -1000, "add-1000": (x: number) => x - 1000, "fill-1e4": () => -1e4, "add-1e4": (x: number) => x - 1e4 };

/** Attention with one thing done differently — each bug hypothesis is one of these. */
export function attentionVariant(q: NdArray, k: NdArray, v: NdArray, mask: NdArray | undefined, variant: Variant) {
  const dk = q.shape[q.shape.length - 1];
  const dv = v.shape[v.shape.length - 1];
  const s = (variant.scale ?? ((d) => 1 / Math.sqrt(d)))(dk, dv, q.shape[q.shape.length - 2], k.shape[k.shape.length - 2]);
  let scores = scale(matmul(q, transposeLast2(k)), s);
  let weights: NdArray;
  if (!mask) {
    weights = softmax(scores, variant.softmaxAxis ?? -1);
  } else {
    const shape = broadcastShapes(scores.shape, mask.shape);
    scores = broadcastTo(scores, shape);
    const m = broadcastTo(mask, shape);
    switch (variant.mask ?? "correct") {
      case "correct":
        if (variant.softmaxAxis === -2)
          weights = softmax(
            map(scores, (x, i) => (m.data[i] === 0 ? -1e30 : x)),
            -2,
          );
        else weights = variant.blockedRow ? blockedRowSoftmax(scores, m, variant.blockedRow) : maskedSoftmax(scores, m);
        break;
      case "inverted":
        weights = maskedSoftmax(
          scores,
          map(m, (x) => (x === 0 ? 1 : 0)),
        );
        break;
      default: {
        const fill = FILLS[variant.mask as keyof typeof FILLS];
        weights = softmax(
          map(scores, (x, i) => (m.data[i] === 0 ? fill(x) : x)),
          -1,
        );
      }
    }
  }
  return { output: matmul(weights, v), weights };
}

/** q, k, v and the optional mask. */
const args4 = (a: RefArgs): [NdArray, NdArray, NdArray, NdArray | undefined] => [tensorArg(a[0]), tensorArg(a[1]), tensorArg(a[2]), optionalTensorArg(a[3])];
const variant = (v: Variant) => (a: RefArgs) => attentionVariant(...args4(a), v);

export default defineGrader({
  zh,
  spec: {
    id: "attention",
    title: "Scaled dot-product attention",
    points: { exports: 1, forbidden: 0, inputs: 1 },
    cases: [
      {
        id: "self-attention",
        title: "q, k, v [2, 4, 8], no mask",
        fn: "scaledDotProductAttention",
        seed: 41,
        vary: { dims: { B: [1, 4], L: [1, 64], DK: [1, 16], DV: [1, 16] }, shapes: { q: ["B", "L", "DK"], k: ["B", "L", "DK"], v: ["B", "L", "DV"] } },
        args: [
          { kind: "tensor", name: "q", shape: [2, 4, 8] },
          { kind: "tensor", name: "k", shape: [2, 4, 8] },
          { kind: "tensor", name: "v", shape: [2, 4, 8] },
          { kind: "omit", name: "mask" },
        ],
        points: 2,
        gradient: { of: "output", points: 2 },
      },
      {
        id: "cross-attention",
        title: "cross-attention: Lq = 3, Lk = 6, d_k = 4, d_v = 7",
        fn: "scaledDotProductAttention",
        seed: 42,
        vary: {
          dims: { B: [1, 4], Lq: [1, 24], Lk: [1, 64], DK: [1, 16], DV: [1, 16] },
          shapes: { q: ["B", "Lq", "DK"], k: ["B", "Lk", "DK"], v: ["B", "Lk", "DV"] },
        },
        args: [
          { kind: "tensor", name: "q", shape: [2, 3, 4], scale: 1.5 },
          { kind: "tensor", name: "k", shape: [2, 6, 4], scale: 1.5 },
          { kind: "tensor", name: "v", shape: [2, 6, 7] },
          { kind: "omit", name: "mask" },
        ],
        points: 3,
        gradient: { of: "output", points: 2 },
      },
      {
        id: "square-k",
        title: "a square k (Lk = d_k = 4): a missing transpose still runs",
        fn: "scaledDotProductAttention",
        seed: 43,
        vary: {
          dims: { B: [1, 4], Lq: [1, 24], Lk: [1, 64], DK: [1, 16], DV: [1, 16] },
          shapes: { q: ["B", "Lq", "DK"], k: ["B", "Lk", "DK"], v: ["B", "Lk", "DV"] },
        },
        args: [
          { kind: "tensor", name: "q", shape: [1, 3, 4] },
          { kind: "tensor", name: "k", shape: [1, 4, 4] },
          { kind: "tensor", name: "v", shape: [1, 4, 2] },
          { kind: "omit", name: "mask" },
        ],
        points: 2,
        gradient: { of: "output", points: 1 },
      },
      {
        id: "padding-mask",
        title: "padding mask [2, 1, 6] over keys (lengths 6 and 3)",
        fn: "scaledDotProductAttention",
        seed: 44,
        vary: {
          dims: { B: [1, 4], Lq: [1, 24], Lk: [1, 64], DK: [1, 16], DV: [1, 16] },
          shapes: { q: ["B", "Lq", "DK"], k: ["B", "Lk", "DK"], v: ["B", "Lk", "DV"], mask: ["B", 1, "Lk"] },
        },
        args: [
          { kind: "tensor", name: "q", shape: [2, 4, 8] },
          { kind: "tensor", name: "k", shape: [2, 6, 8] },
          { kind: "tensor", name: "v", shape: [2, 6, 3] },
          { kind: "mask", name: "mask", shape: [2, 1, 6], pattern: "padding", lengths: [6, 3] },
        ],
        points: 2,
        gradient: { of: "output", points: 2 },
      },
      {
        id: "causal-mask",
        title: "causal mask [5, 5] broadcast over the batch",
        fn: "scaledDotProductAttention",
        seed: 45,
        vary: {
          dims: { B: [1, 4], L: [5, 64], DK: [1, 16], DV: [1, 16] },
          shapes: { q: ["B", "L", "DK"], k: ["B", "L", "DK"], v: ["B", "L", "DV"], mask: ["L", "L"] },
        },
        args: [
          { kind: "tensor", name: "q", shape: [2, 5, 4] },
          { kind: "tensor", name: "k", shape: [2, 5, 4] },
          { kind: "tensor", name: "v", shape: [2, 5, 4] },
          { kind: "mask", name: "mask", shape: [5, 5], pattern: "causal" },
        ],
        points: 2,
        gradient: { of: "output", points: 1 },
      },
      {
        id: "large-scores",
        title: "real scores near −1800, padded keys near +1800 (a −1000 fill leaks)",
        fn: "scaledDotProductAttention",
        seed: 46,
        vary: {
          dims: { B: [1, 4], Lq: [1, 24], DK: [1, 12], DV: [1, 12] },
          shapes: { q: ["B", "Lq", "DK"], k: ["B", 6, "DK"], v: ["B", 6, "DV"], mask: ["B", 1, 6] },
        },
        args: [
          { kind: "tensor", name: "q", shape: [2, 5, 4], shift: 30 },
          // Keys 0–2 are real (shift −30), keys 3–5 are padding (shift +30): q·k/√d_k ≈ ∓1800.
          { kind: "tensor", name: "k", shape: [2, 6, 4], rowShifts: [-30, -30, -30, 30, 30, 30] },
          { kind: "tensor", name: "v", shape: [2, 6, 3] },
          { kind: "mask", name: "mask", shape: [2, 1, 6], pattern: "padding", lengths: [3, 3] },
        ],
        points: 2,
        // Scores near 1800 carry float32 rounding of ~1e-4 before the softmax.
        tolerance: 5,
      },
      {
        id: "fully-masked-row",
        title: "queries 1 and 3 see no key (mask [2, 5, 7]): their weights and output rows are zeros, gradients finite",
        fn: "scaledDotProductAttention",
        seed: 48,
        vary: {
          dims: { B: [1, 4], Lq: [4, 24], Lk: [1, 64], DK: [1, 16], DV: [1, 16] },
          shapes: { q: ["B", "Lq", "DK"], k: ["B", "Lk", "DK"], v: ["B", "Lk", "DV"], mask: ["B", "Lq", "Lk"] },
        },
        args: [
          { kind: "tensor", name: "q", shape: [2, 5, 4] },
          { kind: "tensor", name: "k", shape: [2, 7, 4] },
          { kind: "tensor", name: "v", shape: [2, 7, 3] },
          { kind: "mask", name: "mask", shape: [2, 5, 7], pattern: "random", p: 0.3, blockedRows: [1, 3] },
        ],
        points: 2,
        gradient: { of: "output", points: 2 },
      },
      {
        id: "weights-gradient",
        title: "the gradient of the weights too (Lq = 3, Lk = 6, d_k = 5, d_v = 2, a random mask [2, 3, 6] with query 2 blocked)",
        fn: "scaledDotProductAttention",
        seed: 49,
        vary: {
          dims: { B: [1, 4], Lq: [3, 24], Lk: [1, 64], DK: [1, 16], DV: [1, 16] },
          shapes: { q: ["B", "Lq", "DK"], k: ["B", "Lk", "DK"], v: ["B", "Lk", "DV"], mask: ["B", "Lq", "Lk"] },
        },
        args: [
          { kind: "tensor", name: "q", shape: [2, 3, 5] },
          { kind: "tensor", name: "k", shape: [2, 6, 5] },
          // The weights do not depend on v: tf.grad would refuse a leaf outside the graph.
          { kind: "tensor", name: "v", shape: [2, 6, 2], differentiable: false },
          { kind: "mask", name: "mask", shape: [2, 3, 6], pattern: "random", p: 0.3, blockedRows: [2] },
        ],
        points: 1,
        gradient: { of: "weights", points: 2 },
      },
      {
        id: "gap-1e5",
        title: "d_k = 1, real scores near −10⁵ and padded ones near +10⁵ (fills of −1e4 leak)",
        fn: "scaledDotProductAttention",
        seed: 50,
        args: [
          { kind: "tensor", name: "q", shape: [2, 3, 1], shift: 100, scale: 0.5 },
          // Real keys 1 apart (scores 100 apart), so the weights are one-hot: float32 scores near 1e5
          // carry rounding of ~0.004, which would otherwise show in weights between two close keys.
          { kind: "tensor", name: "k", shape: [2, 6, 1], scale: 0.01, rowShifts: [-1000, -1001, -1002, -1003, 1000, 1000] },
          { kind: "tensor", name: "v", shape: [2, 6, 3] },
          { kind: "mask", name: "mask", shape: [2, 1, 6], pattern: "padding", lengths: [4, 4] },
        ],
        points: 1,
        gradient: { of: "output", points: 1 },
      },
      {
        id: "gap-1e4",
        title: "d_k = 1, real scores near −10⁴ and padded ones near +10⁴",
        fn: "scaledDotProductAttention",
        seed: 51,
        args: [
          { kind: "tensor", name: "q", shape: [2, 3, 1], shift: 100, scale: 0.5 },
          { kind: "tensor", name: "k", shape: [2, 5, 1], scale: 0.01, rowShifts: [-100, -101, -102, 100, 100] },
          { kind: "tensor", name: "v", shape: [2, 5, 4] },
          { kind: "mask", name: "mask", shape: [2, 1, 5], pattern: "padding", lengths: [3, 3] },
        ],
        points: 1,
        gradient: { of: "output", points: 1 },
      },
      {
        id: "mask-rank1",
        title: "a mask [6] of lower rank than the scores [2, 3, 6] (broadcast from the right)",
        fn: "scaledDotProductAttention",
        seed: 52,
        vary: {
          dims: { B: [1, 4], Lq: [1, 24], Lk: [2, 64], DK: [1, 16], DV: [1, 16] },
          shapes: { q: ["B", "Lq", "DK"], k: ["B", "Lk", "DK"], v: ["B", "Lk", "DV"], mask: ["Lk"] },
        },
        args: [
          { kind: "tensor", name: "q", shape: [2, 3, 4] },
          { kind: "tensor", name: "k", shape: [2, 6, 4] },
          { kind: "tensor", name: "v", shape: [2, 6, 3] },
          { kind: "mask", name: "mask", shape: [6], pattern: "random", p: 0.4 },
        ],
        points: 1,
        gradient: { of: "output", points: 1 },
      },
      {
        id: "mask-rank2-under-rank4",
        title: "rank 4 [2, 2, 4, ·] with a mask [4, 6] over [Lq, Lk]",
        fn: "scaledDotProductAttention",
        seed: 53,
        vary: {
          dims: { B: [1, 3], H: [1, 8], Lq: [1, 12], Lk: [2, 40], DK: [1, 8], DV: [1, 8] },
          shapes: { q: ["B", "H", "Lq", "DK"], k: ["B", "H", "Lk", "DK"], v: ["B", "H", "Lk", "DV"], mask: ["Lq", "Lk"] },
        },
        args: [
          { kind: "tensor", name: "q", shape: [2, 2, 4, 4] },
          { kind: "tensor", name: "k", shape: [2, 2, 6, 4] },
          { kind: "tensor", name: "v", shape: [2, 2, 6, 3] },
          { kind: "mask", name: "mask", shape: [4, 6], pattern: "random", p: 0.3 },
        ],
        points: 1,
        gradient: { of: "output", points: 1 },
      },
      {
        id: "causal-long",
        title: "causal mask [16, 16]",
        fn: "scaledDotProductAttention",
        seed: 54,
        vary: {
          dims: { B: [1, 4], L: [9, 64], DK: [1, 16], DV: [1, 16] },
          shapes: { q: ["B", "L", "DK"], k: ["B", "L", "DK"], v: ["B", "L", "DV"], mask: ["L", "L"] },
        },
        args: [
          { kind: "tensor", name: "q", shape: [1, 16, 4] },
          { kind: "tensor", name: "k", shape: [1, 16, 4] },
          { kind: "tensor", name: "v", shape: [1, 16, 5] },
          { kind: "mask", name: "mask", shape: [16, 16], pattern: "causal" },
        ],
        points: 1,
        gradient: { of: "output", points: 1 },
      },
      {
        id: "rank4-heads",
        title: "rank 4 [batch, heads, L, d] with a mask [2, 1, 1, 5]",
        fn: "scaledDotProductAttention",
        seed: 47,
        vary: {
          dims: { B: [1, 3], H: [1, 8], Lq: [1, 12], Lk: [1, 40], DK: [1, 8], DV: [1, 8] },
          shapes: { q: ["B", "H", "Lq", "DK"], k: ["B", "H", "Lk", "DK"], v: ["B", "H", "Lk", "DV"], mask: ["B", 1, 1, "Lk"] },
        },
        args: [
          { kind: "tensor", name: "q", shape: [2, 2, 3, 4] },
          { kind: "tensor", name: "k", shape: [2, 2, 5, 4] },
          { kind: "tensor", name: "v", shape: [2, 2, 5, 3] },
          { kind: "mask", name: "mask", shape: [2, 1, 1, 5], pattern: "padding", lengths: [2, 5] },
        ],
        points: 2,
        gradient: { of: "output", points: 1 },
      },
    ],
    properties: [
      {
        id: "masked-exactly-zero",
        title: "Padded keys get exactly zero weight",
        kind: "masked-exactly-zero",
        case: "padding-mask",
        points: 1,
        params: { mask: "mask", field: "weights" },
      },
      {
        id: "padded-values-ignored",
        title: "Changing the keys and values at padded positions changes nothing",
        kind: "masked-values-ignored",
        case: "padding-mask",
        points: 1,
        params: { mask: "mask", perturb: ["k", "v"], mode: "keys", field: "output" },
      },
      {
        id: "causal",
        title: "Under a causal mask, the output at t does not depend on inputs after t",
        kind: "causal",
        case: "causal-mask",
        points: 1,
        params: { t: 2, perturb: ["q", "k", "v"], field: "output" },
      },
    ],
  },
  references: {
    scaledDotProductAttention: (a) => {
      const [q, k, v, mask] = args4(a);
      const value = scaledDotProductAttention(q, k, v, mask);
      return {
        value,
        vjp: (c, field) => {
          const g =
            field === "weights" ? scaledDotProductAttentionVjp(q, k, v, mask, nd(value.output.shape), c) : scaledDotProductAttentionVjp(q, k, v, mask, c);
          return { q: g.dq, k: g.dk, v: g.dv };
        },
      };
    },
  },
  bugs: [
    {
      id: "no-scale",
      fn: "scaledDotProductAttention",
      title: "scores are not scaled",
      advice:
        "Divide q·kᵀ by √d_k: with unit-variance components q·k has variance d_k, and unscaled logits saturate the softmax (Vaswani et al. 2017, §3.2.1).",
      kernel: variant({ scale: () => 1 }),
    },
    {
      id: "scale-dk",
      fn: "scaledDotProductAttention",
      title: "divided by d_k instead of √d_k",
      advice: "The variance of q·k is d_k, so its standard deviation — the right divisor — is √d_k.",
      kernel: variant({ scale: (dk) => 1 / dk }),
    },
    {
      id: "scale-dv",
      fn: "scaledDotProductAttention",
      title: "scaled by √d_v instead of √d_k",
      advice: "The scale comes from the dot product of q and k, whose length is d_k; d_v (the width of v) plays no part.",
      kernel: variant({ scale: (_dk, dv) => 1 / Math.sqrt(dv) }),
    },
    {
      id: "scale-wrong-axis",
      fn: "scaledDotProductAttention",
      title: "d_k read from the wrong axis (a sequence length instead of the last axis)",
      advice:
        "d_k is the size of q's last axis, q.shape[q.rank − 1]; q.shape[1] or k.shape[k.rank − 2] is a length (Lq or Lk). Cases where d_k, d_v, Lq and Lk all differ tell this apart from a √d_v scale.",
      kernel: variant({ scale: (_dk, _dv, _lq, lk) => 1 / Math.sqrt(lk) }),
      variants: [variant({ scale: (_dk, _dv, lq) => 1 / Math.sqrt(lq) })],
    },
    {
      id: "scale-multiplied",
      fn: "scaledDotProductAttention",
      title: "multiplied by √d_k instead of divided",
      advice: "Scores are q·kᵀ / √d_k.",
      kernel: variant({ scale: (dk) => Math.sqrt(dk) }),
    },
    {
      id: "softmax-over-queries",
      fn: "scaledDotProductAttention",
      title: "softmax over the query axis",
      advice: "Each query distributes its attention over the keys: normalise the last axis (keys) of [..., Lq, Lk], not axis −2.",
      kernel: variant({ softmaxAxis: -2 }),
    },
    {
      id: "mask-polarity",
      fn: "scaledDotProductAttention",
      title: "mask polarity inverted (0 treated as attend)",
      advice: "1 = attend and 0 = blocked: block where mask == 0.",
      kernel: variant({ mask: "inverted" }),
    },
    {
      id: "fill-minus-1000",
      fn: "scaledDotProductAttention",
      title: "blocked scores filled with a finite value real scores can reach (−1000, −1e4)",
      advice:
        "Scores of a few thousand make −1000 a large value, not a blocked one; scores of ±1e5 do the same to −1e4. Use where(mask, scores, most-negative-float), and make blocked weights exactly 0.",
      kernel: variant({ mask: "fill-1000" }),
      variants: [variant({ mask: "add-1000" }), variant({ mask: "fill-1e4" }), variant({ mask: "add-1e4" })],
    },
    {
      id: "masked-row-not-zero",
      fn: "scaledDotProductAttention",
      title: "a query whose every key is masked gets weights that are not zero (uniform, or a softmax of its raw scores)",
      advice:
        "A finite fill (−1e9, the most negative float) puts every score of a fully-masked row at one value, so the softmax spreads the query's attention evenly over keys it may not see; an additive fill leaves the raw softmax. Such a row must be all zeros (and so its output): multiply the exponentials by the mask and divide by max(sum, tiny).",
      kernel: variant({ blockedRow: "uniform" }),
      variants: [variant({ blockedRow: "raw" })],
    },
    {
      id: "fill-minus-inf-nan",
      fn: "scaledDotProductAttention",
      title: "−∞ fill: a query whose every key is masked gets NaN",
      advice:
        "With every score at −∞ the row max is −∞ and −∞ − (−∞) = NaN, which then spreads through weights·V. Use a finite fill and make the fully-masked row zeros (multiply the exponentials by the mask).",
      kernel: variant({ blockedRow: "nan" }),
    },
  ],
});
