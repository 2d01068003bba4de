/**
 * Grader for tiled attention with an online softmax. Keys grow along the key axis (a ramp
 * of row shifts), so later blocks hold larger maxima and a missing rescale shows; a last
 * block shorter than the others, rank 4, causal masks of two lengths, and a call whose size
 * is measured: nothing it creates may reach B·Lq·Lk elements.
 */
import { z } from "zod";
import { defineGrader } from "../engine/grader.js";
import { jsonArg, tensorArg, type RefArgs } from "../engine/ref-args.js";
import { EXACT_RULES, tiledAttention, tiledAttentionVjp, tiledAttentionWith, type TiledOptions, type TilingRules } from "../reference/flash.js";
import zh from "./zh.js";

const OptionsArg = z.strictObject({ blockSize: z.number(), causal: z.boolean().optional() });
const optionsOf = (o: unknown): TiledOptions => jsonArg(o, OptionsArg);

/** The learner's loop under other rules — each bug hypothesis is one of these. */
const withRules = (rules: Partial<TilingRules>) => (a: RefArgs) =>
  tiledAttentionWith(tensorArg(a[0]), tensorArg(a[1]), tensorArg(a[2]), optionsOf(a[3]), { ...EXACT_RULES, ...rules });

/** Shifts that rise block after block along the key axis: each key block's scores exceed the last. */
const rising = (lk: number, step: number) => Array.from({ length: lk }, (_, j) => step * j);

const tensor = (name: string, shape: number[], extra: Record<string, unknown> = {}) => ({ kind: "tensor" as const, name, shape, ...extra });
type Range = [number, number];
/**
 * Hidden draws: the key length is whole blocks plus a remainder (NB·BS + R), so it reaches
 * four blocks and more, up to about 64 keys, with ragged last blocks where R > 0.
 */
const varyTiled = (dims: Record<string, Range>, lead: string[], causal: boolean) => ({
  dims: { D: [1, 8] as Range, DV: [1, 8] as Range, Lq: [1, 16] as Range, ...dims },
  shapes: {
    q: [...lead, causal ? "NB*BS+R" : "Lq", "D"],
    k: [...lead, "NB*BS+R", "D"],
    v: [...lead, "NB*BS+R", "DV"],
  },
  json: { options: { fields: { blockSize: "BS" } } },
});
const options = (value: TiledOptions) => ({ kind: "json" as const, name: "options", value });

export default defineGrader({
  zh,
  spec: {
    id: "flash",
    title: "Tiled attention with an online softmax",
    points: { exports: 1, forbidden: 0, inputs: 1 },
    cases: [
      {
        id: "rising-maxima",
        title: "Lq = 8, Lk = 32 in 4 blocks of 8, the scores rising from block to block",
        fn: "tiledAttention",
        seed: 401,
        vary: varyTiled({ B: [1, 4], BS: [2, 10], NB: [4, 8], R: [0, 0] }, ["B"], false),
        args: [
          tensor("q", [2, 8, 4], { shift: 0.8 }),
          tensor("k", [2, 32, 4], { rowShifts: rising(32, 0.08) }),
          tensor("v", [2, 32, 3]),
          options({ blockSize: 8 }),
        ],
        points: 3,
        gradient: { of: null, points: 3 },
      },
      {
        id: "ragged-rank4",
        title: "rank 4 [1, 2, ·, ·], Lk = 19 in blocks of 4 (the last block has 3 keys)",
        fn: "tiledAttention",
        seed: 402,
        vary: varyTiled({ B: [1, 3], H: [1, 4], BS: [4, 9], NB: [2, 7], R: [1, 3] }, ["B", "H"], false),
        args: [
          tensor("q", [1, 2, 5, 4], { shift: 0.5 }),
          tensor("k", [1, 2, 19, 4], { rowShifts: rising(19, 0.1) }),
          tensor("v", [1, 2, 19, 2]),
          options({ blockSize: 4 }),
        ],
        points: 2,
        gradient: { of: null, points: 2 },
      },
      {
        id: "causal",
        title: "causal, L = 12 in blocks of 4",
        fn: "tiledAttention",
        seed: 403,
        vary: varyTiled({ B: [1, 4], BS: [2, 8], NB: [2, 8], R: [0, 3] }, ["B"], true),
        args: [
          tensor("q", [2, 12, 4], { shift: 0.8 }),
          tensor("k", [2, 12, 4], { rowShifts: rising(12, 0.15) }),
          tensor("v", [2, 12, 3]),
          options({ blockSize: 4, causal: true }),
        ],
        points: 3,
        gradient: { of: null, points: 2 },
      },
      {
        id: "causal-ragged",
        title: "causal, L = 10 in blocks of 3 (the last block has 1 key)",
        fn: "tiledAttention",
        seed: 404,
        vary: varyTiled({ B: [1, 3], BS: [3, 8], NB: [2, 8], R: [1, 2] }, ["B"], true),
        visible: false,
        args: [
          tensor("q", [1, 10, 4], { shift: 0.6 }),
          tensor("k", [1, 10, 4], { rowShifts: rising(10, 0.2) }),
          tensor("v", [1, 10, 2]),
          options({ blockSize: 3, causal: true }),
        ],
        points: 2,
        gradient: { of: null, points: 1 },
      },
      {
        id: "one-block",
        title: "blockSize 16 ≥ Lk = 6: a single block, plain attention",
        fn: "tiledAttention",
        seed: 405,
        vary: {
          dims: { B: [1, 4], Lq: [1, 16], Lk: [1, 16], D: [1, 8], DV: [1, 8] },
          shapes: { q: ["B", "Lq", "D"], k: ["B", "Lk", "D"], v: ["B", "Lk", "DV"] },
          json: { options: { fields: { blockSize: { oneOf: [16, 32, 64] } } } },
        },
        args: [tensor("q", [1, 3, 4]), tensor("k", [1, 6, 4]), tensor("v", [1, 6, 5]), options({ blockSize: 16 })],
        points: 1,
        gradient: { of: null, points: 1 },
      },
      {
        id: "causal-lengths-differ",
        title: "causal with Lq = 4, Lk = 6 must throw",
        fn: "tiledAttention",
        seed: 406,
        expect: "throws",
        args: [tensor("q", [1, 4, 4]), tensor("k", [1, 6, 4]), tensor("v", [1, 6, 4]), options({ blockSize: 2, causal: true })],
        points: 1,
      },
    ],
    properties: [
      {
        id: "no-full-score-matrix",
        title: "Never holds a tensor of B·Lq·Lk elements (Lk = 4·blockSize)",
        kind: "bounded-intermediates",
        case: "rising-maxima",
        points: 2,
        params: { q: "q", k: "k" },
      },
      {
        id: "causal",
        title: "Under the causal flag, the output at t does not depend on keys and values after t",
        kind: "causal",
        case: "causal",
        points: 1,
        params: { t: 5, perturb: ["k", "v"], field: null },
      },
    ],
  },
  references: {
    tiledAttention: ([q, k, v, o]) => {
      const args = [tensorArg(q), tensorArg(k), tensorArg(v)] as const;
      const opts = optionsOf(o);
      return {
        value: tiledAttention(...args, opts),
        vjp: (c) => {
          const g = tiledAttentionVjp(...args, opts, c);
          return { q: g.dq, k: g.dk, v: g.dv };
        },
      };
    },
  },
  bugs: [
    {
      id: "no-rescale",
      fn: "tiledAttention",
      title: "the running sum and output are not rescaled when the max grows",
      advice:
        "Whatever you accumulated was computed as exp(s − m_old). When a block raises the max to m_new, multiply the running sum and the running output by exp(m_old − m_new) before adding the block's terms.",
      kernel: withRules({ rescaleSum: false, rescaleOutput: false }),
      variants: [withRules({ rescaleSum: false }), withRules({ rescaleOutput: false })],
    },
    {
      id: "causal-diagonal-unmasked",
      fn: "tiledAttention",
      title: "causal: a block that starts at or before the query is used whole, future keys included",
      advice:
        "Skipping the blocks that start after query i is only half of it: the block on the diagonal still holds keys after i. Mask key j > i inside that block.",
      kernel: withRules({ sees: (i, _j, block, bs, causal) => !causal || block * bs <= i }),
    },
    {
      id: "causal-diagonal-skipped",
      fn: "tiledAttention",
      title: "causal: the block on the diagonal is skipped",
      advice:
        "Query i sees keys 0 … i, itself included: the block that contains key i must be processed (masked beyond i), not skipped with the blocks after it.",
      kernel: withRules({ sees: (i, _j, block, bs, causal) => !causal || (block + 1) * bs - 1 <= i }),
      variants: [withRules({ sees: (i, _j, block, bs, causal) => !causal || block < Math.floor(i / bs) })],
    },
    {
      id: "ignores-causal",
      fn: "tiledAttention",
      title: "the causal option is ignored",
      advice: "With causal: true, query i may see only keys 0 … i.",
      kernel: withRules({ sees: () => true }),
    },
    {
      id: "drops-last-block",
      fn: "tiledAttention",
      title: "the last, shorter block of keys is dropped",
      advice: "Lk need not be a multiple of blockSize: loop while start < Lk and take min(blockSize, Lk − start) keys in the last block.",
      kernel: withRules({ blockCount: (lk, bs) => Math.floor(lk / bs) }),
    },
    {
      id: "no-causal-length-check",
      fn: "tiledAttention",
      title: "no error for causal attention with Lq ≠ Lk",
      advice: 'The causal mask "key j ≤ query i" assumes queries and keys share positions: throw an Error when causal is true and Lq ≠ Lk.',
      missingThrow: true,
    },
  ],
});
