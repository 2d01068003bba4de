/**
 * Tolerances, in one table, per backend. An element passes when
 *   |got − want| ≤ atol · max(1, max|want|) + rtol · |want|
 * — the atol term scales with the array's magnitude because float32 rounding errors of a
 * sum scale with its largest terms, not with the (possibly tiny) element being checked.
 *
 * cpu / wasm: IEEE float32 with correctly rounded basic ops; exp/log to a few ulps.
 * webgpu: float32, but WGSL's exp/log/sqrt are only required to be accurate to ~3 ulp
 *   relative over a limited range, and reductions run in a different order.
 * webgl: may fall back to float16 textures on some GPUs (~1e-3 relative precision).
 */
export const TOLERANCES: Record<string, { atol: number; rtol: number }> = {
  cpu: { atol: 1e-5, rtol: 1e-4 },
  wasm: { atol: 1e-5, rtol: 1e-4 },
  webgpu: { atol: 1e-4, rtol: 1e-3 },
  webgl: { atol: 2e-3, rtol: 1e-2 },
};

/** Gradients chain several float32 ops (forward, then backward), so they get more slack. */
export const GRADIENT_FACTOR = 10;

/** Property checks compare the learner against itself (two runs of the same code, inputs rounded again). */
export const PROPERTY_FACTOR = 10;

export function toleranceFor(backend: string): { atol: number; rtol: number } {
  return TOLERANCES[backend] ?? TOLERANCES.webgl;
}
