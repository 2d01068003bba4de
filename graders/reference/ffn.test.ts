/** The float64 feed-forward kernels: erf and the activations against known values, the VJP against finite differences. */
import { describe, expect, it } from "vitest";
import { nd, type NdArray } from "../engine/ndarray.js";
import { close, fdCheck, normalSampler } from "../../tests/support/finite-differences.js";
import { erf } from "./erf.js";
import { ACTIVATIONS, feedForward, feedForwardVjp, type Activation, type FfnWeightsNd } from "./ffn.js";

const randn = normalSampler(11);

describe("feed-forward references", () => {
  it("erf matches tabulated values to 1e-13 on both sides of the series/continued-fraction switch", () => {
    const table: [number, number][] = [
      [0.5, 0.5204998778130465],
      [1, 0.8427007929497149],
      [2, 0.9953222650189527],
      [2.4, 0.999311486103355],
      [2.9, 0.9999589021219005],
      [3.5, 0.9999992569016276],
      [-1.5, -0.9661051464753108],
    ];
    for (const [x, want] of table) expect(Math.abs(erf(x) - want)).toBeLessThan(1e-13);
  });
  it("erfc at 3 keeps its relative accuracy (1 − erf(3) = 2.209049699858544e-5)", () => {
    expect(Math.abs((1 - erf(3)) / 2.209049699858544e-5 - 1)).toBeLessThan(1e-10);
  });
  it("exact GELU(1) = Φ(1) = 0.8413447460685429, and the tanh form differs from it by ~1e-4 there", () => {
    expect(Math.abs(ACTIVATIONS.gelu.f(1) - 0.8413447460685429)).toBeLessThan(1e-13);
    const gap = Math.abs(ACTIVATIONS["gelu-tanh"].f(1) - ACTIVATIONS.gelu.f(1));
    expect(gap).toBeGreaterThan(1e-5);
    expect(gap).toBeLessThan(1e-3);
  });
  it("every activation's derivative matches a central difference", () => {
    for (const act of Object.values(ACTIVATIONS)) {
      for (const v of [-2.3, -0.4, 0.7, 1.9]) expect(Math.abs((act.f(v + 1e-6) - act.f(v - 1e-6)) / 2e-6 - act.df(v))).toBeLessThan(1e-8);
    }
  });
  it("a ReLU block by hand: x = (1, −1), W1 = I, W2 = (1, 1)ᵀ, b2 = 0.5 gives 1.5", () => {
    const w = { w1: nd([2, 2], [1, 0, 0, 1]), w2: nd([2, 1], [1, 1]), b2: nd([1], [0.5]) };
    close(feedForward(nd([1, 2], [1, -1]), w, "relu").data, [1.5]);
  });
  it("throws for an unknown activation and for SwiGLU without w3", () => {
    const w = { w1: nd([2, 2]), w2: nd([2, 2]) };
    expect(() => feedForward(nd([1, 2]), w, "tanh" as Activation)).toThrow();
    expect(() => feedForward(nd([1, 2]), w, "swiglu")).toThrow();
  });
  const cases: [Activation, boolean][] = [
    ["relu", true],
    ["gelu", true],
    ["gelu-tanh", false],
    ["swiglu", false],
    ["swiglu", true],
  ];
  for (const [act, biases] of cases) {
    it(`feedForwardVjp (${act}, ${biases ? "with" : "without"} biases) agrees with finite differences for x and every weight`, () => {
      const [d, f] = [3, 5];
      const w: FfnWeightsNd = {
        w1: randn([d, f]),
        w2: randn([f, d]),
        ...(act === "swiglu" ? { w3: randn([d, f]) } : {}),
        ...(biases ? { b1: randn([f]), b2: randn([d]) } : {}),
      };
      const x = randn([2, 2, d]);
      const c = randn([2, 2, d]);
      const g = feedForwardVjp(x, w, act, c);
      expect(fdCheck(x, (z) => feedForward(z, w, act), c, g.x)).toBeLessThan(1e-6);
      for (const [k, v] of Object.entries(w) as [keyof FfnWeightsNd, NdArray][]) {
        expect(fdCheck(v, (z) => feedForward(x, { ...w, [k]: z }, act), c, g[`w.${k}`])).toBeLessThan(1e-6);
      }
    });
  }
});
