/** The float64 dropout: its generator against tf.randomUniform itself, its VJP against finite differences. */
import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { nd } from "../engine/ndarray.js";
import { fdCheck, normalSampler } from "../../tests/support/finite-differences.js";
import { dropout, dropoutVjp, tfUniform } from "./dropout.js";

const randn = normalSampler(77);

describe("dropout reference", () => {
  it("reproduces tf.randomUniform(shape, 0, 1, 'float32', seed) value for value", async () => {
    await tf.setBackend("cpu");
    for (const [shape, seed] of [
      [[5, 7], 7],
      [[2, 3, 50], 2024],
      [[1000], 0],
      [[3], 123456789],
    ] as [number[], number][]) {
      const t = tf.randomUniform(shape, 0, 1, "float32", seed);
      const want = Array.from(await t.data());
      t.dispose();
      expect(Array.from(tfUniform(shape, seed).data)).toEqual(want);
    }
  });
  it("keeps units where u ≥ rate and scales them by 1/(1 − rate)", () => {
    const x = nd([2, 40], new Float64Array(80).fill(2));
    const u = tfUniform([2, 40], 9);
    const y = dropout(x, 0.25, { seed: 9 });
    for (let i = 0; i < 80; i++) expect(y.data[i]).toBe(u.data[i] >= 0.25 ? 2 / 0.75 : 0);
  });
  it("is the identity when not training or at rate 0, and zero at rate 1", () => {
    const x = randn([3, 4]);
    expect(Array.from(dropout(x, 0.4, { training: false, seed: 1 }).data)).toEqual(Array.from(x.data));
    expect(Array.from(dropout(x, 0, { seed: 1 }).data)).toEqual(Array.from(x.data));
    expect(dropout(x, 1, { seed: 1 }).data.every((v) => v === 0)).toBe(true);
  });
  it("rejects a rate outside [0, 1], training or not", () => {
    expect(() => dropout(randn([2]), -0.1, { seed: 1 })).toThrow();
    expect(() => dropout(randn([2]), 1.5, { training: false })).toThrow();
  });
  it("dropoutVjp agrees with central finite differences", () => {
    const x = randn([4, 6]);
    const c = randn([4, 6]);
    const opts = { seed: 3 };
    expect(fdCheck(x, (z) => dropout(z, 0.3, opts), c, dropoutVjp(x, 0.3, opts, c))).toBeLessThan(1e-8);
  });
});
