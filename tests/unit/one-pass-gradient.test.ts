/**
 * A call with a gradient runs the learner's function once, under tf.grads (execute-plan.ts,
 * callWithGradient). What a plain run measured must come out the same from that one pass:
 * the value, leaks (not the engine's saved copies), forbidden built-ins (the forward's only,
 * not tfjs's own backward kernels), inputs changed in place, the largest tensor — and the
 * gradient itself. Each check below compares the same file's call with and without a gradient.
 */
import { describe, expect, it } from "vitest";
import type { CallOutcome, PlannedCall, RunRequest } from "../../graders/engine/protocol.js";
import { InProcessRunner } from "../support/in-process-runner.js";

const runner = new InProcessRunner();
const X = { shape: [2, 3], data: Float32Array.from([1, -2, 3, 0.5, 4, -1]) };
const COT = { shape: [2, 3], data: Float32Array.from([1, 2, 3, 4, 5, 6]) };

function calls(): PlannedCall[] {
  const base = { fn: "f", args: [{ t: "tensor" as const, leaf: "x" }], leaves: { x: X } };
  return [
    { id: "plain", ...base, grad: null },
    { id: "traced", ...base, grad: { of: null, wrt: ["x"], cotangent: COT } },
  ];
}

async function run(source: string, forbidden: RunRequest["forbidden"] = []): Promise<Record<string, CallOutcome>> {
  const outcome = await runner.run(
    { token: "t", filename: "f.ts", source, exportNames: ["f"], forbidden, backend: "cpu", calls: calls() },
    { timeoutMs: 10_000, memoryMb: 512 },
  );
  expect(outcome.fatal).toBeUndefined();
  return Object.fromEntries(outcome.calls);
}

const valuesOf = (o: CallOutcome) => (o.ok && o.value.t === "tensor" ? [...o.value.tensor.data] : null);

describe("one traced pass per call with a gradient", () => {
  it("returns the plain call's value and the right gradient, with nothing leaked by a tidy file", async () => {
    // f(x) = x² + x: d/dx Σ f(x) ⊙ c = (2x + 1) ⊙ c
    const out = await run(`import * as tf from "@tensorflow/tfjs";
      export function f(x: tf.Tensor) { return tf.tidy(() => tf.add(tf.square(x), x)); }`);
    expect(valuesOf(out.traced)).toEqual(valuesOf(out.plain));
    expect(valuesOf(out.plain)).toEqual([...X.data].map((v) => Math.fround(v * v + v)));
    const grad = out.traced.ok ? out.traced.grads?.x : undefined;
    expect([...(grad?.data ?? [])]).toEqual([...X.data].map((v, i) => Math.fround((2 * v + 1) * COT.data[i])));
    for (const o of [out.plain, out.traced]) expect(o.hygiene.leaked).toBe(0);
  });

  it("counts the same leaks as a plain run, not the engine's copies for the backward pass", async () => {
    // Two intermediates left undisposed: x², and x² + x before the ×2.
    const out = await run(`import * as tf from "@tensorflow/tfjs";
      export function f(x: tf.Tensor) { const s = tf.square(x); const t = tf.add(s, x); return tf.mul(t, 2); }`);
    expect(out.plain.hygiene.leaked).toBe(2);
    expect(out.traced.hygiene.leaked).toBe(2);
    expect(out.traced.ok && out.traced.grads?.x).toBeTruthy();
  });

  it("records a forbidden built-in the forward used, and not tfjs's own backward kernels", async () => {
    const forbidden = [{ name: "tf.softmax", functions: ["softmax"], methods: ["softmax"], kernels: ["Softmax"] }];
    const uses = await run(
      `import * as tf from "@tensorflow/tfjs";
      export function f(x: tf.Tensor) { return tf.softmax(x); }`,
      forbidden,
    );
    expect(uses.plain.hygiene.forbiddenUsed).toEqual(["tf.softmax"]);
    expect(uses.traced.hygiene.forbiddenUsed).toEqual(["tf.softmax"]);
    // Exp's gradient multiplies by exp(x): a Multiply kernel in the backward pass only.
    const onlyBackward = [{ name: "tf.mul", functions: ["mul"], methods: ["mul"], kernels: ["Multiply"] }];
    const clean = await run(
      `import * as tf from "@tensorflow/tfjs";
      export function f(x: tf.Tensor) { return tf.exp(x); }`,
      onlyBackward,
    );
    expect(clean.traced.hygiene.forbiddenUsed).toEqual([]);
  });

  it("sees an input written in place, and the largest tensor the forward made", async () => {
    const out = await run(`import * as tf from "@tensorflow/tfjs";
      export function f(x: tf.Tensor) {
        (x.dataSync() as Float32Array)[0] = 99;
        const big = tf.tile(x, [4, 1]);
        return tf.sum(big, 0).reshape([1, 3]).tile([2, 1]);
      }`);
    for (const o of [out.plain, out.traced]) {
      expect(o.hygiene.changedInputs).toEqual(["x"]);
      expect(o.hygiene.largestTensor).toBe(24);
    }
  });

  it("reports a throw as the call's error, and a failure after the forward as the gradient's", async () => {
    const throws = await run(`export function f() { throw new RangeError("no"); }`);
    for (const o of [throws.plain, throws.traced]) expect(o.ok ? null : o.error.name).toBe("RangeError");
    const wrongShape = await run(`import * as tf from "@tensorflow/tfjs";
      export function f(x: tf.Tensor) { return tf.sum(x); }`);
    expect(wrongShape.traced.ok).toBe(true);
    expect(valuesOf(wrongShape.traced)).toEqual(valuesOf(wrongShape.plain));
    expect(wrongShape.traced.ok && wrongShape.traced.gradError?.message).toMatch(/has shape \[\], expected \[2,3\]/);
  });
});
