/**
 * broadcastTo and sumTo (the float64 references' broadcasting and its adjoint) against a
 * coordinate-by-coordinate definition, on random shapes: the odometer walk they use must
 * read and accumulate exactly the elements NumPy's rules name.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { broadcastTo, nd, sizeOf, strides, sumTo } from "../../graders/engine/ndarray.js";

/** The source index of output index i, by coordinates (right-aligned; size-1 axes read index 0). */
function sourceIndex(i: number, small: number[], big: number[]): number {
  const offset = big.length - small.length;
  const bs = strides(big);
  const ss = strides(small);
  let j = 0;
  for (let d = 0; d < small.length; d++) {
    const coord = Math.floor(i / bs[d + offset]) % big[d + offset];
    j += (small[d] === 1 ? 0 : coord) * ss[d];
  }
  return j;
}

/** A big shape and a small one that broadcasts to it (some axes 1, some leading axes dropped). */
const shapes = fc
  .array(fc.integer({ min: 1, max: 4 }), { minLength: 0, maxLength: 4 })
  .chain((big) => fc.tuple(fc.constant(big), fc.integer({ min: 0, max: big.length }), fc.array(fc.boolean(), { minLength: big.length, maxLength: big.length })))
  .map(([big, drop, ones]) => ({ big, small: big.map((d, i) => (ones[i] ? 1 : d)).slice(drop) }));

describe("broadcasting in the float64 references", () => {
  it("broadcastTo reads, for every output element, the element NumPy's rules name", () => {
    fc.assert(
      fc.property(shapes, ({ big, small }) => {
        const a = nd(
          small,
          Array.from({ length: sizeOf(small) }, (_, k) => k * 1.5 - 3),
        );
        const got = broadcastTo(a, big);
        expect(got.shape).toEqual(big);
        expect(Array.from(got.data)).toEqual(Array.from({ length: sizeOf(big) }, (_, i) => a.data[sourceIndex(i, small, big)]));
      }),
    );
  });

  it("sumTo adds every element into the one it was broadcast from (the adjoint)", () => {
    fc.assert(
      fc.property(shapes, ({ big, small }) => {
        const g = nd(
          big,
          Array.from({ length: sizeOf(big) }, (_, k) => (k % 7) - 2.25),
        );
        const want = new Float64Array(sizeOf(small));
        for (let i = 0; i < g.data.length; i++) want[sourceIndex(i, small, big)] += g.data[i];
        const got = sumTo(g, small);
        expect(got.shape).toEqual(small);
        expect(Array.from(got.data)).toEqual(Array.from(want));
      }),
    );
  });

  it("refuses a shape the array cannot broadcast to", () => {
    expect(() => broadcastTo(nd([3]), [2, 4])).toThrow(/cannot broadcast \[3\] (to|with) \[2,4\]/);
  });
});
