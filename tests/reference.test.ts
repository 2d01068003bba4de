/**
 * The float64 reference kernels: every VJP against central finite differences, and the
 * forward kernels against values derived by hand or by an independent library (mathjs).
 */
import { describe, expect, it } from "vitest";
import { multiply } from "mathjs";
import { dot, matmul, nd, type NdArray } from "../graders/engine/ndarray.js";
import { Prng } from "../graders/engine/prng.js";
import { logSoftmax, softmax, softmaxVjp } from "../graders/reference/softmax.js";
import { causalMask, maskedSoftmax, maskedSoftmaxVjp, paddingMask } from "../graders/reference/masking.js";
import { scaledDotProductAttention, scaledDotProductAttentionVjp } from "../graders/reference/attention.js";
import { mergeHeads, multiHeadAttention, multiHeadAttentionVjp, splitHeads, type MhaWeightsNd } from "../graders/reference/mha.js";
import { applyRope, applyRopeVjp, ropeFrequencies } from "../graders/reference/rope.js";

const rng = new Prng(12345);
const randn = (shape: number[], s = 1): NdArray => nd(shape, Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => s * rng.normal()));

/**
 * Central differences of f(x) = Σ F(x) ⊙ c, element by element, in float64; compared with
 * the analytic VJP by the relative error of the whole gradient.
 */
function fdCheck(x: NdArray, f: (x: NdArray) => NdArray, cot: NdArray, analytic: NdArray, h = 1e-6): number {
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

const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-12) => {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(tol);
};

describe("softmax reference", () => {
  it("softmax of (0, ln 2, ln 3) is (1/6, 2/6, 3/6)", () => {
    close(softmax(nd([3], [0, Math.log(2), Math.log(3)])).data, [1 / 6, 2 / 6, 3 / 6]);
  });
  it("is shift-invariant and finite for logits of 1e4", () => {
    const x = randn([3, 5], 1e4);
    const y = softmax(x);
    const shifted = softmax(nd(x.shape, x.data.map((v) => v + 777)));
    close(y.data, shifted.data, 1e-12);
    expect(y.data.every(Number.isFinite)).toBe(true);
  });
  it("rows along any axis sum to 1", () => {
    const y = softmax(randn([2, 4, 3]), 1);
    for (let a = 0; a < 2; a++) for (let c = 0; c < 3; c++) {
      let s = 0;
      for (let b = 0; b < 4; b++) s += y.data[a * 12 + b * 3 + c];
      expect(Math.abs(s - 1)).toBeLessThan(1e-12);
    }
  });
  it("log-softmax exponentiates to softmax", () => {
    const x = randn([4, 6], 3);
    close(logSoftmax(x).data.map(Math.exp), softmax(x).data);
  });
  for (const [shape, axis] of [[[7], -1], [[3, 5], -1], [[2, 4, 3], 1], [[3, 2, 2, 4], 0]] as [number[], number][]) {
    it(`softmaxVjp agrees with central finite differences on shape [${shape}], axis ${axis}`, () => {
      const x = randn(shape, 2);
      const c = randn(shape);
      const err = fdCheck(x, (z) => softmax(z, axis), c, softmaxVjp(softmax(x, axis), c, axis));
      expect(err).toBeLessThan(1e-6);
    });
  }
});

describe("masking reference", () => {
  it("builds the padding and causal masks by their definitions", () => {
    close(paddingMask([2, 0], 3).data, [1, 1, 0, 0, 0, 0]);
    close(causalMask(3).data, [1, 0, 0, 1, 1, 0, 1, 1, 1]);
  });
  it("gives blocked keys exactly 0 and a fully masked row all zeros, even for scores near −5000", () => {
    const scores = nd([2, 3], [-5000, -5001, 0, 1, 2, 3]);
    const mask = nd([2, 3], [1, 1, 0, 0, 0, 0]);
    const y = maskedSoftmax(scores, mask);
    close(y.data, [Math.E / (Math.E + 1), 1 / (Math.E + 1), 0, 0, 0, 0]);
  });
  for (const [name, mask] of [
    ["a padding mask [2, 1, 5]", nd([2, 1, 5], [1, 1, 1, 0, 0, 1, 1, 1, 1, 1])],
    ["a causal mask [5, 5]", causalMask(5)],
    ["a fully masked row", nd([1, 5], [0, 0, 0, 0, 0])],
  ] as [string, NdArray][]) {
    it(`maskedSoftmaxVjp agrees with central finite differences under ${name}`, () => {
      const x = randn([2, 5, 5], 2);
      const c = randn([2, 5, 5]);
      expect(fdCheck(x, (z) => maskedSoftmax(z, mask), c, maskedSoftmaxVjp(x, mask, c))).toBeLessThan(1e-6);
    });
  }
});

describe("attention reference", () => {
  it("uses mathjs-identical matrix products", () => {
    const a = randn([3, 4]);
    const b = randn([4, 2]);
    const viaMathjs = (multiply(
      [0, 1, 2].map((i) => Array.from(a.data.slice(i * 4, i * 4 + 4))),
      [0, 1, 2, 3].map((i) => Array.from(b.data.slice(i * 2, i * 2 + 2))),
    ) as number[][]).flat();
    close(matmul(a, b).data, viaMathjs, 1e-12);
  });
  it("with a single key returns that key's value for every query", () => {
    const v = randn([1, 1, 3]);
    const { output, weights } = scaledDotProductAttention(randn([1, 4, 2]), randn([1, 1, 2]), v);
    close(weights.data, [1, 1, 1, 1]);
    for (let q = 0; q < 4; q++) close(output.data.slice(q * 3, q * 3 + 3), v.data);
  });
  const cases: [string, number[], number[], number[], NdArray | undefined][] = [
    ["cross-attention Lq ≠ Lk, d_k ≠ d_v", [2, 3, 4], [2, 6, 4], [2, 6, 5], undefined],
    ["a padding mask", [2, 4, 3], [2, 5, 3], [2, 5, 2], nd([2, 1, 5], [1, 1, 1, 0, 0, 1, 1, 1, 1, 0])],
    ["broadcast batch axes and a causal mask", [2, 2, 4, 3], [1, 2, 4, 3], [2, 1, 4, 2], causalMask(4)],
  ];
  for (const [name, qs, ks, vs, mask] of cases) {
    it(`the VJP agrees with central finite differences for ${name}`, () => {
      const q = randn(qs);
      const k = randn(ks);
      const v = randn(vs);
      const c = randn(scaledDotProductAttention(q, k, v, mask).output.shape as number[]);
      const g = scaledDotProductAttentionVjp(q, k, v, mask, c);
      expect(fdCheck(q, (z) => scaledDotProductAttention(z, k, v, mask).output, c, g.dq)).toBeLessThan(1e-6);
      expect(fdCheck(k, (z) => scaledDotProductAttention(q, z, v, mask).output, c, g.dk)).toBeLessThan(1e-6);
      expect(fdCheck(v, (z) => scaledDotProductAttention(q, k, z, mask).output, c, g.dv)).toBeLessThan(1e-6);
    });
  }
});

describe("multi-head attention reference", () => {
  it("splitHeads matches the index formula and mergeHeads inverts it", () => {
    const x = randn([2, 3, 6]);
    const s = splitHeads(x, 2);
    expect(s.shape).toEqual([2, 2, 3, 3]);
    // head h, position l, feature j ↔ x[b, l, h·3 + j]
    for (let b = 0; b < 2; b++) for (let h = 0; h < 2; h++) for (let l = 0; l < 3; l++) for (let j = 0; j < 3; j++) {
      expect(s.data[((b * 2 + h) * 3 + l) * 3 + j]).toBe(x.data[(b * 3 + l) * 6 + h * 3 + j]);
    }
    close(mergeHeads(s).data, x.data, 0);
    expect(() => splitHeads(x, 4)).toThrow();
  });
  it("with one head and identity projections equals plain attention", () => {
    const d = 4;
    const I = nd([d, d], Array.from({ length: d * d }, (_, i) => (i % (d + 1) === 0 ? 1 : 0)));
    const x = randn([1, 3, d]);
    const mha = multiHeadAttention(x, x, x, { wq: I, wk: I, wv: I, wo: I }, 1);
    close(mha.output.data, scaledDotProductAttention(x, x, x).output.data);
  });
  for (const [h, withBias] of [[1, false], [3, true]] as [number, boolean][]) {
    it(`the VJP agrees with central finite differences for every input, weight and bias (${h} head${h > 1 ? "s" : ""}${withBias ? ", biases" : ""})`, () => {
      const d = 6;
      const w: MhaWeightsNd = { wq: randn([d, d], 0.4), wk: randn([d, d], 0.4), wv: randn([d, d], 0.4), wo: randn([d, d], 0.4) };
      if (withBias) Object.assign(w, { bq: randn([d]), bk: randn([d]), bv: randn([d]), bo: randn([d]) });
      const query = randn([2, 3, d]);
      const key = randn([2, 4, d]);
      const value = randn([2, 4, d]);
      const mask = nd([2, 1, 1, 4], [1, 1, 1, 0, 1, 1, 1, 1]);
      const run = () => multiHeadAttention(query, key, value, w, h, mask).output;
      const c = randn(run().shape as number[]);
      const g = multiHeadAttentionVjp(query, key, value, w, h, mask, c);
      const pairs: [NdArray, NdArray | undefined][] = [[query, g.dquery], [key, g.dkey], [value, g.dvalue], [w.wq, g.dwq], [w.wk, g.dwk], [w.wv, g.dwv], [w.wo, g.dwo]];
      if (withBias) pairs.push([w.bq!, g.dbq], [w.bk!, g.dbk], [w.bv!, g.dbv], [w.bo!, g.dbo]);
      else expect(g.dbq).toBeUndefined();
      // fdCheck perturbs each tensor in place, and `run` reads the same objects.
      for (const [t, grad] of pairs) expect(fdCheck(t, () => run(), c, grad!)).toBeLessThan(1e-6);
    });
  }
  it("throws when d is not divisible by numHeads", () => {
    const W = randn([6, 6]);
    expect(() => multiHeadAttention(randn([1, 2, 6]), randn([1, 2, 6]), randn([1, 2, 6]), { wq: W, wk: W, wv: W, wo: W }, 4)).toThrow(/divisible/);
  });
});

describe("RoPE reference", () => {
  it("has θ = (1, 0.01) for dim 4 and rotates (1, 0) at position 1 to (cos 1, sin 1)", () => {
    close(ropeFrequencies(4).data, [1, 0.01]);
    const x = nd([2, 2], [9, 9, 1, 0]); // rows at positions 0 and 1
    close(applyRope(x).data, [9, 9, Math.cos(1), Math.sin(1)]);
  });
  it("is the identity at position 0, preserves pair norms, and scores depend only on n − m", () => {
    for (const style of ["interleaved", "half"] as const) {
      const q = randn([5, 8]);
      const k = randn([5, 8]);
      const rq = applyRope(q, { style });
      close(rq.data.slice(0, 8), q.data.slice(0, 8));
      for (let r = 0; r < 5; r++) {
        const n0 = Math.hypot(...q.data.slice(r * 8, r * 8 + 8));
        const n1 = Math.hypot(...rq.data.slice(r * 8, r * 8 + 8));
        expect(Math.abs(n0 - n1)).toBeLessThan(1e-12);
      }
      const scores = (off: number) => {
        const a = applyRope(q, { style, offset: off });
        const b = applyRope(k, { style, offset: off });
        return matmul(a, nd([8, 5], Array.from({ length: 40 }, (_, i) => b.data[(i % 5) * 8 + Math.floor(i / 5)]))).data;
      };
      close(scores(0), scores(1234), 1e-9);
    }
  });
  it("throws for an odd dimension", () => {
    expect(() => ropeFrequencies(5)).toThrow();
    expect(() => applyRope(randn([2, 5]))).toThrow();
  });
  for (const opts of [{ style: "interleaved" as const, offset: 3 }, { style: "half" as const, base: 500, offset: 40 }]) {
    it(`the VJP agrees with central finite differences (${JSON.stringify(opts)})`, () => {
      const x = randn([2, 3, 6]);
      const c = randn([2, 3, 6]);
      expect(fdCheck(x, (z) => applyRope(z, opts), c, applyRopeVjp(c, opts))).toBeLessThan(1e-6);
    });
  }
});
