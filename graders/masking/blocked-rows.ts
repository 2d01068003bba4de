/**
 * What the fill bugs do to a row whose every key is blocked, shared by every grader that
 * accepts a mask: a finite fill makes the row uniform, an additive one leaves a softmax of
 * the raw scores, −∞ makes it NaN. The contract's row is all zeros.
 */
import { broadcastShapes, broadcastTo, forEachFibre, type NdArray } from "../engine/ndarray.js";
import { maskedSoftmax } from "../reference/masking.js";

/** The correct result, except that rows with every key blocked become `row(their raw scores)`. */
export function withBlockedRows(scores: NdArray, mask: NdArray, row: (raw: number[]) => number[]): NdArray {
  const shape = broadcastShapes(scores.shape, mask.shape);
  const m = broadcastTo(mask, shape);
  const s = broadcastTo(scores, shape);
  const out = maskedSoftmax(scores, mask);
  forEachFibre(shape, -1, (idx) => {
    if (!idx.every((i) => m.data[i] === 0)) return;
    const values = row(idx.map((i) => s.data[i]));
    idx.forEach((i, j) => {
      out.data[i] = values[j];
    });
  });
  return out;
}

/** A plain softmax of one row: what an additive fill leaves once every key carries it. */
export function rowSoftmax(raw: number[]): number[] {
  const max = Math.max(...raw);
  const e = raw.map((v) => Math.exp(v - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

export type BlockedRow = "uniform" | "raw" | "nan";

const ROW: Record<BlockedRow, (raw: number[]) => number[]> = {
  uniform: (raw) => raw.map(() => 1 / raw.length),
  raw: rowSoftmax,
  nan: (raw) => raw.map(() => NaN),
};

/** The masked softmax of `scores` with fully blocked rows spelled as one of the fill bugs. */
export function blockedRowSoftmax(scores: NdArray, mask: NdArray, how: BlockedRow): NdArray {
  return withBlockedRows(scores, mask, ROW[how]);
}
