/**
 * Why a gradient came out NaN or ±∞ while the forward values were right, worded from what
 * the case contains rather than from a fixed list: a row whose every key is masked points
 * to a NaN multiplied by 0 on the way back (through tf.where or a 0 mask), inputs far from 0
 * point to an exp that overflowed on a branch the forward pass discarded, and a case with
 * neither points to a guard in the code (a tiny ε, log or sqrt of 0).
 */
import { forEachFibre, type NdArray } from "./ndarray.js";
import type { Instance } from "./plan.js";
import { joinBi, t, type Bi } from "./i18n.js";

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
export function nonFiniteCause(inst: Instance): Bi {
  const masks = inst.spec.args.filter((a) => a.kind === "mask").map((a) => inst.inputs.leaves.get(a.name)?.nd);
  const maskedRow = masks.some((m) => m && hasFullyMaskedRow(m));
  const largest = largestInput(inst);
  const causes: Bi[] = [];
  if (maskedRow) causes.push(t("nonfinite.masked-row"));
  if (largest >= LARGE_INPUT) causes.push(t("nonfinite.large-inputs", { largest: largest.toPrecision(3) }));
  if (causes.length === 0) causes.push(t("nonfinite.guard"));
  return t("bug.non-finite-gradient", { causes: joinBi(causes, " ") });
}
