/**
 * Grader for the softmax exercise: softmax(logits, axis) and softmaxBackward(y, dy, axis).
 * The cases are where hand-written softmaxes break: huge logits (no max shift), an axis
 * other than the last, ranks 1–4, rows whose scales differ by 10⁵.
 */
import { defineGrader } from "../engine/grader.js";
import { forEachFibre, map, nd, normAxis, zip, type NdArray } from "../engine/ndarray.js";
import { numberArg, tensorArg } from "../engine/ref-args.js";
import { logSoftmax, softmax, softmaxVjp } from "../reference/softmax.js";
import zh from "./zh.js";

/** The axis argument: omitted means the last axis. */
const axisOf = (a: unknown): number => numberArg(a, -1);

/** exp as float32 computes it: past ~88.7 it overflows to ∞, which is what a missing max shift hits. */
const FLOAT32_MAX = 3.4028234663852886e38;
function softmaxWithoutShift(x: NdArray, axis: number): NdArray {
  const out = map(x, (v) => {
    const e = Math.exp(v);
    return e > FLOAT32_MAX ? Infinity : e;
  });
  forEachFibre(x.shape, normAxis(axis, x.shape.length), (idx) => {
    let s = 0;
    for (const i of idx) s += out.data[i];
    for (const i of idx) out.data[i] /= s;
  });
  return out;
}

function backwardWithSignFlipped(y: NdArray, dy: NdArray, axis: number): NdArray {
  const out = nd(y.shape);
  forEachFibre(y.shape, normAxis(axis, y.shape.length), (idx) => {
    let s = 0;
    for (const i of idx) s += dy.data[i] * y.data[i];
    for (const i of idx) out.data[i] = y.data[i] * (dy.data[i] + s);
  });
  return out;
}

export default defineGrader({
  zh,
  spec: {
    id: "softmax",
    title: "Softmax and its backward pass",
    points: { exports: 1, forbidden: 2, inputs: 1 },
    forbidden: [
      { name: "tf.softmax", functions: ["softmax"], methods: ["softmax"], kernels: ["Softmax"] },
      { name: "tf.logSoftmax", functions: ["logSoftmax"], methods: ["logSoftmax"] },
    ],
    cases: [
      {
        id: "basic",
        title: "a batch of rows, default axis",
        fn: "softmax",
        seed: 11,
        vary: { dims: { B: [1, 4], N: [1, 64] }, shapes: { logits: ["B", "N"] } },
        args: [
          { kind: "tensor", name: "logits", shape: [2, 5], scale: 2 },
          { kind: "omit", name: "axis" },
        ],
        points: 2,
        gradient: { of: null, points: 2 },
      },
      {
        id: "rank1",
        title: "a single vector (rank 1)",
        fn: "softmax",
        seed: 12,
        vary: { dims: { N: [1, 64] }, shapes: { logits: ["N"] }, json: { axis: { oneOf: [-1, 0] } } },
        args: [
          { kind: "tensor", name: "logits", shape: [7] },
          { kind: "json", name: "axis", value: -1 },
        ],
        points: 1,
        gradient: { of: null, points: 1 },
      },
      {
        id: "extreme-logits",
        title: "logits of magnitude ~1e4 (exp overflows without the max shift)",
        fn: "softmax",
        seed: 13,
        vary: { dims: { B: [1, 4], N: [2, 64] }, shapes: { logits: ["B", "N"] } },
        args: [
          { kind: "tensor", name: "logits", shape: [3, 6], scale: 1e4 },
          { kind: "omit", name: "axis" },
        ],
        points: 2,
        gradient: { of: null, points: 1 },
      },
      {
        id: "rows-apart",
        title: "rows whose scales differ by 10⁵",
        fn: "softmax",
        seed: 14,
        vary: { dims: { B: [4, 8], N: [2, 33] }, shapes: { logits: ["B", "N"] } },
        args: [
          { kind: "tensor", name: "logits", shape: [4, 6], rowScales: [1, 100, 1e-3, 30] },
          { kind: "omit", name: "axis" },
        ],
        points: 1,
        gradient: { of: null, points: 1 },
      },
      {
        id: "rank3-middle-axis",
        title: "rank 3, softmax over axis 1",
        fn: "softmax",
        seed: 15,
        vary: { dims: { A: [1, 4], B: [1, 9], C: [1, 9] }, shapes: { logits: ["A", "B", "C"] }, json: { axis: { oneOf: [0, 1, 2, -1, -2, -3] } } },
        args: [
          { kind: "tensor", name: "logits", shape: [2, 4, 3], scale: 2 },
          { kind: "json", name: "axis", value: 1 },
        ],
        points: 2,
        gradient: { of: null, points: 2 },
      },
      {
        id: "rank4-first-axis",
        title: "rank 4, softmax over axis 0",
        fn: "softmax",
        seed: 16,
        vary: {
          dims: { A: [1, 4], B: [1, 5], C: [1, 5], D: [1, 8] },
          shapes: { logits: ["A", "B", "C", "D"] },
          json: { axis: { oneOf: [0, 1, 2, 3, -1, -2, -3, -4] } },
        },
        args: [
          { kind: "tensor", name: "logits", shape: [3, 2, 2, 4] },
          { kind: "json", name: "axis", value: 0 },
        ],
        points: 1,
        gradient: { of: null, points: 1 },
      },
      {
        id: "negative-axes",
        title: "rank 4 [2, 3, 4, 2], softmax over axis −3 (the same axis as 1)",
        fn: "softmax",
        seed: 19,
        vary: { dims: { A: [1, 4], B: [2, 5], C: [1, 5], D: [1, 8] }, shapes: { logits: ["A", "B", "C", "D"] }, json: { axis: { oneOf: [-1, -2, -3, -4] } } },
        args: [
          { kind: "tensor", name: "logits", shape: [2, 3, 4, 2], scale: 2 },
          { kind: "json", name: "axis", value: -3 },
        ],
        points: 1,
        gradient: { of: null, points: 1 },
      },
      {
        id: "rank3-axis-minus-2",
        title: "rank 3 [3, 5, 2], softmax over axis −2",
        fn: "softmax",
        seed: 20,
        vary: { dims: { A: [1, 4], B: [2, 9], C: [1, 9] }, shapes: { logits: ["A", "B", "C"] }, json: { axis: { oneOf: [-1, -2, -3, 0, 1, 2] } } },
        args: [
          { kind: "tensor", name: "logits", shape: [3, 5, 2] },
          { kind: "json", name: "axis", value: -2 },
        ],
        points: 1,
        gradient: { of: null, points: 1 },
      },
      {
        id: "positive-last-axis",
        title: "axis given as a positive index (1 for rank 2)",
        fn: "softmax",
        seed: 17,
        vary: { dims: { B: [1, 6], N: [1, 17] }, shapes: { logits: ["B", "N"] }, json: { axis: { oneOf: [0, 1, -2] } } },
        args: [
          { kind: "tensor", name: "logits", shape: [3, 4] },
          { kind: "json", name: "axis", value: 1 },
        ],
        points: 1,
      },
      {
        id: "backward-basic",
        title: "backward over the last axis",
        fn: "softmaxBackward",
        seed: 21,
        vary: { dims: { B: [1, 6], N: [1, 40] }, shapes: { y: ["B", "N"], dy: ["B", "N"] } },
        args: [
          { kind: "tensor", name: "y", shape: [3, 5], dist: "simplex", scale: 2 },
          { kind: "tensor", name: "dy", shape: [3, 5] },
          { kind: "omit", name: "axis" },
        ],
        points: 2,
      },
      {
        id: "backward-axis0",
        title: "backward over axis 0",
        fn: "softmaxBackward",
        seed: 22,
        vary: { dims: { B: [1, 9], N: [1, 9] }, shapes: { y: ["B", "N"], dy: ["B", "N"] } },
        args: [
          { kind: "tensor", name: "y", shape: [4, 3], dist: "simplex", axis: 0 },
          { kind: "tensor", name: "dy", shape: [4, 3] },
          { kind: "json", name: "axis", value: 0 },
        ],
        points: 2,
      },
      {
        id: "backward-rank3",
        title: "backward on rank 3, axis 1",
        fn: "softmaxBackward",
        seed: 23,
        vary: { dims: { A: [1, 3], B: [1, 9], C: [1, 7] }, shapes: { y: ["A", "B", "C"], dy: ["A", "B", "C"] } },
        args: [
          { kind: "tensor", name: "y", shape: [2, 3, 4], dist: "simplex", axis: 1 },
          { kind: "tensor", name: "dy", shape: [2, 3, 4] },
          { kind: "json", name: "axis", value: 1 },
        ],
        points: 1,
      },
    ],
    properties: [
      { id: "sums-to-one", title: "Every slice along the axis sums to 1", kind: "sums-to-one", case: "rank3-middle-axis", points: 1, params: { axis: 1 } },
      {
        id: "shift-invariant",
        title: "Adding a constant to the logits changes nothing",
        kind: "shift-invariant",
        case: "basic",
        points: 1,
        params: { arg: "logits", shift: 50 },
      },
    ],
  },
  references: {
    softmax: ([logits, axis]) => {
      const ax = axisOf(axis);
      const y = softmax(tensorArg(logits), ax);
      return { value: y, vjp: (c) => ({ logits: softmaxVjp(y, c, ax) }) };
    },
    softmaxBackward: ([y, dy, axis]) => ({ value: softmaxVjp(tensorArg(y), tensorArg(dy), axisOf(axis)) }),
  },
  bugs: [
    {
      id: "no-max-shift",
      fn: "softmax",
      title: "no max shift",
      advice:
        "exp(x) overflows float32 past x ≈ 88.7 (∞/∞ = NaN). Subtract the maximum along the axis before exp — softmax is shift-invariant, so the result is unchanged.",
      kernel: ([x, axis]) => softmaxWithoutShift(tensorArg(x), axisOf(axis)),
    },
    {
      id: "ignores-axis",
      fn: "softmax",
      title: "the axis argument is ignored (always the last axis)",
      advice: "Pass `axis` to every reduction (tf.max, tf.sum) with keepDims = true so the result broadcasts back.",
      kernel: ([x]) => softmax(tensorArg(x), -1),
    },
    {
      id: "wrong-axis",
      fn: "softmax",
      title: "normalised over axis 0 instead of the requested axis",
      advice: "Reduce over `axis` (negative values count from the end), not over a fixed axis.",
      kernel: ([x]) => softmax(tensorArg(x), 0),
    },
    {
      id: "log-softmax",
      fn: "softmax",
      title: "returns log-softmax (x − logsumexp) instead of probabilities",
      advice: "Exponentiate: softmax = exp(x − max) / Σ exp(x − max). Its values lie in (0, 1) and sum to 1.",
      kernel: ([x, axis]) => logSoftmax(tensorArg(x), axisOf(axis)),
    },
    {
      id: "diagonal-backward",
      fn: "softmaxBackward",
      title: "only the diagonal of the Jacobian (dx = y ⊙ (1 − y) ⊙ dy)",
      advice: "The Jacobian of softmax is diag(y) − y yᵀ: every output depends on every input. dx = y ⊙ (dy − Σ dy ⊙ y).",
      kernel: ([y, dy]) => zip(tensorArg(y), tensorArg(dy), (a, b) => a * (1 - a) * b),
    },
    {
      id: "backward-sign",
      fn: "softmaxBackward",
      title: "the y yᵀ term is added instead of subtracted",
      advice: "dx = y ⊙ (dy − Σ dy ⊙ y): the off-diagonal part of the Jacobian is −y_i y_j.",
      kernel: ([y, dy, axis]) => backwardWithSignFlipped(tensorArg(y), tensorArg(dy), axisOf(axis)),
    },
  ],
});
