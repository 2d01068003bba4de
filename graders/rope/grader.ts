/**
 * Grader for rotary position embeddings: ropeFrequencies and applyRope. Both pairing
 * styles, an offset, another base, rank 2–4 and positions in the thousands; the bugs are
 * the ways a rotation can be almost right.
 */
import { z } from "zod";
import { defineGrader } from "../engine/grader.js";
import { nd, type NdArray } from "../engine/ndarray.js";
import { jsonArg, numberArg, tensorArg } from "../engine/ref-args.js";
import { applyRope, applyRopeVjp, ropeFrequencies, type RopeOptions } from "../reference/rope.js";
import zh from "./zh.js";

interface Variant {
  theta?: (i: number, dim: number, base: number) => number;
  swapStyle?: boolean;
  positionShift?: number;
  sign?: 1 | -1;
  ignoreOffset?: boolean;
  /** Added to a non-zero offset only (a cache length read as the last position: offset − 1). */
  offsetShift?: number;
  ignoreBase?: boolean;
}

/** RoPE with one thing done differently — each bug hypothesis is one of these. */
export function ropeVariant(x: NdArray, opts: RopeOptions = {}, v: Variant = {}): NdArray {
  const dim = x.shape[x.shape.length - 1];
  const L = x.shape[x.shape.length - 2];
  const base = v.ignoreBase ? 10000 : (opts.base ?? 10000);
  const given = opts.offset ?? 0;
  const offset = v.ignoreOffset ? 0 : given + (given > 0 ? (v.offsetShift ?? 0) : 0);
  let style = opts.style ?? "interleaved";
  if (v.swapStyle) style = style === "interleaved" ? "half" : "interleaved";
  const theta = v.theta ?? ((i, d, b) => Math.pow(b, (-2 * i) / d));
  const half = dim / 2;
  const out = nd(x.shape);
  for (let row = 0; row < x.data.length / dim; row++) {
    const m = offset + (row % L) + (v.positionShift ?? 0);
    for (let i = 0; i < half; i++) {
      const [a, b] = style === "interleaved" ? [2 * i, 2 * i + 1] : [i, i + half];
      const phi = (v.sign ?? 1) * m * theta(i, dim, base);
      const xa = x.data[row * dim + a];
      const xb = x.data[row * dim + b];
      out.data[row * dim + a] = xa * Math.cos(phi) - xb * Math.sin(phi);
      out.data[row * dim + b] = xa * Math.sin(phi) + xb * Math.cos(phi);
    }
  }
  return out;
}

/** The options argument: { offset?, base?, style? }, {} when omitted. */
const RopeOptionsArg = z.strictObject({ offset: z.number().optional(), base: z.number().optional(), style: z.enum(["interleaved", "half"]).optional() });
const optionsOf = (opts: unknown): RopeOptions => jsonArg(opts ?? {}, RopeOptionsArg);
const variant =
  (v: Variant) =>
  ([x, opts]: readonly unknown[]) =>
    ropeVariant(tensorArg(x), optionsOf(opts), v);

function frequencies(dim: number, theta: (i: number) => number): NdArray {
  return nd(
    [dim / 2],
    Array.from({ length: dim / 2 }, (_, i) => theta(i)),
  );
}

/**
 * The option draws every applyRope case varies over — each style × a non-default base × a
 * non-zero offset (issue 9) — at the case's own dims and x shape.
 */
const ROPE_OPTION_DRAWS = [
  {},
  { style: "half" },
  { style: "interleaved", base: 500, offset: 7 },
  { style: "half", base: 50, offset: 3 },
  { offset: 1 },
  { style: "half", base: 100000, offset: 40 },
];

function ropeVary(dims: Record<string, [number, number] | [number, number, "even"]>, x: (string | number)[]) {
  return { dims, shapes: { x }, json: { options: { oneOf: ROPE_OPTION_DRAWS } } };
}

export default defineGrader({
  zh,
  spec: {
    id: "rope",
    title: "Rotary position embeddings",
    points: { exports: 1, forbidden: 0, inputs: 1 },
    cases: [
      {
        id: "frequencies",
        title: "ropeFrequencies(8)",
        fn: "ropeFrequencies",
        seed: 61,
        vary: { dims: { D: [2, 64, "even"] }, json: { dim: "D" } },
        args: [
          { kind: "json", name: "dim", value: 8 },
          { kind: "omit", name: "base" },
        ],
        points: 2,
      },
      {
        id: "frequencies-base",
        title: "ropeFrequencies(6, 500)",
        fn: "ropeFrequencies",
        seed: 62,
        vary: { dims: { D: [2, 64, "even"] }, json: { dim: "D", base: { oneOf: [10, 500, 1e5] } } },
        args: [
          { kind: "json", name: "dim", value: 6 },
          { kind: "json", name: "base", value: 500 },
        ],
        points: 1,
      },
      {
        id: "frequencies-odd",
        title: "ropeFrequencies(5) must throw",
        fn: "ropeFrequencies",
        seed: 63,
        expect: "throws",
        args: [
          { kind: "json", name: "dim", value: 5 },
          { kind: "omit", name: "base" },
        ],
        points: 1,
      },
      {
        id: "interleaved",
        title: "x [2, 5, 8], default options (interleaved, offset 0)",
        fn: "applyRope",
        seed: 64,
        vary: ropeVary({ B: [1, 4], L: [1, 64], D: [2, 32, "even"] }, ["B", "L", "D"]),
        args: [
          { kind: "tensor", name: "x", shape: [2, 5, 8] },
          { kind: "json", name: "options", value: {} },
        ],
        points: 3,
        gradient: { of: null, points: 2 },
      },
      {
        id: "half",
        title: "x [2, 5, 8], half-split pairs",
        fn: "applyRope",
        seed: 65,
        vary: ropeVary({ B: [1, 4], L: [1, 64], D: [2, 32, "even"] }, ["B", "L", "D"]),
        args: [
          { kind: "tensor", name: "x", shape: [2, 5, 8] },
          { kind: "json", name: "options", value: { style: "half" } },
        ],
        points: 3,
        gradient: { of: null, points: 2 },
      },
      {
        id: "offset",
        title: "x [1, 4, 6] at offset 3 (a KV-cache continuation)",
        fn: "applyRope",
        seed: 66,
        vary: ropeVary({ B: [1, 3], L: [1, 24], D: [2, 16, "even"] }, ["B", "L", "D"]),
        args: [
          { kind: "tensor", name: "x", shape: [1, 4, 6] },
          { kind: "json", name: "options", value: { offset: 3, style: "interleaved" } },
        ],
        points: 2,
        gradient: { of: null, points: 1 },
      },
      {
        id: "other-base",
        title: "rank 2 x [6, 4], base 500, half-split",
        fn: "applyRope",
        seed: 67,
        vary: ropeVary({ L: [1, 64], D: [2, 32, "even"] }, ["L", "D"]),
        args: [
          { kind: "tensor", name: "x", shape: [6, 4] },
          { kind: "json", name: "options", value: { base: 500, style: "half" } },
        ],
        points: 2,
        gradient: { of: null, points: 1 },
      },
      {
        id: "rank4",
        title: "rank 4 x [2, 2, 3, 4], half-split, offset 1",
        fn: "applyRope",
        seed: 68,
        vary: ropeVary({ B: [1, 3], H: [1, 8], L: [1, 16], D: [2, 16, "even"] }, ["B", "H", "L", "D"]),
        args: [
          { kind: "tensor", name: "x", shape: [2, 2, 3, 4] },
          { kind: "json", name: "options", value: { style: "half", offset: 1 } },
        ],
        points: 1,
        gradient: { of: null, points: 1 },
      },
      {
        id: "large-positions",
        title: "positions 3000–3003, dim 16",
        fn: "applyRope",
        seed: 69,
        vary: { dims: { L: [1, 8], D: [2, 32, "even"] }, shapes: { x: [1, "L", "D"] } },
        args: [
          { kind: "tensor", name: "x", shape: [1, 4, 16] },
          { kind: "json", name: "options", value: { offset: 3000 } },
        ],
        points: 2,
        // Angles near 3000 rad carry float32 rounding of ~3000·2⁻²⁴ ≈ 2e-4 if computed in tf.
        tolerance: 50,
      },
      {
        id: "odd-dim",
        title: "x with an odd last dimension must throw",
        fn: "applyRope",
        seed: 70,
        expect: "throws",
        args: [
          { kind: "tensor", name: "x", shape: [2, 3, 5] },
          { kind: "json", name: "options", value: {} },
        ],
        points: 1,
      },
    ],
    properties: [
      {
        id: "norm-preserving",
        title: "Rotation preserves the norm of every row",
        kind: "norm-preserving",
        case: "interleaved",
        points: 1,
        params: { arg: "x" },
      },
      { id: "identity-at-zero", title: "Position 0 is left unchanged", kind: "identity-at-zero", case: "interleaved", points: 1, params: { arg: "x" } },
      {
        id: "relative-position",
        title: "⟨R_m q, R_n k⟩ depends only on n − m",
        kind: "relative-position",
        case: "half",
        points: 1,
        params: { arg: "x", shift: 7 },
      },
    ],
  },
  references: {
    ropeFrequencies: ([dim, base]) => ({ value: ropeFrequencies(numberArg(dim), numberArg(base, 10000)) }),
    applyRope: ([x, opts]) => {
      const o = optionsOf(opts);
      return { value: applyRope(tensorArg(x), o), vjp: (c) => ({ x: applyRopeVjp(c, o) }) };
    },
  },
  bugs: [
    {
      id: "wrong-frequency-exponent",
      fn: "ropeFrequencies",
      title: "θ_i = base^(−i/d) instead of base^(−2i/d)",
      advice: "Pair i (of d/2 pairs) has θ_i = base^(−2i/d), so the frequencies run from 1 down to about 1/base.",
      kernel: ([dim, base]) => frequencies(numberArg(dim), (i) => Math.pow(numberArg(base, 10000), -i / numberArg(dim))),
    },
    {
      id: "ignores-base",
      fn: "ropeFrequencies",
      title: "the base argument is ignored",
      advice: "Use the given base (10000 only by default); long-context models raise it.",
      kernel: ([dim]) => ropeFrequencies(numberArg(dim), 10000),
    },
    {
      id: "no-odd-dim-error",
      fn: "ropeFrequencies",
      title: "no error for an odd dimension",
      advice: "RoPE rotates pairs: throw an Error when dim is odd.",
      missingThrow: true,
    },
    {
      id: "same-angle-all-pairs",
      fn: "applyRope",
      title: "every pair rotated by the same angle",
      advice:
        "Each pair i has its own frequency θ_i = base^(−2i/d): fast-rotating pairs resolve nearby positions, slow ones distant positions. One angle for all pairs loses that multi-scale code.",
      kernel: variant({ theta: () => 1 }),
    },
    {
      id: "swapped-style",
      fn: "applyRope",
      title: "pairing styles swapped",
      advice: '"interleaved" pairs (x[2i], x[2i+1]) as in RoFormer and GPT-J; "half" pairs (x[i], x[i + d/2]) as in GPT-NeoX and LLaMA\'s Hugging Face code.',
      kernel: variant({ swapStyle: true }),
    },
    {
      id: "wrong-frequency-exponent",
      fn: "applyRope",
      title: "θ_i = base^(−i/d) instead of base^(−2i/d)",
      advice: "Pair i has θ_i = base^(−2i/d).",
      kernel: variant({ theta: (i, d, b) => Math.pow(b, -i / d) }),
    },
    {
      id: "ignores-offset",
      fn: "applyRope",
      title: "the offset is ignored",
      advice: "Row t sits at position offset + t — with a KV cache, new tokens continue where the cache ends.",
      kernel: variant({ ignoreOffset: true }),
    },
    {
      id: "offset-minus-one",
      fn: "applyRope",
      title: "row t placed at position offset − 1 + t",
      advice:
        "The offset is the number of positions before this call (the cache length), so the first new row sits at position offset itself, not offset − 1. At offset 1 this looks like an ignored offset; a case at offset 3 tells them apart.",
      kernel: variant({ offsetShift: -1 }),
      variants: [variant({ positionShift: -1 })],
    },
    {
      id: "positions-from-one",
      fn: "applyRope",
      title: "positions counted from 1",
      advice: "The first row is position offset + 0; position 0 is not rotated at all.",
      kernel: variant({ positionShift: 1 }),
    },
    {
      id: "rotation-sign-flipped",
      fn: "applyRope",
      title: "rotation in the wrong direction",
      advice:
        "(a, b) → (a cos φ − b sin φ, a sin φ + b cos φ). A flipped sign still preserves norms and relative positions, but it is not the published RoPE and won't match pretrained weights.",
      kernel: variant({ sign: -1 }),
    },
    {
      id: "ignores-base",
      fn: "applyRope",
      title: "the base option is ignored",
      advice: "Use options.base when given (default 10000).",
      kernel: variant({ ignoreBase: true }),
    },
    {
      id: "no-odd-dim-error",
      fn: "applyRope",
      title: "no error for an odd last dimension",
      advice: "RoPE rotates pairs: throw an Error when the last dimension is odd.",
      missingThrow: true,
    },
  ],
});
