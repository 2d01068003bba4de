/**
 * The lab's measurements, in its worker: one kernel at one sequence length, forward and
 * forward + backward, wall time to the result read back (median of a few runs after one
 * warm-up run, which compiles the shaders), GPU time from timestamp queries where the
 * adapter offers them, and memory from tfjs's own accounting (tf.profile: the peak bytes
 * held, and every kernel's output shape, so the largest single tensor).
 */
import type * as TF from "@tensorflow/tfjs";
import type { LabPoint, Method } from "./protocol.js";

type Tf = typeof TF;
/** q, k, v → the attention output [B, L, D]. */
export type Kernel = (q: TF.Tensor, k: TF.Tensor, v: TF.Tensor) => TF.Tensor;

const TIMED_RUNS = 3;

function outputOf(tf: Tf, result: unknown, what: string): TF.Tensor {
  const picked = result instanceof tf.Tensor ? result : typeof result === "object" && result !== null ? Reflect.get(result, "output") : undefined;
  if (!(picked instanceof tf.Tensor)) throw new Error(`${what} did not return a tensor (nor an object with an output tensor)`);
  return picked;
}

/** The three kernels: the learner's attention, the same formula in tfjs built-ins, the learner's tiled attention. */
export function kernelFor(tf: Tf, method: Method, fn: ((...a: unknown[]) => unknown) | null, blockSize: number): Kernel {
  if (method === "builtin") {
    return (q, k, v) => tf.matMul(tf.softmax(tf.div(tf.matMul(q, k, false, true), Math.sqrt(q.shape[q.shape.length - 1]))), v);
  }
  if (!fn) throw new Error(`no function for ${method}`);
  // Every intermediate is released; the returned output (and any weights) too, by the caller's tidy.
  if (method === "tiled") return (q, k, v) => outputOf(tf, fn(q, k, v, { blockSize, causal: false }), "tiledAttention");
  return (q, k, v) => outputOf(tf, fn(q, k, v), "scaledDotProductAttention");
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Wall ms of `run` to its results read back; the tensors are released inside. */
async function wallMs(tf: Tf, run: () => TF.Tensor[]): Promise<number> {
  const t0 = performance.now();
  const outs = tf.tidy(run);
  await Promise.all(outs.map((t) => t.data()));
  const ms = performance.now() - t0;
  tf.dispose(outs);
  return ms;
}

/** GPU ms from timestamp queries (tf.time's kernelMs), or undefined where there are none. */
async function gpuMs(tf: Tf, run: () => TF.Tensor[], timestamps: boolean): Promise<number | undefined> {
  if (!timestamps) return undefined;
  const info = await tf.time(() => tf.dispose(tf.tidy(run)));
  return typeof info.kernelMs === "number" && info.kernelMs > 0 ? info.kernelMs : undefined;
}

async function memory(tf: Tf, run: () => TF.Tensor[]): Promise<{ peakBytes: number; largestBytes: number }> {
  const before = tf.memory().numBytes;
  let outs: TF.Tensor[] = [];
  const info = await tf.profile(() => {
    outs = run();
  });
  tf.dispose(outs);
  let largest = 0;
  for (const k of info.kernels) for (const shape of k.outputShapes) largest = Math.max(largest, shape.reduce((a, b) => a * b, 1) * 4);
  return { peakBytes: Math.max(0, info.peakBytes - before), largestBytes: largest };
}

export async function measurePoint(tf: Tf, method: Method, kernel: Kernel, length: number, batch: number, dim: number, timestamps: boolean): Promise<LabPoint> {
  const [q, k, v] = [0, 1, 2].map((seed) => tf.randomNormal([batch, length, dim], 0, 1, "float32", seed));
  const forward = () => [kernel(q, k, v)];
  const grads = tf.grads((a: TF.Tensor, b: TF.Tensor, c: TF.Tensor) => tf.sum(kernel(a, b, c)));
  const backward = () => grads([q, k, v]);
  try {
    await wallMs(tf, forward);
    await wallMs(tf, backward);
    const fwd: number[] = [];
    const both: number[] = [];
    for (let i = 0; i < TIMED_RUNS; i++) {
      fwd.push(await wallMs(tf, forward));
      both.push(await wallMs(tf, backward));
    }
    const gpuFwdMs = await gpuMs(tf, forward, timestamps);
    const gpuFwdBwdMs = await gpuMs(tf, backward, timestamps);
    const mem = await memory(tf, backward);
    return { method, length, fwdMs: median(fwd), fwdBwdMs: median(both), gpuFwdMs, gpuFwdBwdMs, ...mem };
  } finally {
    tf.dispose([q, k, v]);
  }
}
