/**
 * Why a gradient came out NaN or ±∞ while the forward values were right, worded from what
 * the case contains rather than from a fixed list: a row whose every key is masked points
 * to a NaN multiplied by 0 on the way back (through tf.where or a 0 mask), inputs far from 0
 * point to an exp that overflowed on a branch the forward pass discarded, and a case with
 * neither points to a guard in the code (a tiny ε, log or sqrt of 0).
 */
import { forEachFibre, type NdArray } from "./ndarray.js";
import type { Instance } from "./plan.js";

/** Past this magnitude an input can push a score (a sum of products, or a logit) past exp's float32 limit of 88.7. */
const LARGE_INPUT = 20;

function hasFullyMaskedRow(mask: NdArray): boolean {
  if (mask.shape.length === 0) return mask.data[0] === 0;
  let found = false;
  forEachFibre(mask.shape, -1, (idx) => {
    if (!found && idx.length > 0 && idx.every((i) => mask.data[i] === 0)) found = true;
  });
  return found;
}

function largestInput(inst: Instance): number {
  let max = 0;
  for (const [, leaf] of inst.inputs.leaves) for (const v of leaf.nd.data) max = Math.max(max, Math.abs(v));
  return max;
}

/** The evidence this case offers, as sentences for the learner. */
export function nonFiniteCause(inst: Instance): string {
  const masks = inst.spec.args.filter((a) => a.kind === "mask").map((a) => inst.inputs.leaves.get(a.name)?.nd);
  const maskedRow = masks.some((m) => m && hasFullyMaskedRow(m));
  const largest = largestInput(inst);
  const causes: string[] = [];
  if (maskedRow) {
    causes.push(
      "This case has a row whose every key is masked. On the way back, the branch tf.where did not select (or a term multiplied by a 0 mask) gets a gradient of 0, and 0 · NaN is NaN: a NaN there — from −∞ − (−∞) with a −∞ fill, from exp of a huge shift, or from 0/(0 + ε) with an ε so tiny that ε² underflows — poisons the gradient although the forward value is 0. Keep every branch finite: fill with the most negative float32, not −∞, and divide by max(sum, 1e-12).",
    );
  }
  if (largest >= LARGE_INPUT) {
    causes.push(
      `Its inputs reach ±${largest.toPrecision(3)}: an exp taken before shifting by the maximum over the open entries — or on a branch that tf.where or a 0 mask then discards — overflows to ∞ in float32 (past 88.7), and the backward pass computes ∞ · 0 = NaN. Shift by the maximum before exp, and mask the scores before exp rather than the exponentials after.`,
    );
  }
  if (causes.length === 0) {
    causes.push(
      "Nothing in this case's inputs is extreme (no masked row, no large values), which points to a guard in the code: x / max(s, ε) or x / (s + ε) with a tiny ε (ε² underflows to 0 in float32, so the backward pass computes 0/0), or log(0) or sqrt(0), whose derivatives are infinite.",
    );
  }
  return `The forward values are right but the gradient is not finite. ${causes.join(" ")}`;
}
