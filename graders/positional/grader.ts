/**
 * Grader for sinusoidalEncoding: both layouts, offsets, a single pair, positions near
 * 3000, the odd-dModel error, and that an offset table continues a longer one. No tensor
 * goes in and no gradient comes out: the table is fixed. Hidden draws vary seqLen (up to
 * 64), an even dModel and the options.
 */
import { z } from "zod";
import { defineGrader } from "../engine/grader.js";
import { jsonArg, numberArg } from "../engine/ref-args.js";
import { sinusoidalEncoding, sinusoidalVariant, type PeOptions, type PeVariant } from "../reference/positional.js";
import zh from "./zh.js";

const PeOptionsArg = z.strictObject({ offset: z.number().optional(), layout: z.enum(["interleaved", "concat"]).optional() });
const optionsOf = (opts: unknown): PeOptions => jsonArg(opts ?? {}, PeOptionsArg);
const variant =
  (v: PeVariant) =>
  ([n, d, opts]: readonly unknown[]) =>
    sinusoidalVariant(numberArg(n), numberArg(d), optionsOf(opts), v);

const call = (seqLen: number, dModel: number, options?: PeOptions) => [
  { kind: "json" as const, name: "seqLen", value: seqLen },
  { kind: "json" as const, name: "dModel", value: dModel },
  options === undefined ? { kind: "omit" as const, name: "options" } : { kind: "json" as const, name: "options", value: options },
];

/**
 * Hidden draws: seqLen N and an even dModel D, and the options drawn from `options`. Away
 * from the large-positions case offsets stay ≤ 16, so positions stay below 80, where a
 * float32 angle (p·ω rounded) is still well inside the backend tolerance.
 */
const varyTable = (n: [number, number], d: [number, number], options?: PeOptions[]) => ({
  dims: { N: n, D: [d[0], d[1], "even"] as [number, number, "even"] },
  json: { seqLen: "N", dModel: "D", ...(options ? { options: { oneOf: options } } : {}) },
});
const ANY_OPTIONS: PeOptions[] = [{}, { offset: 3 }, { layout: "concat" }, { offset: 16, layout: "concat" }, { offset: 9, layout: "interleaved" }];
const CONCAT_OPTIONS: PeOptions[] = [{ layout: "concat" }, { layout: "concat", offset: 1 }, { layout: "concat", offset: 9 }, { layout: "concat", offset: 16 }];
const OFFSET_OPTIONS: PeOptions[] = [{ offset: 1 }, { offset: 7 }, { offset: 16 }, { offset: 12, layout: "interleaved" }, { offset: 5, layout: "concat" }];
/** Positions near 3000 at most, as in the public case: the 50× tolerance is sized for them. */
const LARGE_OFFSETS: PeOptions[] = [{ offset: 3000 }, { offset: 2000, layout: "concat" }, { offset: 1000 }, { offset: 2990, layout: "concat" }];

export default defineGrader({
  zh,
  spec: {
    id: "positional",
    title: "Sinusoidal positional encoding",
    points: { exports: 1, forbidden: 0, inputs: 0 },
    cases: [
      {
        id: "default",
        title: "sinusoidalEncoding(6, 8): interleaved, from position 0",
        fn: "sinusoidalEncoding",
        seed: 301,
        vary: varyTable([1, 64], [2, 64]),
        args: call(6, 8),
        points: 3,
      },
      {
        id: "concat",
        title: 'sinusoidalEncoding(5, 8, { layout: "concat" })',
        fn: "sinusoidalEncoding",
        seed: 302,
        vary: varyTable([1, 64], [2, 64], CONCAT_OPTIONS),
        args: call(5, 8, { layout: "concat" }),
        points: 2,
      },
      {
        id: "offset",
        title: "sinusoidalEncoding(4, 6, { offset: 10 })",
        fn: "sinusoidalEncoding",
        seed: 303,
        vary: varyTable([1, 48], [2, 48], OFFSET_OPTIONS),
        args: call(4, 6, { offset: 10 }),
        points: 2,
      },
      {
        id: "concat-offset",
        title: 'sinusoidalEncoding(3, 12, { offset: 2, layout: "concat" })',
        fn: "sinusoidalEncoding",
        seed: 304,
        vary: varyTable(
          [1, 48],
          [2, 64],
          CONCAT_OPTIONS.filter((o) => o.offset !== undefined),
        ),
        args: call(3, 12, { offset: 2, layout: "concat" }),
        points: 2,
      },
      {
        id: "one-pair",
        title: "sinusoidalEncoding(5, 2): a single (sin, cos) pair",
        fn: "sinusoidalEncoding",
        seed: 305,
        vary: varyTable([1, 64], [2, 2], ANY_OPTIONS),
        args: call(5, 2, {}),
        points: 1,
      },
      {
        id: "large-positions",
        title: "positions 3000–3003, dModel 16",
        fn: "sinusoidalEncoding",
        seed: 306,
        vary: varyTable([1, 8], [2, 32], LARGE_OFFSETS),
        args: call(4, 16, { offset: 3000 }),
        points: 2,
        // A float32 angle near 3000 rad is off by up to ~3000·2⁻²⁴ ≈ 2e-4, and so is its sine:
        // 50× the backend tolerance accepts tf ops in float32 and still rejects every listed bug.
        tolerance: 50,
      },
      {
        id: "odd-dmodel",
        title: "sinusoidalEncoding(4, 7) must throw (odd dModel)",
        fn: "sinusoidalEncoding",
        seed: 307,
        expect: "throws",
        args: call(4, 7),
        points: 1,
      },
      {
        id: "hidden-interleaved",
        title: "sinusoidalEncoding(7, 10, { offset: 5 })",
        fn: "sinusoidalEncoding",
        seed: 308,
        vary: varyTable([1, 64], [2, 64], ANY_OPTIONS),
        visible: false,
        args: call(7, 10, { offset: 5 }),
        points: 1,
      },
      {
        id: "hidden-concat",
        title: 'sinusoidalEncoding(6, 4, { layout: "concat" })',
        fn: "sinusoidalEncoding",
        seed: 309,
        vary: varyTable([1, 64], [2, 64], CONCAT_OPTIONS),
        visible: false,
        args: call(6, 4, { layout: "concat" }),
        points: 1,
      },
    ],
    properties: [
      {
        id: "offset-continues",
        title: "A table at offset o + 5 equals rows 5… of a longer table at o",
        kind: "offset-consistent",
        case: "offset",
        points: 1,
        params: { lengthArg: "seqLen", shift: 5 },
      },
    ],
  },
  references: {
    sinusoidalEncoding: ([n, d, opts]) => ({ value: sinusoidalEncoding(numberArg(n), numberArg(d), optionsOf(opts)) }),
  },
  bugs: [
    {
      id: "exponent-i-over-d",
      fn: "sinusoidalEncoding",
      title: "ω_i = 10000^(−i/d) instead of 10000^(−2i/d)",
      advice: "Pair i has ω_i = 10000^(−2i/dModel): the wavelengths run from 2π to about 2π·10000 across the d/2 pairs. With i/d they stop at 2π·100.",
      kernel: variant({ omega: (i, _col, d) => Math.pow(10000, -i / d) }),
    },
    {
      id: "exponent-column-index",
      fn: "sinusoidalEncoding",
      title: "the exponent uses each column's own index, so sin and cos of a pair get different frequencies",
      advice:
        "Both columns of pair i share ω_i = 10000^(−2i/dModel); in the interleaved layout 2i is the index of the sine column, and the cosine column 2i + 1 uses the same 2i.",
      kernel: variant({ omega: (_i, col, d) => Math.pow(10000, -col / d) }),
    },
    {
      id: "sin-cos-swapped",
      fn: "sinusoidalEncoding",
      title: "sin and cos swapped",
      advice: 'The first column of each pair (even columns, or the first half in "concat") is the sine; position 0 is then (0, 1, 0, 1, …).',
      kernel: variant({ swapSinCos: true }),
    },
    {
      id: "layouts-swapped",
      fn: "sinusoidalEncoding",
      title: "the layouts mixed up",
      advice:
        '"interleaved" (the default) is [sin ω₀p, cos ω₀p, sin ω₁p, …], the paper\'s PE(p, 2i), PE(p, 2i+1); "concat" puts every sine first, then every cosine.',
      kernel: variant({ swapLayout: true }),
    },
    {
      id: "positions-from-one",
      fn: "sinusoidalEncoding",
      title: "positions counted from 1",
      advice: "Row t is position offset + t: the first row of a default table is position 0, sin 0 = 0 and cos 0 = 1.",
      kernel: variant({ positionShift: 1 }),
    },
    {
      id: "offset-ignored",
      fn: "sinusoidalEncoding",
      title: "the offset is ignored",
      advice: "options.offset moves every row: with a KV cache, new tokens continue where the cache ends.",
      kernel: variant({ ignoreOffset: true }),
    },
    {
      id: "no-odd-check",
      fn: "sinusoidalEncoding",
      title: "no error for an odd dModel",
      advice: "The encoding is made of (sin, cos) pairs: throw an Error when dModel is odd.",
      missingThrow: true,
    },
  ],
});
