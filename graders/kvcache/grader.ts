/**
 * Grader for a decoding step with a KV cache. Prefills from an empty cache, single tokens
 * and chunks after a cache, both RoPE styles; the returned cache is compared too, decoding a
 * prompt one token at a time must reproduce the one-call result (property "stepwise"), and
 * no new token may see the ones after it.
 */
import { z } from "zod";
import { defineGrader } from "../engine/grader.js";
import type { NdArray } from "../engine/ndarray.js";
import { jsonArg, numberArg, tensorArg, weightsArg, type RefArgs } from "../engine/ref-args.js";
import { scaledDotProductAttention } from "../reference/attention.js";
import { concatAxis, decodeMask, decodeStep, decodeStepVjp, type DecodeOptions, type KvCache } from "../reference/kvcache.js";
import { linear, mergeHeads, splitHeads, type MhaWeightsNd } from "../reference/mha.js";
import { applyRope } from "../reference/rope.js";
import zh from "./zh.js";

const OptionsArg = z.strictObject({
  rope: z.strictObject({ base: z.number().optional(), style: z.enum(["interleaved", "half"]).optional() }).optional(),
});

type DecodeArgs = [NdArray, KvCache, MhaWeightsNd, number, DecodeOptions];
/** xNew, the cache { k, v }, the weights, numHeads and the options ({} when omitted). */
const decodeArgs = (a: RefArgs): DecodeArgs => [
  tensorArg(a[0]),
  weightsArg(a[1], ["k", "v"]),
  weightsArg(a[2], ["wq", "wk", "wv", "wo"]),
  numberArg(a[3]),
  jsonArg(a[4] ?? {}, OptionsArg),
];

interface Variant {
  seesFuture?: boolean;
  ropeAtZero?: boolean;
  ropeOnValues?: boolean;
  /** How the returned cache is laid out or grown. */
  cache?: "new-only" | "heads-merged" | "head-axis" | "unrotated";
}

/** The flat fields a reference or hypothesis returns: output, cache.k, cache.v. */
const fields = (output: NdArray, k: NdArray, v: NdArray) => ({ output, "cache.k": k, "cache.v": v });

/** A decoding step with one thing done differently — each bug hypothesis is one of these. */
export function decodeVariant(...[xNew, cache, w, h, opts, v]: [...DecodeArgs, Variant]) {
  const t = cache.k.shape[2];
  const n = xNew.shape[1];
  const rope = (x: NdArray, offset: number) =>
    opts.rope ? applyRope(x, { offset, base: opts.rope.base ?? 10000, style: opts.rope.style ?? "interleaved" }) : x;
  const Q = rope(splitHeads(linear(xNew, w.wq, w.bq), h), v.ropeAtZero ? 0 : t);
  const rawK = splitHeads(linear(xNew, w.wk, w.bk), h);
  const rawV = splitHeads(linear(xNew, w.wv, w.bv), h);
  const Kn = rope(rawK, v.ropeAtZero ? 0 : t);
  const Vn = v.ropeOnValues ? rope(rawV, t) : rawV;
  // "unrotated": the cache keeps keys before RoPE, and every key is rotated afresh at positions 0 … t+n−1.
  const K = v.cache === "unrotated" ? rope(concatAxis(cache.k, rawK, 2), 0) : concatAxis(cache.k, Kn, 2);
  const V = concatAxis(cache.v, Vn, 2);
  const mask = decodeMask(t, n);
  if (v.seesFuture) mask.data.fill(1);
  const output = linear(mergeHeads(scaledDotProductAttention(Q, K, V, mask).output), w.wo, w.bo);
  switch (v.cache) {
    case "new-only":
      return fields(output, Kn, Vn);
    case "heads-merged":
      return fields(output, mergeHeads(K), mergeHeads(V));
    case "head-axis":
      if (t !== n) throw new Error("concatenation along the head axis needs t = n");
      return fields(output, concatAxis(cache.k, Kn, 1), concatAxis(cache.v, Vn, 1));
    case "unrotated":
      return fields(output, concatAxis(cache.k, rawK, 2), V);
    default:
      return fields(output, K, V);
  }
}

const variant = (v: Variant) => (a: RefArgs) => decodeVariant(...decodeArgs(a), v);

const D = 8;
const weightEntries = (withBiases: boolean) => [
  ...(["wq", "wk", "wv", "wo"] as const).map((name) => ({ kind: "tensor" as const, name, shape: [D, D], scale: 1 / Math.sqrt(D) })),
  ...(withBiases ? (["bq", "bk", "bv", "bo"] as const).map((name) => ({ kind: "tensor" as const, name, shape: [D], scale: 0.5 })) : []),
];
/** A cache of t positions; an empty one (t = 0) has nothing to differentiate. */
const cacheArg = (b: number, h: number, t: number) => ({
  kind: "weights" as const,
  name: "cache",
  entries: (["k", "v"] as const).map((name) => ({ kind: "tensor" as const, name, shape: [b, h, t, D / h], differentiable: t > 0 })),
});
/**
 * Hidden draws: batch, heads, head width (even, for RoPE), the cached length t and the new
 * tokens n are drawn; the model width is heads × head width.
 */
const varyShapes = (withBiases: boolean) => ({
  xNew: ["B", "N", "H*DH"],
  "cache.k": ["B", "H", "T", "DH"],
  "cache.v": ["B", "H", "T", "DH"],
  ...Object.fromEntries((["wq", "wk", "wv", "wo"] as const).map((n) => [`w.${n}`, ["H*DH", "H*DH"]])),
  ...(withBiases ? Object.fromEntries((["bq", "bk", "bv", "bo"] as const).map((n) => [`w.${n}`, ["H*DH"]])) : {}),
});
/** RoPE options a hidden draw picks from: both styles, default and other bases. */
const ROPE_CHOICES: DecodeOptions[] = [
  { rope: {} },
  { rope: { style: "half" } },
  { rope: { style: "half", base: 500 } },
  { rope: { style: "interleaved", base: 2000 } },
];
const vary = (dims: Record<string, [number, number] | [number, number, "even"]>, withBiases: boolean, rope: boolean) => ({
  dims: { B: [1, 4] as [number, number], H: [1, 8] as [number, number], DH: [2, 8, "even"] as [number, number, "even"], ...dims },
  shapes: varyShapes(withBiases),
  json: { numHeads: "H", ...(rope ? { options: { oneOf: ROPE_CHOICES } } : {}) },
});
const options = (value: DecodeOptions) => ({ kind: "json" as const, name: "options", value });
const heads = (h: number) => ({ kind: "json" as const, name: "numHeads", value: h });

export default defineGrader({
  zh,
  spec: {
    id: "kvcache",
    title: "Decoding with a KV cache",
    points: { exports: 1, forbidden: 0, inputs: 1 },
    cases: [
      {
        id: "prefill",
        title: "prefill: 4 tokens into an empty cache (t = 0), 2 heads, biases, no RoPE",
        fn: "decodeStep",
        seed: 501,
        vary: vary({ T: [0, 0], N: [1, 40] }, true, false),
        args: [
          { kind: "tensor", name: "xNew", shape: [2, 4, D] },
          cacheArg(2, 2, 0),
          { kind: "weights", name: "w", entries: weightEntries(true) },
          heads(2),
          options({}),
        ],
        points: 2,
        gradient: { of: "output", points: 2 },
      },
      {
        id: "prefill-rope",
        title: "prefill with RoPE: 5 tokens into an empty cache, no biases",
        fn: "decodeStep",
        seed: 502,
        vary: vary({ T: [0, 0], N: [2, 24] }, false, true),
        args: [
          { kind: "tensor", name: "xNew", shape: [1, 5, D] },
          cacheArg(1, 2, 0),
          { kind: "weights", name: "w", entries: weightEntries(false) },
          heads(2),
          options({ rope: {} }),
        ],
        points: 2,
        gradient: { of: "output", points: 1 },
      },
      {
        id: "one-token-rope",
        title: "one new token after a cache of t = 5, RoPE (interleaved) at position 5",
        fn: "decodeStep",
        seed: 503,
        vary: vary({ T: [1, 64], N: [1, 1] }, true, true),
        args: [
          { kind: "tensor", name: "xNew", shape: [2, 1, D] },
          cacheArg(2, 2, 5),
          { kind: "weights", name: "w", entries: weightEntries(true) },
          heads(2),
          options({ rope: {} }),
        ],
        points: 3,
        gradient: { of: "output", points: 2 },
      },
      {
        id: "chunk-rope-half",
        title: "3 new tokens after a cache of t = 3, 4 heads, RoPE half-split with base 500",
        fn: "decodeStep",
        seed: 504,
        vary: vary({ T: [1, 48], N: [2, 12] }, true, true),
        args: [
          { kind: "tensor", name: "xNew", shape: [1, 3, D] },
          cacheArg(1, 4, 3),
          { kind: "weights", name: "w", entries: weightEntries(true) },
          heads(4),
          options({ rope: { style: "half", base: 500 } }),
        ],
        points: 3,
        gradient: { of: "output", points: 2 },
      },
      {
        id: "chunk-no-options",
        title: "2 new tokens after a cache of t = 2, options omitted",
        fn: "decodeStep",
        seed: 505,
        vary: vary({ T: [1, 32], N: [2, 8] }, true, false),
        visible: false,
        args: [
          { kind: "tensor", name: "xNew", shape: [2, 2, D] },
          cacheArg(2, 2, 2),
          { kind: "weights", name: "w", entries: weightEntries(true) },
          heads(2),
          { kind: "omit", name: "options" },
        ],
        points: 2,
        gradient: { of: "output", points: 1 },
      },
    ],
    properties: [
      {
        id: "token-by-token",
        title: "Decoding the prompt one token at a time from an empty cache gives the prefill's rows and cache",
        kind: "stepwise",
        case: "prefill-rope",
        points: 3,
        params: { arg: "xNew", state: { "cache.k": "cache.k", "cache.v": "cache.v" }, field: "output" },
      },
      {
        id: "no-future",
        title: "A new token's output does not depend on the new tokens after it",
        kind: "causal",
        case: "prefill",
        points: 1,
        params: { t: 1, perturb: ["xNew"], field: "output" },
      },
    ],
  },
  references: {
    decodeStep: (a) => {
      const [xNew, cache, w, h, opts] = decodeArgs(a);
      const r = decodeStep(xNew, cache, w, h, opts);
      return {
        value: fields(r.output, r.cache.k, r.cache.v),
        vjp: (c) => {
          const g = decodeStepVjp(xNew, cache, w, h, opts, c);
          const grads: Record<string, NdArray> = { xNew: g.dxNew, "cache.k": g.dcacheK, "cache.v": g.dcacheV };
          for (const [name, gw] of Object.entries(g.weights)) grads[`w.${name}`] = gw;
          return grads;
        },
      };
    },
  },
  bugs: [
    {
      id: "attends-to-future",
      fn: "decodeStep",
      title: "new tokens see the new tokens after them",
      advice: "With n > 1 new tokens the step is causal among them too: new token i (position t + i) may see keys 0 … t + i only. Mask the [n, t + n] scores.",
      kernel: variant({ seesFuture: true }),
    },
    {
      id: "rope-offset-ignored",
      fn: "decodeStep",
      title: "RoPE rotates the new tokens at positions 0 … n−1 instead of t … t+n−1",
      advice:
        "The cache holds positions 0 … t−1, so the new rows continue at offset t = cache.k.shape[2]. Rotating from 0 makes every new token look like the start of the text.",
      kernel: variant({ ropeAtZero: true }),
    },
    {
      id: "rope-on-values",
      fn: "decodeStep",
      title: "RoPE applied to the values as well",
      advice: "RoPE rotates queries and keys only, so that their dot product depends on the relative position; values are mixed as they are.",
      kernel: variant({ ropeOnValues: true }),
    },
    {
      id: "cache-not-grown",
      fn: "decodeStep",
      title: "the returned cache holds only the new keys and values",
      advice:
        "Return the whole cache after this step, [b, h, t + n, d_h]: the old entries followed by the new ones, so the next step can attend to everything before it.",
      kernel: variant({ cache: "new-only" }),
    },
    {
      id: "cache-wrong-axis",
      fn: "decodeStep",
      title: "the cache grows along the wrong axis or in the wrong layout",
      advice:
        "The cache is [b, h, t, d_h]: append the new keys and values along axis 2 (the sequence), keeping the heads split — tf.concat([cache.k, k], 2). tf.concat's default axis is 0.",
      kernel: variant({ cache: "heads-merged" }),
      variants: [variant({ cache: "head-axis" })],
    },
    {
      id: "cache-unrotated-keys",
      fn: "decodeStep",
      title: "the cache stores keys before RoPE",
      advice:
        "Store keys after rotating them at their own positions: a cached key never changes again, so each step rotates only its new keys (at offset t) and reads the old ones as they are.",
      kernel: variant({ cache: "unrotated" }),
    },
  ],
});
