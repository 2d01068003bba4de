/** The float64 rope kernels: the VJPs against central finite differences, the forward pass against values derived by hand. */
import { describe, expect, it } from "vitest";
import { matmul, nd } from "../engine/ndarray.js";
import { close, fdCheck, normalSampler } from "../../tests/support/finite-differences.js";
import { applyRope, applyRopeVjp, ropeFrequencies } from "./rope.js";

const randn = normalSampler();

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
        return matmul(
          a,
          nd(
            [8, 5],
            Array.from({ length: 40 }, (_, i) => b.data[(i % 5) * 8 + Math.floor(i / 5)]),
          ),
        ).data;
      };
      close(scores(0), scores(1234), 1e-9);
    }
  });
  it("throws for an odd dimension", () => {
    expect(() => ropeFrequencies(5)).toThrow();
    expect(() => applyRope(randn([2, 5]))).toThrow();
  });
  for (const opts of [
    { style: "interleaved" as const, offset: 3 },
    { style: "half" as const, base: 500, offset: 40 },
  ]) {
    it(`the VJP agrees with central finite differences (${JSON.stringify(opts)})`, () => {
      const x = randn([2, 3, 6]);
      const c = randn([2, 3, 6]);
      expect(fdCheck(x, (z) => applyRope(z, opts), c, applyRopeVjp(c, opts))).toBeLessThan(1e-6);
    });
  }
});
