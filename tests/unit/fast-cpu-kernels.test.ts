/**
 * The grading bundles swap three of tfjs-backend-cpu's index helpers for the odometer
 * versions in graders/runtime/fast-cpu-kernels.ts. A learner's numbers must not move by a
 * bit: each replacement is checked against stock tfjs (this test process loads it unpatched)
 * on random shapes — broadcasting of every kind, permutations, repetitions — and the child
 * bundle is checked to contain them.
 */
import { readFileSync } from "node:fs";
import * as tf from "@tensorflow/tfjs";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { createSimpleBinaryKernelImpl, tileImpl, transposeImpl } from "../../graders/runtime/fast-cpu-kernels.js";
import { ensureChildBundle } from "../../graders/runtime/node-bundle.js";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

const dims = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 0, maxLength: 5 });
/** A shape that broadcasts to `out`: a suffix of it, with some axes set to 1. */
const broadcastable = (out: number[]) =>
  fc
    .tuple(fc.integer({ min: 0, max: out.length }), fc.array(fc.boolean(), { minLength: out.length, maxLength: out.length }))
    .map(([drop, ones]) => out.slice(drop).map((d, i) => (ones[i + drop] ? 1 : d)));
const values = (shape: number[]) => Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => Math.sin(i * 1.7 + shape.length) * 3);
const same = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  expect(Array.from(a, (v) => (Object.is(v, -0) ? "-0" : v))).toEqual(Array.from(b, (v) => (Object.is(v, -0) ? "-0" : v)));

describe("the fast cpu kernels give stock tfjs's results bit for bit", () => {
  const ops: [string, (a: number, b: number) => number, (a: tf.Tensor, b: tf.Tensor) => tf.Tensor][] = [
    ["sub", (a, b) => a - b, tf.sub],
    ["div", (a, b) => a / b, tf.div],
    ["maximum", (a, b) => Math.max(a, b), tf.maximum],
  ];
  for (const [name, op, stock] of ops) {
    it(`broadcasting ${name}, either side broadcast, ranks 0–5`, () => {
      const fast = createSimpleBinaryKernelImpl(op);
      fc.assert(
        fc.property(
          dims.chain((out) => fc.tuple(broadcastable(out), broadcastable(out))),
          ([aShape, bShape]) => {
            const a = values(aShape);
            const b = values(bShape).map((v) => v + 0.25);
            const expected = tf.tidy(() => stock(tf.tensor(a, aShape), tf.tensor(b, bShape)));
            const [got, shape] = fast(aShape, bShape, a, b, "float32");
            expect(shape).toEqual(expected.shape);
            same(got, expected.dataSync());
            expected.dispose();
          },
        ),
        { numRuns: 150, seed: 11 },
      );
    });
  }

  it("transpose under every permutation of ranks 1–5", () => {
    fc.assert(
      fc.property(
        dims
          .filter((s) => s.length > 0)
          .chain((shape) => fc.tuple(fc.constant(shape), fc.shuffledSubarray([...shape.keys()], { minLength: shape.length, maxLength: shape.length }))),
        ([shape, perm]) => {
          const x = values(shape);
          const expected = tf.tidy(() => tf.transpose(tf.tensor(x, shape), perm));
          same(transposeImpl(x, shape, "float32", perm, expected.shape), expected.dataSync());
          expected.dispose();
        },
      ),
      { numRuns: 150, seed: 12 },
    );
  });

  it("tile with any repetitions, ranks 1–5", () => {
    fc.assert(
      fc.property(
        dims
          .filter((s) => s.length > 0)
          .chain((shape) => fc.tuple(fc.constant(shape), fc.array(fc.integer({ min: 1, max: 3 }), { minLength: shape.length, maxLength: shape.length }))),
        ([shape, reps]) => {
          const x = values(shape);
          const expected = tf.tidy(() => tf.tile(tf.tensor(x, shape), reps));
          const got = tileImpl(tf.buffer(shape, "float32", x), reps);
          expect(got.shape).toEqual(expected.shape);
          same(got.values as Float32Array, expected.dataSync());
          expected.dispose();
        },
      ),
      { numRuns: 150, seed: 13 },
    );
  });

  it("are the ones the grading child's bundle runs", async () => {
    const bundle = readFileSync(await ensureChildBundle(), "utf8");
    expect(bundle).toContain("graders/runtime/fast-cpu-kernels.ts");
    // One definition of each (the replacement's): the stock ones are not bundled beside them.
    for (const name of ["createSimpleBinaryKernelImpl", "transposeImpl", "tileImpl"]) {
      expect(bundle.split(`function ${name}(`).length - 1, name).toBe(1);
    }
  });
});
