/**
 * Float64 softmax and its vector–Jacobian product. The max shift is not an optimisation:
 * exp overflows past ~709 in float64 (~88.7 in float32), and softmax is shift-invariant,
 * so subtracting the max costs nothing and makes every exponent ≤ 0.
 */
import { forEachFibre, nd, normAxis, type NdArray } from "../engine/ndarray.js";

export function softmax(x: NdArray, axis = -1): NdArray {
  const y = nd(x.shape);
  forEachFibre(x.shape, normAxis(axis, x.shape.length), (idx) => {
    let max = -Infinity;
    for (const i of idx) max = Math.max(max, x.data[i]);
    let sum = 0;
    for (const i of idx) sum += y.data[i] = Math.exp(x.data[i] - max);
    for (const i of idx) y.data[i] /= sum;
  });
  return y;
}

/** log softmax = x − max − log Σ exp(x − max): used as a bug hypothesis ("returned log-probabilities"). */
export function logSoftmax(x: NdArray, axis = -1): NdArray {
  const y = nd(x.shape);
  forEachFibre(x.shape, normAxis(axis, x.shape.length), (idx) => {
    let max = -Infinity;
    for (const i of idx) max = Math.max(max, x.data[i]);
    let sum = 0;
    for (const i of idx) sum += Math.exp(x.data[i] - max);
    const lse = max + Math.log(sum);
    for (const i of idx) y.data[i] = x.data[i] - lse;
  });
  return y;
}

/**
 * dx = J(y)ᵀ dy with J = diag(y) − y yᵀ, i.e. dx = y ⊙ (dy − Σ dy ⊙ y), written in terms
 * of the output y (what a backward pass has at hand).
 */
export function softmaxVjp(y: NdArray, dy: NdArray, axis = -1): NdArray {
  const dx = nd(y.shape);
  forEachFibre(y.shape, normAxis(axis, y.shape.length), (idx) => {
    let dot = 0;
    for (const i of idx) dot += dy.data[i] * y.data[i];
    for (const i of idx) dx.data[i] = y.data[i] * (dy.data[i] - dot);
  });
  return dx;
}
