/**
 * Dropout's statistics on the learner's own output, with tolerances stated in the message:
 * the share of zeros is within `sigmas` binomial standard deviations of the rate, every kept
 * unit equals x/(1 − rate) to the backend's relative tolerance, and the mean of the output is
 * within `sigmas` standard deviations of the input's mean (inverted dropout is unbiased:
 * E[y] = x). These hold for any mask drawn with the right rate, seeded or not.
 */
import { z } from "zod";
import { t } from "../i18n.js";
import { fmt } from "../compare.js";
import type { NdArray } from "../ndarray.js";
import { againstInput, fail, Field, jsonArgOf, pass, propertySpec, type PropertyContext, type PropertyPlan, type PropertyVerdict } from "./define.js";

export const spec = propertySpec(
  "dropout-statistics",
  z.strictObject({ x: z.string().min(1), rate: z.string().min(1), sigmas: z.number().positive().default(5), field: Field }),
);

function keptValues(x: NdArray, y: NdArray, rate: number, rtol: number): PropertyVerdict | null {
  let unscaled = 0;
  let kept = 0;
  for (let i = 0; i < x.data.length; i++) {
    if (y.data[i] === 0 || x.data[i] === 0) continue;
    kept++;
    const want = x.data[i] / (1 - rate);
    if (Math.abs(y.data[i] - want) <= rtol * Math.abs(want)) continue;
    if (y.data[i] === x.data[i]) unscaled++;
    else return fail(t("dropout.kept-wrong", { got: fmt(y.data[i]), x: fmt(x.data[i]), want: fmt(want), rtol }));
  }
  if (unscaled === 0) return null;
  return {
    ...fail(t("dropout.unscaled", { unscaled, kept })),
    bug: "no-scaling",
    diagnosis: t("bug.no-scaling", { advice: t("dropout.advice.no-scaling") }),
  };
}

function zeroShare(x: NdArray, y: NdArray, rate: number, sigmas: number): PropertyVerdict | null {
  let n = 0;
  let zeros = 0;
  for (let i = 0; i < x.data.length; i++) {
    if (x.data[i] === 0) continue;
    n++;
    if (y.data[i] === 0) zeros++;
  }
  const share = zeros / n;
  const bound = (p: number) => sigmas * Math.sqrt((p * (1 - p)) / n);
  if (Math.abs(share - rate) <= bound(rate)) return null;
  const msg = t("dropout.zero-share", { zeros, n, share: fmt(share), rate, sigmas, bound: fmt(bound(rate)) });
  if (Math.abs(share - (1 - rate)) <= bound(1 - rate)) {
    return {
      ...fail(t("dropout.keep-share", { msg })),
      bug: "rate-as-keep",
      diagnosis: t("bug.rate-as-keep", { advice: t("dropout.advice.rate-as-keep") }),
    };
  }
  return fail(msg);
}

function meanPreserved(x: NdArray, y: NdArray, rate: number, sigmas: number): PropertyVerdict | null {
  const n = x.data.length;
  let mx = 0;
  let my = 0;
  let sq = 0;
  for (let i = 0; i < n; i++) {
    mx += x.data[i] / n;
    my += y.data[i] / n;
    sq += x.data[i] * x.data[i];
  }
  // Var(Σ y_i) = Σ x_i² · rate/(1 − rate) for inverted dropout with independent units.
  const bound = (sigmas * Math.sqrt((sq * rate) / (1 - rate))) / n;
  return Math.abs(my - mx) <= bound ? null : fail(t("dropout.biased", { my: fmt(my), mx: fmt(mx), sigmas, bound: fmt(bound) }));
}

export function plan(p: z.infer<typeof spec>["params"], { inst, tol }: PropertyContext): PropertyPlan {
  const rate = jsonArgOf(inst, p.rate);
  if (typeof rate !== "number" || !(rate > 0 && rate < 1))
    throw new Error(`property dropout-statistics on case ${inst.spec.id}: ${p.rate} must be a rate in (0, 1)`);
  return againstInput(inst, p.x, p.field, (x, y) => {
    const bad = keptValues(x, y, rate, tol.rtol) ?? zeroShare(x, y, rate, p.sigmas) ?? meanPreserved(x, y, rate, p.sigmas);
    return bad ?? pass(t("dropout.pass", { rate, sigmas: p.sigmas }));
  });
}
