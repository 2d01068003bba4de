/**
 * Exercise: learning-rate schedules.
 *
 * Run `npm run grade -- schedule` (or press Run on the exercise page) to grade
 * this file. Keep it synchronous. This one returns a plain JavaScript number,
 * not a tf.Tensor: no tfjs is needed.
 */

export type ScheduleOptions =
  | { kind: "noam"; dModel: number; warmup: number; factor?: number }
  | { kind: "warmup-cosine"; peak: number; warmup: number; total: number; minLr?: number };

/**
 * The learning rate at `step`, counted from 1 (the first update is step 1).
 *   "noam": factor·dModel^−0.5·min(step^−0.5, step·warmup^−1.5), factor = 1
 *     by default (Vaswani et al. 2017, §5.3)
 *   "warmup-cosine": peak·step/warmup up to warmup; then
 *     minLr + (peak − minLr)·½(1 + cos(π(step − warmup)/(total − warmup)));
 *     minLr from total on; minLr = 0 by default
 *
 * Throw an Error for a step that is not an integer ≥ 1, for total ≤ warmup,
 * and for an unknown kind. What the grader checks: both schedules at step 1,
 * on the ramp, at the peak, just after it, in the middle of the decay, at total
 * and after it, with the tolerance of float64 arithmetic; that the peak is
 * exactly at warmup; and the errors.
 */
export function learningRate(step: number, opts: ScheduleOptions): number {
  throw new Error("not implemented");
}
