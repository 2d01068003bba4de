/**
 * Float64 masks and masked softmax. Blocked keys are excluded from the max and the sum
 * (rather than filled with a large negative number), so the reference is exact whatever
 * the scale of the scores, and a row with every key blocked is defined as all zeros.
 * Convention (the course's contract): 1 = attend, 0 = blocked; masks broadcast (NumPy rules).
 */
import { broadcastShapes, broadcastTo, forEachFibre, nd, sumTo, type NdArray } from "../engine/ndarray.js";

export function paddingMask(lengths: number[], seqLen: number): NdArray {
  const out = nd([lengths.length, seqLen]);
  lengths.forEach((len, b) => {
    for (let k = 0; k < seqLen; k++) out.data[b * seqLen + k] = k < len ? 1 : 0;
  });
  return out;
}

/** Row = query, column = key: query q may attend to key k when k ≤ q. */
export function causalMask(seqLen: number): NdArray {
  const out = nd([seqLen, seqLen]);
  for (let q = 0; q < seqLen; q++) for (let k = 0; k <= q; k++) out.data[q * seqLen + k] = 1;
  return out;
}

export function maskedSoftmax(scores: NdArray, mask: NdArray): NdArray {
  const shape = broadcastShapes(scores.shape, mask.shape);
  const s = broadcastTo(scores, shape);
  const m = broadcastTo(mask, shape);
  const y = nd(shape);
  forEachFibre(shape, -1, (idx) => {
    let max = -Infinity;
    for (const i of idx) if (m.data[i] !== 0) max = Math.max(max, s.data[i]);
    if (max === -Infinity) return; // every key blocked: the row stays all zeros
    let sum = 0;
    for (const i of idx) if (m.data[i] !== 0) sum += y.data[i] = Math.exp(s.data[i] - max);
    for (const i of idx) y.data[i] /= sum;
  });
  return y;
}

/**
 * d(scores) of Σ maskedSoftmax(scores, mask) ⊙ dy. On open keys it is the softmax VJP over
 * the open keys only; blocked keys and fully-blocked rows get exactly 0. Summed back to the
 * scores' own shape when the mask broadcast it up.
 */
export function maskedSoftmaxVjp(scores: NdArray, mask: NdArray, dy: NdArray): NdArray {
  const y = maskedSoftmax(scores, mask);
  const shape = y.shape;
  const g = broadcastTo(dy, shape);
  const dx = nd(shape);
  forEachFibre(shape, -1, (idx) => {
    let dot = 0;
    for (const i of idx) dot += g.data[i] * y.data[i];
    for (const i of idx) dx.data[i] = y.data[i] * (g.data[i] - dot);
  });
  return sumTo(dx, scores.shape);
}
