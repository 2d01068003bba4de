/**
 * Float64 position-wise feed-forward block and its VJP: act(x·W1 + b1)·W2 + b2 for ReLU,
 * exact GELU (x·Φ(x), Hendrycks & Gimpel 2016) and its tanh approximation; SwiGLU
 * (Shazeer 2020, as in LLaMA): (silu(x·W1 + b1) ⊙ x·W3)·W2 + b2. Weights are [d_in, d_out].
 */
import { add, map, matmul, mul, reshape, sumTo, transposeLast2, zip, type NdArray } from "../engine/ndarray.js";
import { erf } from "./erf.js";

export type Activation = "relu" | "gelu" | "gelu-tanh" | "swiglu";
export interface FfnWeightsNd {
  w1: NdArray;
  w2: NdArray;
  w3?: NdArray;
  b1?: NdArray;
  b2?: NdArray;
}

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

/** Each scalar activation with its derivative. */
export const ACTIVATIONS: Record<Exclude<Activation, "swiglu"> | "silu", { f: (v: number) => number; df: (v: number) => number }> = {
  relu: { f: (v) => Math.max(0, v), df: (v) => (v > 0 ? 1 : 0) },
  gelu: {
    f: (v) => 0.5 * v * (1 + erf(v / Math.SQRT2)),
    df: (v) => 0.5 * (1 + erf(v / Math.SQRT2)) + (v * Math.exp(-0.5 * v * v)) / Math.sqrt(2 * Math.PI),
  },
  "gelu-tanh": {
    f: (v) => 0.5 * v * (1 + Math.tanh(SQRT_2_OVER_PI * (v + 0.044715 * v ** 3))),
    df: (v) => {
      const t = Math.tanh(SQRT_2_OVER_PI * (v + 0.044715 * v ** 3));
      return 0.5 * (1 + t) + 0.5 * v * (1 - t * t) * SQRT_2_OVER_PI * (1 + 3 * 0.044715 * v * v);
    },
  },
  silu: { f: (v) => v * sigmoid(v), df: (v) => sigmoid(v) * (1 + v * (1 - sigmoid(v))) },
};

const linear = (x: NdArray, w: NdArray, b?: NdArray) => (b ? add(matmul(x, w), b) : matmul(x, w));

function checkArgs(w: FfnWeightsNd, activation: string): void {
  if (!["relu", "gelu", "gelu-tanh", "swiglu"].includes(activation)) throw new Error(`unknown activation "${activation}"`);
  if (activation === "swiglu" && !w.w3) throw new Error("SwiGLU needs w.w3");
}

/** The hidden layer and what the backward pass needs of it. */
function hidden(x: NdArray, w: FfnWeightsNd, activation: Activation): { h: NdArray; gate?: NdArray; a: NdArray } {
  const h = linear(x, w.w1, w.b1);
  if (activation === "swiglu") {
    const gate = matmul(x, w.w3!);
    return { h, gate, a: mul(map(h, ACTIVATIONS.silu.f), gate) };
  }
  return { h, a: map(h, ACTIVATIONS[activation].f) };
}

export function feedForward(x: NdArray, w: FfnWeightsNd, activation: Activation): NdArray {
  checkArgs(w, activation);
  return linear(hidden(x, w, activation).a, w.w2, w.b2);
}

/** Rows flattened so every weight gradient is one matmul: dW = Xᵀ·dY over all positions. */
function weightGrad(input: NdArray, dOut: NdArray): NdArray {
  const dIn = input.shape[input.shape.length - 1];
  const n = dOut.shape[dOut.shape.length - 1];
  const rows = input.data.length / dIn;
  return matmul(transposeLast2(reshape(input, [rows, dIn])), reshape(dOut, [rows, n]));
}

/** Gradients keyed by the case's leaf names: "x", "w.w1", "w.b1", … (biases and w3 only when present). */
export function feedForwardVjp(x: NdArray, w: FfnWeightsNd, activation: Activation, c: NdArray): Record<string, NdArray> {
  const { h, gate, a } = hidden(x, w, activation);
  const da = matmul(c, transposeLast2(w.w2));
  const out: Record<string, NdArray> = { "w.w2": weightGrad(a, c) };
  if (w.b2) out["w.b2"] = sumTo(c, w.b2.shape);
  let dh: NdArray;
  let dx: NdArray;
  if (activation === "swiglu") {
    const silu = ACTIVATIONS.silu;
    dh = zip(mul(da, gate!), h, (g, v) => g * silu.df(v));
    const dgate = mul(da, map(h, silu.f));
    out["w.w3"] = weightGrad(x, dgate);
    dx = matmul(dgate, transposeLast2(w.w3!));
  } else {
    const act = ACTIVATIONS[activation];
    dh = zip(da, h, (g, v) => g * act.df(v));
    dx = map(x, () => 0);
  }
  out["w.w1"] = weightGrad(x, dh);
  if (w.b1) out["w.b1"] = sumTo(dh, w.b1.shape);
  out.x = add(dx, matmul(dh, transposeLast2(w.w1)));
  return out;
}
