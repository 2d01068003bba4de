/**
 * Position signals beyond the training length, for topic 40 (pure functions; the visual and
 * the tests share them).
 * - ALiBi (Press et al., 2022): head h adds −m_h · (i − j) to the score of query i and key j ≤ i,
 *   slopes a geometric sequence starting at 2^(−8/n) with the same ratio.
 * - RoPE frequencies θ_i = base^(−2i/d) (Su et al., 2021) and three ways to stretch them by a
 *   factor s: position interpolation θ/s (Chen et al., 2023), "NTK-aware" base·s^(d/(d−2)),
 *   and YaRN's per-frequency ramp with its attention temperature (Peng et al., 2023).
 * - T5's relative-position buckets (Raffel et al., 2020), as in the reference implementation.
 */

/** ALiBi head slopes, as in the authors' code: exact for a power of two, interleaved otherwise. */
export function alibiSlopes(heads: number): number[] {
  if (!Number.isInteger(heads) || heads < 1) throw new Error(`heads must be a positive integer, got ${heads}`);
  const powerOfTwo = (n: number) => {
    const start = 2 ** (-8 / n);
    return Array.from({ length: n }, (_, i) => start ** (i + 1));
  };
  if (Number.isInteger(Math.log2(heads))) return powerOfTwo(heads);
  const closest = 2 ** Math.floor(Math.log2(heads));
  return [
    ...powerOfTwo(closest),
    ...alibiSlopes(2 * closest)
      .filter((_, i) => i % 2 === 0)
      .slice(0, heads - closest),
  ];
}

/** The bias ALiBi adds for a key `distance` positions before the query. */
export function alibiBias(slope: number, distance: number): number {
  return -slope * distance;
}

export function ropeThetas(d: number, base = 10000): number[] {
  if (!Number.isInteger(d) || d < 2 || d % 2 !== 0) throw new Error(`the head width must be an even integer ≥ 2, got ${d}`);
  return Array.from({ length: d / 2 }, (_, i) => base ** ((-2 * i) / d));
}

export type RopeScaling = "none" | "pi" | "ntk" | "yarn";

export interface ScalingOptions {
  d: number;
  base: number;
  /** Target length / training length. */
  s: number;
  trainLen: number;
  /** YaRN ramp bounds on the number of turns a pair makes within trainLen (the paper's α = 1, β = 32 for LLaMA). */
  alpha?: number;
  beta?: number;
}

/** Fraction of pair i's frequency kept (1) rather than interpolated (0) by YaRN, from its turns within trainLen. */
export function yarnRamp(theta: number, trainLen: number, alpha = 1, beta = 32): number {
  const turns = (trainLen * theta) / (2 * Math.PI);
  return Math.min(1, Math.max(0, (turns - alpha) / (beta - alpha)));
}

export function scaledThetas(method: RopeScaling, o: ScalingOptions): number[] {
  if (!(o.s >= 1)) throw new Error(`the scale factor s must be ≥ 1, got ${o.s}`);
  const thetas = ropeThetas(o.d, o.base);
  switch (method) {
    case "none":
      return thetas;
    case "pi":
      return thetas.map((t) => t / o.s);
    case "ntk":
      return ropeThetas(o.d, o.base * o.s ** (o.d / (o.d - 2)));
    case "yarn":
      return thetas.map((t) => {
        const g = yarnRamp(t, o.trainLen, o.alpha, o.beta);
        return (1 - g) * (t / o.s) + g * t;
      });
  }
}

/** YaRN multiplies the logits by 1/t with √(1/t) = 0.1·ln s + 1 (no change for s ≤ 1). */
export function yarnLogitScale(s: number): number {
  return s <= 1 ? 1 : (0.1 * Math.log(s) + 1) ** 2;
}

/** ⟨x, R_Δ x⟩ / (d/2) for x made of unit pairs: RoPE's own decay of a score with distance. */
export function ropeSelfScore(distance: number, thetas: number[]): number {
  return thetas.reduce((s, t) => s + Math.cos(distance * t), 0) / thetas.length;
}

/**
 * For each pair: the largest angle it reaches at the target length over the largest it reached
 * in training. Above 1 means angles the model never saw — unless the pair already turned a full
 * circle in training (`fullTurn`), in which case every angle was seen.
 */
export function angleReach(method: RopeScaling, o: ScalingOptions): { pair: number; ratio: number; fullTurn: boolean }[] {
  const trained = ropeThetas(o.d, o.base);
  return scaledThetas(method, o).map((t, pair) => ({
    pair,
    ratio: (o.s * o.trainLen * t) / (o.trainLen * trained[pair]),
    fullTurn: o.trainLen * trained[pair] >= 2 * Math.PI,
  }));
}

/** T5's bucket for relative position (key − query), as in the Mesh TensorFlow / Hugging Face code. */
export function t5Bucket(relative: number, bidirectional = true, numBuckets = 32, maxDistance = 128): number {
  let buckets = numBuckets;
  let offset = 0;
  let n: number;
  if (bidirectional) {
    buckets = Math.floor(buckets / 2);
    if (relative > 0) offset = buckets;
    n = Math.abs(relative);
  } else n = Math.max(0, -relative);
  const maxExact = Math.floor(buckets / 2);
  if (n < maxExact) return offset + n;
  const large = maxExact + Math.floor((Math.log(n / maxExact) / Math.log(maxDistance / maxExact)) * (buckets - maxExact));
  return offset + Math.min(large, buckets - 1);
}
