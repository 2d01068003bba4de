/**
 * On SwiftShader the grading worker replaces tfjs's BatchMatMul kernel with one flat GPU
 * program (graders/runtime/flat-matmul-webgpu.ts, issue 14: tfjs's compile in 120–145 ms
 * each, a dozen per run). Every learner's matmul and every matmul in a gradient then runs
 * through it, so it is checked here against float64 sums, in the real worker: transposes,
 * batch axes (broadcast ones too), ranks 2–4, m, k or n of 1, and outputs wider than a
 * workgroup — values, and gradients where tfjs 4.22 takes them.
 */
import { describe, expect, it } from "vitest";
import type { CallOutcome } from "../../graders/engine/protocol.js";
import { browserSuite, hasChromium, siteInBrowser } from "./browser.js";

interface Case {
  a: number[];
  b: number[];
  ta: boolean;
  tb: boolean;
  /** tfjs 4.22's matMul gradient is wrong-shaped for a broadcast batch axis: not asked for there. */
  grad: boolean;
}

const CASES: Case[] = [
  { a: [3, 4], b: [4, 5], ta: false, tb: false, grad: true },
  { a: [4, 3], b: [5, 4], ta: true, tb: true, grad: true },
  { a: [4, 3], b: [4, 5], ta: true, tb: false, grad: true },
  { a: [2, 3, 4], b: [2, 5, 4], ta: false, tb: true, grad: true },
  { a: [2, 2, 3, 4], b: [2, 2, 4, 3], ta: false, tb: false, grad: true },
  { a: [1, 6], b: [6, 7], ta: false, tb: false, grad: true },
  { a: [5, 1], b: [1, 5], ta: false, tb: false, grad: true },
  { a: [5, 6], b: [6, 1], ta: false, tb: false, grad: true },
  { a: [1, 1], b: [1, 9], ta: false, tb: false, grad: true },
  { a: [2, 40, 16], b: [2, 16, 33], ta: false, tb: false, grad: true },
  { a: [1, 3, 4], b: [3, 4, 2], ta: false, tb: false, grad: false },
  { a: [3, 4], b: [2, 4, 5], ta: false, tb: false, grad: false },
  { a: [2, 3, 4], b: [1, 5, 4], ta: false, tb: true, grad: false },
];

const size = (s: number[]) => s.reduce((x, y) => x * y, 1);
const values = (n: number, seed: number) => Array.from({ length: n }, (_, i) => Math.sin(i * 0.37 + seed) * 1.5);

/** C = op(A)·op(B) over broadcast batch axes, and Σ C ⊙ cot's gradients, in float64 by index. */
function reference(c: Case, a: number[], b: number[], cot: number[]) {
  const [ra, rb] = [c.a.length, c.b.length];
  const m = c.ta ? c.a[ra - 1] : c.a[ra - 2];
  const k = c.ta ? c.a[ra - 2] : c.a[ra - 1];
  const n = c.tb ? c.b[rb - 2] : c.b[rb - 1];
  const batchA = size(c.a.slice(0, -2));
  const batchB = size(c.b.slice(0, -2));
  const batch = Math.max(batchA, batchB);
  const ai = (bt: number, i: number, t: number) => (bt % batchA) * m * k + (c.ta ? t * m + i : i * k + t);
  const bi = (bt: number, t: number, j: number) => (bt % batchB) * k * n + (c.tb ? j * k + t : t * n + j);
  const out = new Array<number>(batch * m * n).fill(0);
  const da = new Array<number>(a.length).fill(0);
  const db = new Array<number>(b.length).fill(0);
  for (let bt = 0; bt < batch; bt++)
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        const o = bt * m * n + i * n + j;
        for (let t = 0; t < k; t++) {
          out[o] += a[ai(bt, i, t)] * b[bi(bt, t, j)];
          da[ai(bt, i, t)] += cot[o] * b[bi(bt, t, j)];
          db[bi(bt, t, j)] += cot[o] * a[ai(bt, i, t)];
        }
      }
  return { out, da, db };
}

const close = (got: ArrayLike<number>, want: number[]) => {
  expect(got.length).toBe(want.length);
  const worst = Math.max(0, ...want.map((w, i) => Math.abs(got[i] - w) / (1e-4 + Math.abs(w))));
  expect(worst).toBeLessThan(1e-4);
};

describe.skipIf(!hasChromium)(browserSuite("the grading worker's matmul on SwiftShader"), () => {
  const site = siteInBrowser();

  it("computes every matmul form and its gradients like a float64 sum", async () => {
    const page = await site.browser.newPage();
    try {
      await page.goto(`${site.base}/exercises/attention`);
      await page.waitForFunction(() => document.querySelector('[data-testid="backend-badge"]')?.getAttribute("data-backend") === "webgpu", null, {
        timeout: 60_000,
      });
      const workerUrl = page
        .workers()
        .find((w) => w.url().includes("grader-worker"))
        ?.url();
      expect(workerUrl, "the grading worker").toBeDefined();
      const inputs = CASES.map((c, i) => ({ a: values(size(c.a), i), b: values(size(c.b), i + 0.5), cot: values(size(outShapeOf(c)), i + 0.25) }));
      // Plain arrays cross into the page; the page makes the Float32Arrays the protocol carries.
      const calls = CASES.map((c, i) => ({
        id: `case${i}`,
        shapes: { a: c.a, b: c.b, out: outShapeOf(c) },
        flags: [c.ta, c.tb],
        grad: c.grad,
        ...inputs[i],
      }));
      const result = await page.evaluate(
        async ({ url, calls }) => {
          const worker = new Worker(url, { type: "module" });
          const messages: Record<string, unknown>[] = [];
          const request = {
            token: "t",
            filename: "matmul.ts",
            source:
              'import * as tf from "@tensorflow/tfjs";\nexport function f(a: tf.Tensor, b: tf.Tensor, ta: boolean, tb: boolean) { return tf.matMul(a, b, ta, tb); }',
            exportNames: ["f"],
            forbidden: [],
            backend: "webgpu",
            calls: calls.map((c) => ({
              id: c.id,
              fn: "f",
              args: [
                { t: "tensor", leaf: "a" },
                { t: "tensor", leaf: "b" },
                { t: "json", value: c.flags[0] },
                { t: "json", value: c.flags[1] },
              ],
              leaves: { a: { shape: c.shapes.a, data: Float32Array.from(c.a) }, b: { shape: c.shapes.b, data: Float32Array.from(c.b) } },
              grad: c.grad ? { of: null, wrt: ["a", "b"], cotangent: { shape: c.shapes.out, data: Float32Array.from(c.cot) } } : null,
            })),
          };
          await new Promise<void>((resolve) => {
            worker.onmessage = (e) => {
              messages.push(e.data);
              if (e.data.type === "booted") worker.postMessage(request);
              if (e.data.type === "done" || e.data.type === "fatal") resolve();
            };
            worker.postMessage({ type: "boot", prefer: ["webgpu"] });
          });
          worker.terminate();
          return messages;
        },
        { url: workerUrl!, calls },
      );
      const booted = result.find((m) => m.type === "booted") as { backend: string; adapter?: string; gpuOnly?: boolean };
      expect(booted.backend).toBe("webgpu");
      expect(booted.gpuOnly).toBe(true);
      expect(booted.adapter ?? "", "these checks are about the SwiftShader kernel").toMatch(/swiftshader/i);
      const outcomes = new Map(result.filter((m) => m.type === "call").map((m) => [m.id as string, m.outcome as CallOutcome]));
      CASES.forEach((c, i) => {
        const o = outcomes.get(`case${i}`);
        if (!o?.ok) throw new Error(`case ${i} did not return: ${JSON.stringify(o)}`);
        const want = reference(c, inputs[i].a, inputs[i].b, inputs[i].cot);
        if (o.value.t !== "tensor") throw new Error(`case ${i} returned ${JSON.stringify(o.value)}`);
        expect(o.value.tensor.shape).toEqual(outShapeOf(c));
        close(o.value.tensor.data, want.out);
        if (c.grad) {
          expect(o.gradError, `case ${i}`).toBeUndefined();
          close(o.grads?.a?.data ?? [], want.da);
          close(o.grads?.b?.data ?? [], want.db);
        }
      });
    } finally {
      await page.close();
    }
  }, 180_000);
});

function outShapeOf(c: Case): number[] {
  const [ra, rb] = [c.a.length, c.b.length];
  const m = c.ta ? c.a[ra - 1] : c.a[ra - 2];
  const n = c.tb ? c.b[rb - 2] : c.b[rb - 1];
  const batchA = c.a.slice(0, -2);
  const batchB = c.b.slice(0, -2);
  const r = Math.max(batchA.length, batchB.length);
  const batch = Array.from({ length: r }, (_, d) => Math.max(batchA[batchA.length - r + d] ?? 1, batchB[batchB.length - r + d] ?? 1));
  return [...batch, m, n];
}
