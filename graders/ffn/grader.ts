/**
 * Grader for feedForward: ReLU, exact GELU, tanh GELU and SwiGLU, with and without
 * biases, ranks 2–4 (rank 4 in hidden draws), gradients for x and every weight. The GELU
 * cases put the hidden pre-activations near −2.7, where the tanh approximation is furthest
 * (~5e-4, about 5 % of the value) from x·Φ(x), so either form passes only where it was
 * asked for. Hidden draws vary the batch, the rows (up to 64), d_in, d_ff and d_out.
 */
import { z } from "zod";
import { defineGrader } from "../engine/grader.js";
import { add, map, matmul, mul, type NdArray } from "../engine/ndarray.js";
import { jsonArg, tensorArg, weightsArg } from "../engine/ref-args.js";
import { ACTIVATIONS, feedForward, feedForwardVjp, type Activation, type FfnWeightsNd } from "../reference/ffn.js";
import zh from "./zh.js";

interface Variant {
  /** The scalar function used for an activation name (tanh GELU where the exact one is asked…). */
  swapGelu?: boolean;
  gateSwapped?: "bias-on-linear" | "bias-on-silu";
  sigmoidGate?: boolean;
  noB1?: boolean;
  noB2?: boolean;
  /** Activation applied to the output of W2 instead of (or as well as) between the layers. */
  actAfterW2?: "instead" | "also";
}

const linear = (x: NdArray, w: NdArray, b?: NdArray) => (b ? add(matmul(x, w), b) : matmul(x, w));

/** A feed-forward block with one thing done differently — each bug hypothesis is one of these. */
export function ffnVariant(x: NdArray, w: FfnWeightsNd, activation: Activation, v: Variant): NdArray {
  const b1 = v.noB1 ? undefined : w.b1;
  const b2 = v.noB2 ? undefined : w.b2;
  if (activation === "swiglu") {
    const gateFn = v.sigmoidGate ? (t: number) => 1 / (1 + Math.exp(-t)) : ACTIVATIONS.silu.f;
    const [actIn, linIn] =
      v.gateSwapped === "bias-on-linear"
        ? [matmul(x, w.w3!), linear(x, w.w1, b1)]
        : v.gateSwapped === "bias-on-silu"
          ? [linear(x, w.w3!, b1), matmul(x, w.w1)]
          : [linear(x, w.w1, b1), matmul(x, w.w3!)];
    return linear(mul(map(actIn, gateFn), linIn), w.w2, b2);
  }
  const name = v.swapGelu && activation === "gelu" ? "gelu-tanh" : v.swapGelu && activation === "gelu-tanh" ? "gelu" : activation;
  const act = (a: NdArray) => map(a, ACTIVATIONS[name].f);
  const h = linear(x, w.w1, b1);
  if (v.actAfterW2 === "instead") return act(linear(h, w.w2, b2));
  if (v.actAfterW2 === "also") return act(linear(act(h), w.w2, b2));
  return linear(act(h), w.w2, b2);
}

const ActivationArg = z.enum(["relu", "gelu", "gelu-tanh", "swiglu"]);
const args = ([x, w, a]: readonly unknown[]) => ({ x: tensorArg(x), w: weightsArg(w, ["w1", "w2"]) as FfnWeightsNd, act: jsonArg(a, ActivationArg) });
const variant = (v: Variant) => (a: readonly unknown[]) => {
  const { x, w, act } = args(a);
  return ffnVariant(x, w, act, v);
};

const t = (name: string, shape: number[], extra: { scale?: number; shift?: number } = {}) => ({ kind: "tensor" as const, name, shape, ...extra });
const weights = (...entries: ReturnType<typeof t>[]) => ({ kind: "weights" as const, name: "w", entries });
const act = (value: string) => ({ kind: "json" as const, name: "activation", value });
/** Pre-activations near −2.7 ± 0.4: where exact and tanh GELU differ most relative to the value. */
const geluTail = (d: number, f: number) => [t("w1", [d, f], { scale: 0.1 }), t("b1", [f], { shift: -2.7, scale: 0.3 })];

/** Hidden draws: x [...lead, D], W1 and W3 [D, F], W2 [F, O], each bias its layer's width (entries a case lacks stay absent). */
const varyFfn = (dims: Record<string, [number, number]>, lead: string[]) => ({
  dims,
  shapes: { x: [...lead, "D"], "w.w1": ["D", "F"], "w.b1": ["F"], "w.w3": ["D", "F"], "w.w2": ["F", "O"], "w.b2": ["O"] },
});
/** The GELU-tail cases keep d_in ≤ 8: x·W1 (W1 of scale 0.1) then stays small beside b1 ≈ −2.7. */
const geluTailVary = varyFfn({ B: [1, 4], L: [1, 64], D: [2, 8], F: [1, 64], O: [1, 16] }, ["B", "L"]);

export default defineGrader({
  zh,
  spec: {
    id: "ffn",
    title: "The position-wise feed-forward block",
    points: { exports: 1, forbidden: 0, inputs: 1 },
    cases: [
      {
        id: "relu",
        title: "ReLU, x [2, 3, 4], d_ff 8, both biases",
        fn: "feedForward",
        seed: 201,
        vary: varyFfn({ B: [1, 4], L: [1, 64], D: [1, 32], F: [1, 64], O: [1, 32] }, ["B", "L"]),
        args: [t("x", [2, 3, 4]), weights(t("w1", [4, 8]), t("b1", [8]), t("w2", [8, 4], { scale: 0.5 }), t("b2", [4])), act("relu")],
        points: 3,
        gradient: { of: null, points: 2 },
      },
      {
        id: "relu-no-biases",
        title: "ReLU, rank 2 x [5, 4], no biases, d_out 3",
        fn: "feedForward",
        seed: 202,
        vary: varyFfn({ N: [1, 64], D: [1, 32], F: [1, 64], O: [1, 16] }, ["N"]),
        args: [t("x", [5, 4]), weights(t("w1", [4, 6]), t("w2", [6, 3], { scale: 0.5 })), act("relu")],
        points: 1,
        gradient: { of: null, points: 1 },
      },
      {
        id: "gelu-exact",
        title: "exact GELU, pre-activations near −2.7",
        fn: "feedForward",
        seed: 203,
        vary: geluTailVary,
        args: [t("x", [2, 3, 4]), weights(...geluTail(4, 8), t("w2", [8, 4]), t("b2", [4], { scale: 0.01 })), act("gelu")],
        points: 2,
        gradient: { of: null, points: 2 },
      },
      {
        id: "gelu-typical",
        title: "exact GELU, x [2, 3, 6], d_ff 12",
        fn: "feedForward",
        seed: 204,
        vary: varyFfn({ B: [1, 4], L: [1, 48], D: [1, 32], F: [1, 64], O: [1, 32] }, ["B", "L"]),
        args: [t("x", [2, 3, 6]), weights(t("w1", [6, 12], { scale: 0.5 }), t("b1", [12]), t("w2", [12, 6], { scale: 0.3 }), t("b2", [6])), act("gelu")],
        points: 1,
        gradient: { of: null, points: 1 },
      },
      {
        id: "gelu-tanh",
        title: "tanh GELU, pre-activations near −2.7",
        fn: "feedForward",
        seed: 205,
        vary: geluTailVary,
        args: [t("x", [2, 3, 4]), weights(...geluTail(4, 8), t("w2", [8, 4]), t("b2", [4], { scale: 0.01 })), act("gelu-tanh")],
        points: 2,
        gradient: { of: null, points: 1 },
      },
      {
        id: "swiglu",
        title: "SwiGLU, x [2, 3, 6], no biases (LLaMA)",
        fn: "feedForward",
        seed: 206,
        vary: varyFfn({ B: [1, 4], L: [1, 64], D: [1, 32], F: [1, 64], O: [1, 32] }, ["B", "L"]),
        args: [t("x", [2, 3, 6]), weights(t("w1", [6, 8], { scale: 0.7 }), t("w3", [6, 8], { scale: 0.7 }), t("w2", [8, 6], { scale: 0.5 })), act("swiglu")],
        points: 3,
        gradient: { of: null, points: 2 },
      },
      {
        id: "swiglu-biases",
        title: "SwiGLU with b1 and b2, x [1, 4, 4]",
        fn: "feedForward",
        seed: 207,
        vary: varyFfn({ B: [1, 2], L: [1, 64], D: [1, 16], F: [1, 32], O: [1, 16] }, ["B", "L"]),
        args: [t("x", [1, 4, 4]), weights(t("w1", [4, 6]), t("b1", [6]), t("w3", [4, 6]), t("w2", [6, 4], { scale: 0.5 }), t("b2", [4])), act("swiglu")],
        points: 2,
        gradient: { of: null, points: 1 },
      },
      {
        id: "unknown-activation",
        title: 'activation "tanh" must throw',
        fn: "feedForward",
        seed: 208,
        expect: "throws",
        args: [t("x", [2, 4]), weights(t("w1", [4, 6]), t("w2", [6, 4])), act("tanh")],
        points: 1,
      },
      {
        id: "swiglu-without-w3",
        title: '"swiglu" without w3 must throw',
        fn: "feedForward",
        seed: 209,
        expect: "throws",
        args: [t("x", [2, 4]), weights(t("w1", [4, 6]), t("w2", [6, 4])), act("swiglu")],
        points: 1,
      },
      {
        id: "gelu-tanh-hidden",
        title: "tanh GELU, x [3, 2, 5]",
        fn: "feedForward",
        seed: 210,
        vary: varyFfn({ B: [1, 3], H: [1, 4], L: [1, 16], D: [1, 16], F: [1, 32], O: [1, 16] }, ["B", "H", "L"]),
        visible: false,
        args: [t("x", [3, 2, 5]), weights(t("w1", [5, 7], { scale: 0.8 }), t("b1", [7]), t("w2", [7, 5], { scale: 0.4 }), t("b2", [5])), act("gelu-tanh")],
        points: 1,
        gradient: { of: null, points: 1 },
      },
      {
        id: "swiglu-hidden",
        title: "SwiGLU, rank 2 x [6, 5]",
        fn: "feedForward",
        seed: 211,
        vary: varyFfn({ N: [1, 64], D: [1, 32], F: [1, 48], O: [1, 32] }, ["N"]),
        visible: false,
        args: [t("x", [6, 5]), weights(t("w1", [5, 4]), t("w3", [5, 4]), t("w2", [4, 5], { scale: 0.5 }), t("b2", [5])), act("swiglu")],
        points: 1,
        gradient: { of: null, points: 1 },
      },
    ],
    properties: [
      {
        id: "position-wise",
        title: "Each position is transformed on its own (changing later rows changes nothing before them)",
        kind: "causal",
        case: "relu",
        points: 1,
        params: { t: 0, perturb: ["x"] },
      },
      { id: "position-wise-swiglu", title: "SwiGLU is position-wise too", kind: "causal", case: "swiglu", points: 1, params: { t: 1, perturb: ["x"] } },
    ],
  },
  references: {
    feedForward: (a) => {
      const { x, w, act } = args(a);
      return { value: feedForward(x, w, act), vjp: (c) => feedForwardVjp(x, w, act, c) };
    },
  },
  bugs: [
    {
      id: "tanh-gelu-for-exact",
      fn: "feedForward",
      title: "the tanh approximation where exact GELU is asked",
      advice:
        '"gelu" is x·Φ(x) = 0.5·x·(1 + erf(x/√2)) — tf.erf exists and has a gradient. The tanh formula is "gelu-tanh", a different (approximate) activation.',
      kernel: (a) => (args(a).act === "gelu" ? variant({ swapGelu: true })(a) : feedForward(args(a).x, args(a).w, args(a).act)),
    },
    {
      id: "exact-gelu-for-tanh",
      fn: "feedForward",
      title: "exact GELU where the tanh approximation is asked",
      advice: '"gelu-tanh" is 0.5·x·(1 + tanh(√(2/π)(x + 0.044715x³))), as in GPT-2; models trained with it expect exactly that curve.',
      kernel: (a) => (args(a).act === "gelu-tanh" ? variant({ swapGelu: true })(a) : feedForward(args(a).x, args(a).w, args(a).act)),
    },
    {
      id: "gate-swapped",
      fn: "feedForward",
      title: "SiLU on the W3 branch instead of the W1 branch",
      advice: "SwiGLU is silu(x·W1 + b1) ⊙ (x·W3): the activation goes on W1 (LLaMA's gate_proj), W3 (up_proj) stays linear.",
      kernel: variant({ gateSwapped: "bias-on-linear" }),
      variants: [variant({ gateSwapped: "bias-on-silu" })],
    },
    {
      id: "sigmoid-gate",
      fn: "feedForward",
      title: "sigmoid instead of SiLU in SwiGLU (that is GLU)",
      advice: "SiLU is x·σ(x), not σ(x): tf.mul(h, tf.sigmoid(h)).",
      kernel: variant({ sigmoidGate: true }),
    },
    {
      id: "missing-second-bias",
      fn: "feedForward",
      title: "b2 not added",
      advice: "Add b2 after the second matmul when it is given: act(x·W1 + b1)·W2 + b2.",
      kernel: variant({ noB2: true }),
    },
    {
      id: "missing-first-bias",
      fn: "feedForward",
      title: "b1 not added",
      advice: "Add b1 to x·W1 before the activation when it is given.",
      kernel: variant({ noB1: true }),
    },
    {
      id: "activation-after-w2",
      fn: "feedForward",
      title: "the activation applied after W2",
      advice: "The non-linearity sits between the two layers: act(x·W1 + b1)·W2 + b2 — the block's output is linear in the hidden layer.",
      kernel: (a) => (args(a).act === "swiglu" ? feedForward(args(a).x, args(a).w, "swiglu") : variant({ actAfterW2: "instead" })(a)),
      variants: [(a) => (args(a).act === "swiglu" ? feedForward(args(a).x, args(a).w, "swiglu") : variant({ actAfterW2: "also" })(a))],
    },
    {
      id: "no-argument-check",
      fn: "feedForward",
      title: "no error for an unknown activation or a SwiGLU without w3",
      advice:
        'Check the arguments before computing: throw an Error unless activation is "relu", "gelu", "gelu-tanh" or "swiglu", and when "swiglu" has no w.w3.',
      missingThrow: true,
    },
  ],
});
