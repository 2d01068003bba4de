/**
 * Grader for one Transformer encoder layer, Post-LN and Pre-LN. Non-trivial γ and β and
 * biases everywhere keep every wiring bug visible: Post and Pre swapped, the Pre-LN residual
 * taken from the normalised input, a missing second residual, the mask not reaching
 * attention (a padding and a causal case), the two LayerNorms' parameters swapped, no ReLU.
 * Gradients are checked for x and all sixteen parameters, once per form (with its mask):
 * a gradient run costs several forward passes, and the page grades on WebGPU.
 */
import { defineGrader } from "../engine/grader.js";
import { add, map, matmul, type NdArray } from "../engine/ndarray.js";
import { numberArg, optionalTensorArg, tensorArg, weightsArg, type RefArgs } from "../engine/ref-args.js";
import { encoderLayer, encoderLayerVjp, layerNorm, type EncoderParamsNd, type FfnNd, type LayerNormNd, type Norm } from "../reference/encoder.js";
import { multiHeadAttention } from "../reference/mha.js";
import zh from "./zh.js";

function paramsArg(v: unknown): EncoderParamsNd {
  if (typeof v !== "object" || v === null) throw new Error("reference argument: expected the parameter object p");
  const p = v as Record<string, unknown>;
  return {
    numHeads: numberArg(p.numHeads),
    attn: weightsArg(p.attn, ["wq", "wk", "wv", "wo"]),
    ffn: weightsArg(p.ffn, ["w1", "b1", "w2", "b2"]),
    ln1: weightsArg(p.ln1, ["gamma", "beta"]),
    ln2: weightsArg(p.ln2, ["gamma", "beta"]),
  };
}

function optionsArg(v: unknown): { norm: Norm; mask?: NdArray } {
  const o = (v ?? {}) as Record<string, unknown>;
  const norm = o.norm ?? "post";
  if (norm !== "post" && norm !== "pre") throw new Error(`reference argument: norm must be "post" or "pre", got ${JSON.stringify(norm)}`);
  return { norm, mask: optionalTensorArg(o.mask) };
}

const encoderArgs = (a: RefArgs): [NdArray, EncoderParamsNd, { norm: Norm; mask?: NdArray }] => [tensorArg(a[0]), paramsArg(a[1]), optionsArg(a[2])];

interface Variant {
  swapNorm?: boolean;
  /** Pre-LN whose residuals start from the normalised input: LN(x) + Sublayer(LN(x)). */
  residualAfterNorm?: boolean;
  noFinalResidual?: boolean;
  ignoreMask?: boolean;
  lnSwapped?: boolean;
  noRelu?: boolean;
}

/** x·W1 + b1, the activation, then ·W2 + b2. */
function feed(t: NdArray, f: FfnNd, relu: boolean): NdArray {
  const hidden = map(add(matmul(t, f.w1), f.b1), (z) => (relu ? Math.max(0, z) : z));
  return add(matmul(hidden, f.w2), f.b2);
}

/** The encoder layer with one thing done differently — each bug hypothesis is one of these. */
function encoderVariant(a: RefArgs, v: Variant): NdArray {
  const [x, p, o] = encoderArgs(a);
  const mask = v.ignoreMask ? undefined : o.mask;
  const norm = v.swapNorm ? (o.norm === "post" ? "pre" : "post") : o.norm;
  const [ln1, ln2]: LayerNormNd[] = v.lnSwapped ? [p.ln2, p.ln1] : [p.ln1, p.ln2];
  const ln = (t: NdArray, q: LayerNormNd) => layerNorm(t, q).y;
  const attn = (t: NdArray) => multiHeadAttention(t, t, t, p.attn, p.numHeads, mask).output;
  const ffn = (t: NdArray) => feed(t, p.ffn, !v.noRelu);
  if (norm === "post") {
    const h = ln(add(x, attn(x)), ln1);
    return ln(v.noFinalResidual ? ffn(h) : add(h, ffn(h)), ln2);
  }
  const n1 = ln(x, ln1);
  const h = add(v.residualAfterNorm ? n1 : x, attn(n1));
  const n2 = ln(h, ln2);
  if (v.noFinalResidual) return ffn(n2);
  return add(v.residualAfterNorm ? n2 : h, ffn(n2));
}
const variant = (v: Variant) => (a: RefArgs) => encoderVariant(a, v);

const D = 8;
const DFF = 16;
const t = (name: string, shape: number[], scale: number, shift = 0) => ({ kind: "tensor" as const, name, shape, scale, shift });
/** The layer's parameters: weights ~ N(0, 1/d_in), biases and β of size ~0.3–0.6, γ around 1. */
function params(numHeads: number, d = D, attnBiases = true) {
  const w = (name: string, din: number, dout: number) => t(name, [din, dout], 1 / Math.sqrt(din));
  return {
    kind: "weights" as const,
    name: "p",
    entries: [
      { kind: "json" as const, name: "numHeads", value: numHeads },
      {
        kind: "weights" as const,
        name: "attn",
        entries: [w("wq", d, d), w("wk", d, d), w("wv", d, d), w("wo", d, d), ...(attnBiases ? ["bq", "bk", "bv", "bo"].map((b) => t(b, [d], 0.3)) : [])],
      },
      { kind: "weights" as const, name: "ffn", entries: [w("w1", d, DFF), t("b1", [DFF], 0.3), w("w2", DFF, d), t("b2", [d], 0.3)] },
      { kind: "weights" as const, name: "ln1", entries: [t("gamma", [d], 0.3, 1), t("beta", [d], 0.3)] },
      // Draws are named by the full path (ln1.gamma, ln2.gamma), so the two LayerNorms get their own
      // numbers; a different scale and shift as well keeps them apart at every width (a swap must show).
      { kind: "weights" as const, name: "ln2", entries: [t("gamma", [d], 0.5, 0.8), t("beta", [d], 0.6)] },
    ],
  };
}
type MaskEntry = { kind: "mask"; name: "mask"; shape: number[]; pattern: "padding" | "causal"; lengths?: number[] };
const options = (norm: Norm, mask?: Omit<MaskEntry, "kind" | "name">) => ({
  kind: "weights" as const,
  name: "options",
  entries: [{ kind: "json" as const, name: "norm", value: norm }, ...(mask ? [{ kind: "mask" as const, name: "mask", ...mask }] : [])],
});
const x = (shape: number[]) => ({ kind: "tensor" as const, name: "x", shape });

type Range = [number, number];
/**
 * Hidden draws of batch B, length L, heads H and head size DH (d = H·DH) and the FFN width FF;
 * every parameter's shape follows d and FF, and a mask (if any) keeps its pattern at the new
 * shape. ln1 and ln2 keep their own scale and shift, so they still differ at every d.
 */
function varyEncoder(dims: Partial<Record<"B" | "L" | "H" | "DH" | "FF", Range>>, mask?: (string | number)[]) {
  const d = "H*DH";
  const vec = (names: string[]) => Object.fromEntries(names.map((n) => [`p.${n}`, [d]]));
  return {
    dims: { B: [1, 4] as Range, L: [1, 32] as Range, H: [1, 8] as Range, DH: [2, 4] as Range, FF: [4, 48] as Range, ...dims },
    shapes: {
      x: ["B", "L", d],
      ...Object.fromEntries(["wq", "wk", "wv", "wo"].map((w) => [`p.attn.${w}`, [d, d]])),
      ...vec(["attn.bq", "attn.bk", "attn.bv", "attn.bo", "ffn.b2", "ln1.gamma", "ln1.beta", "ln2.gamma", "ln2.beta"]),
      "p.ffn.w1": [d, "FF"],
      "p.ffn.b1": ["FF"],
      "p.ffn.w2": ["FF", d],
      ...(mask ? { "options.mask": mask } : {}),
    },
    json: { "p.numHeads": "H" },
  };
}

export default defineGrader({
  zh,
  spec: {
    id: "encoder",
    title: "A Transformer encoder layer",
    points: { exports: 1, forbidden: 0, inputs: 1 },
    cases: [
      {
        id: "post",
        title: "Post-LN, 2 heads, x [2, 5, 8], no mask",
        fn: "encoderLayer",
        seed: 501,
        vary: varyEncoder({}),
        args: [x([2, 5, D]), params(2), options("post")],
        points: 3,
      },
      {
        id: "pre",
        title: "Pre-LN, 2 heads, x [2, 5, 8], no mask",
        fn: "encoderLayer",
        seed: 502,
        vary: varyEncoder({}),
        args: [x([2, 5, D]), params(2), options("pre")],
        points: 3,
      },
      {
        id: "post-padding",
        title: "Post-LN with a padding mask [2, 1, 1, 5] (lengths 5 and 3)",
        fn: "encoderLayer",
        seed: 503,
        vary: varyEncoder({ B: [2, 4], L: [2, 24] }, ["B", 1, 1, "L"]),
        args: [x([2, 5, D]), params(4), options("post", { shape: [2, 1, 1, 5], pattern: "padding", lengths: [5, 3] })],
        points: 2,
        gradient: { of: null, points: 4 },
      },
      {
        id: "pre-causal",
        title: "Pre-LN with a causal mask [5, 5]",
        fn: "encoderLayer",
        seed: 504,
        vary: varyEncoder({ B: [1, 3], L: [4, 24] }, ["L", "L"]),
        args: [x([1, 5, D]), params(2), options("pre", { shape: [5, 5], pattern: "causal" })],
        points: 2,
        gradient: { of: null, points: 4 },
      },
      {
        id: "default-norm",
        title: "options without `norm` (the default is Post-LN), one head, no attention biases",
        fn: "encoderLayer",
        seed: 505,
        vary: varyEncoder({ H: [1, 1], DH: [2, 32] }),
        args: [x([1, 4, D]), params(1, D, false), { kind: "json", name: "options", value: {} }],
        points: 2,
      },
      {
        id: "hidden-pre-padding",
        title: "Pre-LN, 4 heads, padding mask, batch 3",
        fn: "encoderLayer",
        seed: 506,
        visible: false,
        vary: varyEncoder({ B: [2, 4], L: [2, 32] }, ["B", 1, 1, "L"]),
        args: [x([3, 6, D]), params(4), options("pre", { shape: [3, 1, 1, 6], pattern: "padding", lengths: [6, 2, 4] })],
        points: 2,
        gradient: { of: null, points: 1 },
      },
      {
        id: "not-divisible",
        title: "d = 6 with 4 heads must throw (as multi-head attention does)",
        fn: "encoderLayer",
        seed: 507,
        expect: "throws",
        args: [x([1, 3, 6]), params(4, 6), options("post")],
        points: 1,
      },
    ],
    properties: [
      {
        id: "causal",
        title: "Under a causal mask, the output at t does not depend on inputs after t",
        kind: "causal",
        case: "pre-causal",
        points: 1,
        params: { t: 2, perturb: ["x"], field: null },
      },
    ],
  },
  references: {
    encoderLayer: (a) => {
      const [input, p, o] = encoderArgs(a);
      return { value: encoderLayer(input, p, o.norm, o.mask), vjp: (c) => encoderLayerVjp(input, p, o.norm, o.mask, c, "p") };
    },
  },
  bugs: [
    {
      id: "post-pre-swapped",
      fn: "encoderLayer",
      title: "Post-LN and Pre-LN swapped",
      advice:
        "Post-LN (the 2017 paper) normalises after each residual add: LN(x + Sublayer(x)). Pre-LN normalises the sub-layer's input and leaves the residual path untouched: x + Sublayer(LN(x)).",
      kernel: variant({ swapNorm: true }),
    },
    {
      id: "residual-after-norm",
      fn: "encoderLayer",
      title: "in Pre-LN, the residual starts from the normalised input",
      advice:
        "Pre-LN adds the sub-layer's output to the un-normalised stream: h = x + MHA(LN1(x)), out = h + FFN(LN2(h)). Adding it to LN(x) instead cuts the identity path the residual exists for.",
      kernel: variant({ residualAfterNorm: true }),
    },
    {
      id: "no-final-residual",
      fn: "encoderLayer",
      title: "the residual around the feed-forward block is missing",
      advice: "Both sub-layers are wrapped in a residual: the FFN's output is added to its input (h + FFN(…)), not used alone.",
      kernel: variant({ noFinalResidual: true }),
    },
    {
      id: "mask-not-passed",
      fn: "encoderLayer",
      title: "the mask does not reach the attention",
      advice: "Pass options.mask to your multi-head attention, so padded (or future) keys get zero weight.",
      kernel: variant({ ignoreMask: true }),
    },
    {
      id: "ln-swapped",
      fn: "encoderLayer",
      title: "the two LayerNorms' parameters are swapped",
      advice: "ln1 belongs to the attention sub-layer and ln2 to the feed-forward one, in both Post-LN and Pre-LN.",
      kernel: variant({ lnSwapped: true }),
    },
    {
      id: "no-relu",
      fn: "encoderLayer",
      title: "the feed-forward block has no ReLU",
      advice: "FFN(x) = max(0, x·W1 + b1)·W2 + b2: without the non-linearity the two linear maps collapse into one.",
      kernel: variant({ noRelu: true }),
    },
    {
      id: "no-divisibility-check",
      fn: "encoderLayer",
      title: "no error when d is not divisible by numHeads",
      advice: "Multi-head attention throws an Error when d % numHeads ≠ 0; your layer should too, instead of silently truncating the head size.",
      missingThrow: true,
    },
  ],
});
