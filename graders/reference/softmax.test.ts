/** The float64 softmax kernels: the VJPs against central finite differences, the forward pass against values derived by hand. */
import { describe, expect, it } from "vitest";
import { nd } from "../engine/ndarray.js";
import { close, fdCheck, normalSampler } from "../../tests/support/finite-differences.js";
import { logSoftmax, softmax, softmaxVjp } from "./softmax.js";

const randn = normalSampler();

describe("softmax reference", () => {
  it("softmax of (0, ln 2, ln 3) is (1/6, 2/6, 3/6)", () => {
    close(softmax(nd([3], [0, Math.log(2), Math.log(3)])).data, [1 / 6, 2 / 6, 3 / 6]);
  });
  it("is shift-invariant and finite for logits of 1e4", () => {
    const x = randn([3, 5], 1e4);
    const y = softmax(x);
    const shifted = softmax(
      nd(
        x.shape,
        x.data.map((v) => v + 777),
      ),
    );
    close(y.data, shifted.data, 1e-12);
    expect(y.data.every(Number.isFinite)).toBe(true);
  });
  it("rows along any axis sum to 1", () => {
    const y = softmax(randn([2, 4, 3]), 1);
    for (let a = 0; a < 2; a++)
      for (let c = 0; c < 3; c++) {
        let s = 0;
        for (let b = 0; b < 4; b++) s += y.data[a * 12 + b * 3 + c];
        expect(Math.abs(s - 1)).toBeLessThan(1e-12);
      }
  });
  it("log-softmax exponentiates to softmax", () => {
    const x = randn([4, 6], 3);
    close(logSoftmax(x).data.map(Math.exp), softmax(x).data);
  });
  for (const [shape, axis] of [
    [[7], -1],
    [[3, 5], -1],
    [[2, 4, 3], 1],
    [[3, 2, 2, 4], 0],
  ] as [number[], number][]) {
    it(`softmaxVjp agrees with central finite differences on shape [${shape}], axis ${axis}`, () => {
      const x = randn(shape, 2);
      const c = randn(shape);
      const err = fdCheck(x, (z) => softmax(z, axis), c, softmaxVjp(softmax(x, axis), c, axis));
      expect(err).toBeLessThan(1e-6);
    });
  }
});
