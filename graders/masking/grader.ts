/**
 * Grader for the masking exercise: paddingMask, causalMask and maskedSoftmax.
 * The traps: mask polarity (1 = attend), masking after the softmax, a −1000 fill that
 * leaks once scores are in the thousands, −∞ that turns a fully-masked row into NaN.
 */
import { defineGrader, type RefValue } from "../engine/grader.js";
import { broadcastShapes, broadcastTo, forEachFibre, map, nd, type NdArray } from "../engine/ndarray.js";
import { numberArg, numbersArg, tensorArg } from "../engine/ref-args.js";
import { rowSoftmax, withBlockedRows } from "./blocked-rows.js";
import { causalMask, maskedSoftmax, maskedSoftmaxVjp, paddingMask } from "../reference/masking.js";
import { softmax } from "../reference/softmax.js";
import zh from "./zh.js";

/** Softmax of `scores` with blocked entries replaced by `fill(score)` — the shape of several bugs. */
function filledSoftmax(scores: NdArray, mask: NdArray, fill: (s: number) => number): NdArray {
  const shape = broadcastShapes(scores.shape, mask.shape);
  const s = broadcastTo(scores, shape);
  const m = broadcastTo(mask, shape);
  return softmax(
    map(s, (v, i) => (m.data[i] === 0 ? fill(v) : v)),
    -1,
  );
}

/**
 * The max shift taken over every key, blocked ones included, then exp·mask normalised with a
 * guarded sum: exact until a blocked score sits so far above the open ones that every open
 * exp underflows and the row comes out zero (or NaN without the guard).
 */
function shiftIncludesBlocked(scores: NdArray, mask: NdArray, empty: number): NdArray {
  const shape = broadcastShapes(scores.shape, mask.shape);
  const s = broadcastTo(scores, shape);
  const m = broadcastTo(mask, shape);
  const out = nd(shape);
  forEachFibre(shape, -1, (idx) => {
    const max = Math.max(...idx.map((i) => s.data[i]));
    // float32 exp underflows to 0 below about −103.
    const e = idx.map((i) => (m.data[i] === 0 || s.data[i] - max < -104 ? 0 : Math.exp(s.data[i] - max)));
    const sum = e.reduce((a, b) => a + b, 0);
    idx.forEach((i, j) => {
      out.data[i] = sum > 0 ? e[j] / sum : idx.some((k) => m.data[k] !== 0) ? empty : 0;
    });
  });
  return out;
}

function triangle(seqLen: number, open: (q: number, k: number) => boolean): RefValue {
  const out = nd([seqLen, seqLen]);
  for (let q = 0; q < seqLen; q++) for (let k = 0; k < seqLen; k++) out.data[q * seqLen + k] = open(q, k) ? 1 : 0;
  return out;
}

function padding(lengths: number[], seqLen: number, open: (k: number, len: number) => boolean): RefValue {
  const out = nd([lengths.length, seqLen]);
  lengths.forEach((len, b) => {
    for (let k = 0; k < seqLen; k++) out.data[b * seqLen + k] = open(k, len) ? 1 : 0;
  });
  return out;
}

export default defineGrader({
  zh,
  spec: {
    id: "masking",
    title: "Padding and causal masks, and a masked softmax",
    points: { exports: 1, forbidden: 0, inputs: 1 },
    cases: [
      {
        id: "padding-mask",
        dtype: "float32",
        title: "padding mask for lengths [3, 5, 0, 1] and seqLen 5",
        fn: "paddingMask",
        seed: 31,
        vary: { dims: { B: [1, 6], L: [1, 64] }, json: { lengths: { lengths: ["B", "L"], withEmpty: true }, seqLen: "L" } },
        args: [
          { kind: "json", name: "lengths", value: [3, 5, 0, 1] },
          { kind: "json", name: "seqLen", value: 5 },
        ],
        points: 2,
      },
      {
        id: "causal-mask",
        dtype: "float32",
        title: "causal mask of length 4",
        fn: "causalMask",
        seed: 32,
        vary: { dims: { L: [2, 64] }, json: { seqLen: "L" } },
        args: [{ kind: "json", name: "seqLen", value: 4 }],
        points: 2,
      },
      {
        id: "causal-mask-one",
        dtype: "float32",
        title: "causal mask of length 1",
        fn: "causalMask",
        seed: 33,
        args: [{ kind: "json", name: "seqLen", value: 1 }],
        points: 1,
      },
      {
        id: "padded-keys",
        title: "scores [2, 4, 6] with a padding mask [2, 1, 6] (lengths 4 and 6)",
        fn: "maskedSoftmax",
        seed: 34,
        vary: { dims: { B: [1, 4], Lq: [1, 24], Lk: [2, 64] }, shapes: { scores: ["B", "Lq", "Lk"], mask: ["B", 1, "Lk"] } },
        args: [
          { kind: "tensor", name: "scores", shape: [2, 4, 6], scale: 2 },
          { kind: "mask", name: "mask", shape: [2, 1, 6], pattern: "padding", lengths: [4, 6] },
        ],
        points: 2,
        gradient: { of: null, points: 2 },
      },
      {
        id: "causal-scores",
        title: "scores [5, 5] with a causal mask",
        fn: "maskedSoftmax",
        seed: 35,
        vary: { dims: { L: [5, 64] }, shapes: { scores: ["L", "L"], mask: ["L", "L"] } },
        args: [
          { kind: "tensor", name: "scores", shape: [5, 5], scale: 2 },
          { kind: "mask", name: "mask", shape: [5, 5], pattern: "causal" },
        ],
        points: 2,
        gradient: { of: null, points: 1 },
      },
      {
        id: "fully-masked-row",
        title: "a row whose every key is masked (must be all zeros, with finite gradients)",
        fn: "maskedSoftmax",
        seed: 36,
        vary: { dims: { Lq: [2, 24], Lk: [2, 64] }, shapes: { scores: ["Lq", "Lk"], mask: ["Lq", "Lk"] } },
        args: [
          { kind: "tensor", name: "scores", shape: [3, 4], scale: 2 },
          { kind: "mask", name: "mask", shape: [3, 4], pattern: "random", p: 0.3, blockedRows: [1] },
        ],
        points: 2,
        gradient: { of: null, points: 2 },
      },
      {
        id: "large-scores",
        title: "scores in the thousands (a −1000 fill leaks)",
        fn: "maskedSoftmax",
        seed: 37,
        vary: { dims: { B: [1, 4], Lq: [1, 16], Lk: [2, 64] }, shapes: { scores: ["B", "Lq", "Lk"], mask: ["B", 1, "Lk"] } },
        args: [
          { kind: "tensor", name: "scores", shape: [2, 6, 5], scale: 2000 },
          { kind: "mask", name: "mask", shape: [2, 1, 5], pattern: "padding", lengths: [3, 2] },
        ],
        points: 2,
        gradient: { of: null, points: 1 },
      },
      {
        id: "causal-mask-long",
        title: "causal mask of length 13",
        fn: "causalMask",
        seed: 39,
        dtype: "float32",
        vary: { dims: { L: [9, 64] }, json: { seqLen: "L" } },
        args: [{ kind: "json", name: "seqLen", value: 13 }],
        points: 1,
      },
      {
        id: "padding-mask-long",
        title: "padding mask for lengths [17, 9, 0] and seqLen 17",
        fn: "paddingMask",
        seed: 40,
        dtype: "float32",
        vary: { dims: { B: [2, 6], L: [9, 64] }, json: { lengths: { lengths: ["B", "L"], withEmpty: true }, seqLen: "L" } },
        args: [
          { kind: "json", name: "lengths", value: [17, 9, 0] },
          { kind: "json", name: "seqLen", value: 17 },
        ],
        points: 1,
      },
      {
        id: "empty-sequence",
        title: "a padding mask [3, 1, 6] with a sequence of length 0: its rows are all zeros, gradients finite",
        fn: "maskedSoftmax",
        seed: 51,
        vary: { dims: { B: [2, 4], Lq: [1, 12], Lk: [2, 48] }, shapes: { scores: ["B", "Lq", "Lk"], mask: ["B", 1, "Lk"] } },
        args: [
          { kind: "tensor", name: "scores", shape: [3, 4, 6], scale: 2 },
          { kind: "mask", name: "mask", shape: [3, 1, 6], pattern: "padding", lengths: [6, 0, 2] },
        ],
        points: 2,
        gradient: { of: null, points: 2 },
      },
      {
        id: "blocked-1e5-above",
        title: "blocked scores 1e5 above the real ones (an additive −1e4 fill leaks)",
        fn: "maskedSoftmax",
        seed: 52,
        args: [
          { kind: "tensor", name: "scores", shape: [2, 4, 6], scale: 2, colShifts: [0, 0, 0, 0, 1e5, 1e5] },
          { kind: "mask", name: "mask", shape: [2, 1, 6], pattern: "padding", lengths: [4, 3] },
        ],
        points: 2,
        gradient: { of: null, points: 1 },
      },
      {
        id: "real-1e4-below",
        title: "real scores near −3·10⁴, 1e4 below a −1e4 fill (a floored max or a −1e4 fill fails)",
        fn: "maskedSoftmax",
        seed: 53,
        vary: { dims: { B: [1, 4], Lq: [1, 12], Lk: [2, 48] }, shapes: { scores: ["B", "Lq", "Lk"], mask: ["B", 1, "Lk"] } },
        args: [
          { kind: "tensor", name: "scores", shape: [2, 4, 6], scale: 2, shift: -3e4 },
          { kind: "mask", name: "mask", shape: [2, 1, 6], pattern: "padding", lengths: [5, 2] },
        ],
        points: 2,
        gradient: { of: null, points: 1 },
      },
      {
        id: "real-1e5-below",
        title: "real scores near −3·10⁵",
        fn: "maskedSoftmax",
        seed: 54,
        visible: false,
        vary: { dims: { B: [1, 4], Lq: [1, 12], Lk: [2, 48] }, shapes: { scores: ["B", "Lq", "Lk"], mask: ["B", 1, "Lk"] } },
        args: [
          { kind: "tensor", name: "scores", shape: [2, 3, 5], scale: 2, shift: -3e5 },
          { kind: "mask", name: "mask", shape: [2, 1, 5], pattern: "padding", lengths: [5, 3] },
        ],
        points: 1,
        gradient: { of: null, points: 1 },
      },
      {
        id: "mask-rank1",
        title: "scores [2, 3, 7] with a mask [7] of lower rank (broadcast from the right)",
        fn: "maskedSoftmax",
        seed: 55,
        vary: { dims: { B: [1, 4], Lq: [1, 12], Lk: [2, 48] }, shapes: { scores: ["B", "Lq", "Lk"], mask: ["Lk"] } },
        args: [
          { kind: "tensor", name: "scores", shape: [2, 3, 7], scale: 2 },
          { kind: "mask", name: "mask", shape: [7], pattern: "random", p: 0.4 },
        ],
        points: 1,
        gradient: { of: null, points: 1 },
      },
      {
        id: "mask-rank2-under-rank4",
        title: "scores [2, 2, 4, 5] with a mask [4, 5] (a blocked row 2)",
        fn: "maskedSoftmax",
        seed: 56,
        vary: { dims: { B: [1, 3], H: [1, 4], Lq: [3, 12], Lk: [2, 40] }, shapes: { scores: ["B", "H", "Lq", "Lk"], mask: ["Lq", "Lk"] } },
        args: [
          { kind: "tensor", name: "scores", shape: [2, 2, 4, 5], scale: 2 },
          { kind: "mask", name: "mask", shape: [4, 5], pattern: "random", p: 0.3, blockedRows: [2] },
        ],
        points: 1,
        gradient: { of: null, points: 1 },
      },
      {
        id: "broadcast-4d",
        title: "rank-4 scores [2, 2, 3, 4] with a mask [2, 1, 1, 4]",
        fn: "maskedSoftmax",
        seed: 38,
        vary: { dims: { B: [1, 4], H: [1, 8], Lq: [1, 12], Lk: [2, 48] }, shapes: { scores: ["B", "H", "Lq", "Lk"], mask: ["B", 1, 1, "Lk"] } },
        args: [
          { kind: "tensor", name: "scores", shape: [2, 2, 3, 4], scale: 2 },
          { kind: "mask", name: "mask", shape: [2, 1, 1, 4], pattern: "padding", lengths: [2, 4] },
        ],
        points: 1,
        gradient: { of: null, points: 1 },
      },
    ],
    properties: [
      {
        id: "masked-exactly-zero",
        title: "Blocked keys get exactly zero weight",
        kind: "masked-exactly-zero",
        case: "padded-keys",
        points: 1,
        params: { mask: "mask" },
      },
      {
        id: "masked-scores-ignored",
        title: "Changing a blocked score changes nothing",
        kind: "masked-values-ignored",
        case: "padded-keys",
        points: 1,
        params: { mask: "mask", perturb: ["scores"], mode: "entries" },
      },
      {
        id: "future-scores-ignored",
        title: "Under a causal mask, changing a future score changes nothing",
        kind: "masked-values-ignored",
        case: "causal-scores",
        points: 1,
        params: { mask: "mask", perturb: ["scores"], mode: "entries" },
      },
    ],
  },
  references: {
    paddingMask: ([lengths, seqLen]) => ({ value: paddingMask(numbersArg(lengths), numberArg(seqLen)) }),
    causalMask: ([seqLen]) => ({ value: causalMask(numberArg(seqLen)) }),
    maskedSoftmax: ([scores, mask]) => {
      const y = maskedSoftmax(tensorArg(scores), tensorArg(mask));
      return { value: y, vjp: (c) => ({ scores: maskedSoftmaxVjp(tensorArg(scores), tensorArg(mask), c) }) };
    },
  },
  bugs: [
    {
      id: "padding-off-by-one",
      fn: "paddingMask",
      title: "padding mask off by one",
      advice: "A sequence of length n occupies positions 0 … n − 1: position k is real when k < n.",
      kernel: ([lengths, seqLen]) => padding(numbersArg(lengths), numberArg(seqLen), (k, len) => k <= len),
      variants: [([lengths, seqLen]) => padding(numbersArg(lengths), numberArg(seqLen), (k, len) => k < len - 1)],
    },
    {
      id: "mask-polarity",
      fn: "paddingMask",
      title: "mask polarity inverted (1 marks padding)",
      advice: "In this course's contract 1 = attend and 0 = blocked, for every mask.",
      kernel: ([lengths, seqLen]) => padding(numbersArg(lengths), numberArg(seqLen), (k, len) => k >= len),
    },
    {
      id: "causal-flipped",
      fn: "causalMask",
      title: "causal triangle flipped (queries see the future, not the past)",
      advice: "Row = query, column = key: query q may attend key k when k ≤ q — the lower triangle.",
      kernel: ([n]) => triangle(numberArg(n), (q, k) => k >= q),
    },
    {
      id: "causal-no-diagonal",
      fn: "causalMask",
      title: "causal mask without its diagonal",
      advice: "A position may attend to itself: the condition is k ≤ q, not k < q.",
      kernel: ([n]) => triangle(numberArg(n), (q, k) => k < q),
    },
    {
      id: "mask-polarity",
      fn: "maskedSoftmax",
      title: "mask polarity inverted (0 treated as attend)",
      advice: "1 = attend and 0 = blocked: block where mask == 0.",
      kernel: ([s, m]) =>
        maskedSoftmax(
          tensorArg(s),
          map(tensorArg(m), (v) => (v === 0 ? 1 : 0)),
        ),
    },
    {
      id: "mask-after-softmax",
      fn: "maskedSoftmax",
      title: "mask applied after the softmax",
      advice: "Multiplying probabilities by the mask leaves rows that no longer sum to 1. Block the scores before the softmax.",
      kernel: ([s, m]) => {
        const y = softmax(tensorArg(s), -1);
        const shape = broadcastShapes(y.shape, tensorArg(m).shape);
        const mm = broadcastTo(tensorArg(m), shape);
        return map(broadcastTo(y, shape), (v, i) => v * mm.data[i]);
      },
    },
    {
      id: "shift-includes-blocked",
      fn: "maskedSoftmax",
      title: "the max shift is taken over blocked keys too",
      advice:
        "Shift by the maximum over the open keys only (take the max of the filled scores). A blocked score far above the open ones makes every open exp(s − max) underflow to 0, and the row comes out zero or NaN. (Masking after the softmax fails on the same case; it also fails on ordinary ones, which this does not.)",
      kernel: ([s, m]) => shiftIncludesBlocked(tensorArg(s), tensorArg(m), 0),
      variants: [([s, m]) => shiftIncludesBlocked(tensorArg(s), tensorArg(m), NaN)],
    },
    {
      id: "fill-minus-1000",
      fn: "maskedSoftmax",
      title: "blocked scores filled with a finite value real scores can reach (−1000, −1e4)",
      advice:
        "Once real scores reach the thousands, −1000 is no longer small and blocked keys get weight; once they sit 1e4 below zero, or blocked scores sit 1e5 above the real ones, −1e4 fails the same way. Use where(mask, scores, most-negative-float) and zero blocked keys explicitly.",
      kernel: ([s, m]) => filledSoftmax(tensorArg(s), tensorArg(m), () => -1000),
      variants: [
        ([s, m]) => filledSoftmax(tensorArg(s), tensorArg(m), (v) => v - 1000),
        ([s, m]) => filledSoftmax(tensorArg(s), tensorArg(m), () => -1e4),
        ([s, m]) => filledSoftmax(tensorArg(s), tensorArg(m), (v) => v - 1e4),
      ],
    },
    {
      id: "fill-minus-inf-nan",
      fn: "maskedSoftmax",
      title: "−∞ fill: a fully-masked row becomes NaN",
      advice:
        "With every key at −∞ the row max is −∞ and −∞ − (−∞) = NaN. Use a finite fill and define the fully-masked row as all zeros (multiply by the mask after exp).",
      kernel: ([s, m]) => withBlockedRows(tensorArg(s), tensorArg(m), (raw) => raw.map(() => NaN)),
    },
    {
      id: "masked-row-not-zero",
      fn: "maskedSoftmax",
      title: "a fully-masked row is not zero (uniform, or a softmax of its raw scores)",
      advice:
        "A finite fill (−1e9, −1e4, the most negative float) puts every score of a fully-masked row at the same value, so its softmax is uniform (1/L); an additive fill shifts the whole row and leaves a softmax of the raw scores. The contract says such a row is all zeros: multiply the exponentials by the mask and guard the division.",
      kernel: ([s, m]) => withBlockedRows(tensorArg(s), tensorArg(m), (raw) => raw.map(() => 1 / raw.length)),
      variants: [([s, m]) => withBlockedRows(tensorArg(s), tensorArg(m), rowSoftmax)],
    },
  ],
});
