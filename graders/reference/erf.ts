/**
 * erf in float64 to ~1e-15: the Maclaurin series below |x| = 2.5 (its largest term is ~30,
 * so about two digits of the 16 are lost), the continued fraction of erfc above (which
 * converges fast there). Exact GELU needs it: tfjs's own tf.erf is a 1e-7 approximation,
 * fine for a learner's float32 but not for the reference it is judged against.
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const a = Math.abs(x);
  if (a < 2.5) {
    let term = a;
    let sum = a;
    for (let n = 1; n < 100 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
      term *= (-a * a) / n;
      sum += term / (2 * n + 1);
    }
    return Math.sign(x) * (2 / Math.sqrt(Math.PI)) * sum;
  }
  return Math.sign(x) * (1 - erfcLarge(a));
}

/** erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), evaluated from the tail, for x ≥ 2.5. */
function erfcLarge(x: number): number {
  let t = x;
  for (let n = 60; n >= 1; n--) t = x + n / 2 / t;
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / t;
}
