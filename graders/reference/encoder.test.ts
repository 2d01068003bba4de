/** The float64 encoder layer: LayerNorm and FFN by hand, every VJP against central finite differences. */
import { describe, expect, it } from "vitest";
import { add, nd, type NdArray } from "../engine/ndarray.js";
import { fdCheck, normalSampler } from "../../tests/support/finite-differences.js";
import { encoderLayer, encoderLayerVjp, feedForward, feedForwardVjp, layerNorm, layerNormVjp, type EncoderParamsNd, type Norm } from "./encoder.js";

const randn = normalSampler(2718);
const D = 4;

function params(): EncoderParamsNd {
  const w = () => randn([D, D], 0.5);
  const v = (s = 0.3) => randn([D], s);
  return {
    numHeads: 2,
    attn: { wq: w(), wk: w(), wv: w(), wo: w(), bq: v(), bk: v(), bv: v(), bo: v() },
    ffn: { w1: randn([D, 6], 0.5), b1: randn([6], 0.3), w2: randn([6, D], 0.5), b2: v() },
    ln1: { gamma: add(v(0.2), nd([D], [1, 1, 1, 1])), beta: v() },
    ln2: { gamma: add(v(0.2), nd([D], [1, 1, 1, 1])), beta: v() },
  };
}

/** The leaf of `p` a gradient key names ("p.attn.wq" → p.attn.wq). */
function leaf(p: EncoderParamsNd, key: string): NdArray {
  const [, group, name] = key.split(".");
  return (p as unknown as Record<string, Record<string, NdArray>>)[group][name];
}

describe("encoder reference", () => {
  it("layerNorm rows have mean β and standard deviation ≈ γ (ε aside)", () => {
    const x = randn([3, 8], 4);
    const { y } = layerNorm(x, { gamma: nd([8], new Float64Array(8).fill(2)), beta: nd([8], new Float64Array(8).fill(0.5)) });
    for (let r = 0; r < 3; r++) {
      const row = Array.from(y.data.slice(r * 8, r * 8 + 8));
      const mean = row.reduce((a, b) => a + b, 0) / 8;
      const sd = Math.sqrt(row.reduce((a, b) => a + (b - mean) ** 2, 0) / 8);
      expect(mean).toBeCloseTo(0.5, 12);
      expect(sd).toBeCloseTo(2, 4);
    }
  });
  it("layerNormVjp agrees with central finite differences (input, γ, β)", () => {
    const x = randn([2, 3, 5], 2);
    const p = { gamma: randn([5]), beta: randn([5]) };
    const c = randn([2, 3, 5]);
    const g = layerNormVjp(x, p, c);
    expect(fdCheck(x, (z) => layerNorm(z, p).y, c, g.dx)).toBeLessThan(1e-6);
    expect(fdCheck(p.gamma, (z) => layerNorm(x, { ...p, gamma: z }).y, c, g.dgamma)).toBeLessThan(1e-6);
    expect(fdCheck(p.beta, (z) => layerNorm(x, { ...p, beta: z }).y, c, g.dbeta)).toBeLessThan(1e-6);
  });
  it("feedForwardVjp agrees with central finite differences", () => {
    const p = params().ffn;
    const x = randn([2, 3, D]);
    const c = randn([2, 3, D]);
    const g = feedForwardVjp(x, p, c);
    expect(fdCheck(x, (z) => feedForward(z, p), c, g.dx)).toBeLessThan(1e-6);
    expect(fdCheck(p.w1, (z) => feedForward(x, { ...p, w1: z }), c, g.dw1)).toBeLessThan(1e-6);
    expect(fdCheck(p.b2, (z) => feedForward(x, { ...p, b2: z }), c, g.db2)).toBeLessThan(1e-6);
  });
  it("Pre-LN with zero sub-layers is the identity; Post-LN is not", () => {
    const p = params();
    const zero = (a: NdArray) => nd(a.shape);
    p.attn.wo = zero(p.attn.wo);
    p.attn.bo = zero(p.attn.bo!);
    p.ffn.w2 = zero(p.ffn.w2);
    p.ffn.b2 = zero(p.ffn.b2);
    const x = randn([1, 3, D]);
    expect(Array.from(encoderLayer(x, p, "pre").data)).toEqual(Array.from(x.data));
    expect(encoderLayer(x, p, "post").data[0]).not.toBeCloseTo(x.data[0], 3);
  });
  for (const norm of ["post", "pre"] as Norm[]) {
    it(`encoderLayerVjp (${norm}-LN, causal mask) agrees with finite differences for x and every parameter`, () => {
      const p = params();
      const x = randn([2, 3, D]);
      const mask = nd([3, 3], [1, 0, 0, 1, 1, 0, 1, 1, 1]);
      const c = randn([2, 3, D]);
      const g = encoderLayerVjp(x, p, norm, mask, c);
      expect(fdCheck(x, (z) => encoderLayer(z, p, norm, mask), c, g.x)).toBeLessThan(1e-6);
      const keys = Object.keys(g).filter((k) => k !== "x");
      expect(keys).toHaveLength(16);
      for (const key of keys) {
        // fdCheck nudges the parameter in place, and p holds that very array.
        expect(
          fdCheck(leaf(p, key), () => encoderLayer(x, p, norm, mask), c, g[key]),
          key,
        ).toBeLessThan(1e-6);
      }
    });
  }
});
