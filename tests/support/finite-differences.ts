/** Shared by the reference kernels' tests (graders/reference/*.test.ts): random inputs and gradient checks in float64. */
import { expect } from "vitest";
import { dot, nd, type NdArray } from "../../graders/engine/ndarray.js";
import { Prng } from "../../graders/engine/prng.js";

/** A seeded normal sampler, so every test file draws the same inputs on every run. */
export function normalSampler(seed = 12345): (shape: number[], s?: number) => NdArray {
  const rng = new Prng(seed);
  return (shape, s = 1) =>
    nd(
      shape,
      Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => s * rng.normal()),
    );
}

/**
 * Central differences of f(x) = Σ F(x) ⊙ c, element by element, in float64; compared with
 * the analytic VJP by the relative error of the whole gradient.
 */
export function fdCheck(x: NdArray, f: (x: NdArray) => NdArray, cot: NdArray, analytic: NdArray, h = 1e-6): number {
  const num = nd(x.shape);
  for (let i = 0; i < x.data.length; i++) {
    const orig = x.data[i];
    x.data[i] = orig + h;
    const up = dot(f(x), cot);
    x.data[i] = orig - h;
    const down = dot(f(x), cot);
    x.data[i] = orig;
    num.data[i] = (up - down) / (2 * h);
  }
  let diff = 0;
  let norm = 0;
  for (let i = 0; i < num.data.length; i++) {
    diff = Math.max(diff, Math.abs(num.data[i] - analytic.data[i]));
    norm = Math.max(norm, Math.abs(num.data[i]));
  }
  // Some gradients are exactly zero (b_K: adding q·b_K to a whole row leaves softmax unchanged),
  // so a relative error needs a floor.
  return diff / Math.max(norm, 1e-2);
}

export const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-12): void => {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(tol);
};
