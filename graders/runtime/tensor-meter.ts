/**
 * Measures the largest tensor a call creates while it runs. tfjs registers every tensor it
 * makes — a kernel's output, tf.tensor(), a reshape's new view — through Engine.trackTensor,
 * so wrapping that one method sees them all. A memory-bounded kernel (FlashAttention's tiles)
 * is judged on this number: it must never hold the full score matrix.
 */
import type * as TF from "@tensorflow/tfjs";

type Tf = typeof TF;

/** The running call's record, or null between calls (then the wrapper only forwards). */
let active: { largest: number } | null = null;
const meteredEngines = new WeakSet<object>();

/** Wrap the engine's trackTensor once per engine (a browser worker serves many runs). */
export function installTensorMeter(tf: Tf): void {
  const engine: object = tf.engine();
  if (meteredEngines.has(engine)) return;
  const original: unknown = Reflect.get(engine, "trackTensor");
  if (typeof original !== "function") return;
  meteredEngines.add(engine);
  Reflect.set(engine, "trackTensor", function (this: unknown, tensor: { size?: unknown }, ...rest: unknown[]) {
    if (active && typeof tensor?.size === "number") active.largest = Math.max(active.largest, tensor.size);
    return original.call(this, tensor, ...rest);
  });
}

/** Run `f` with the meter on: its result, and the largest tensor's element count (undefined when unmetered). */
export function measureLargestTensor<T>(tf: Tf, f: () => T): { result: T; largest: number | undefined } {
  if (!meteredEngines.has(tf.engine())) return { result: f(), largest: undefined };
  const record = { largest: 0 };
  const previous = active;
  active = record;
  try {
    return { result: f(), largest: record.largest };
  } finally {
    active = previous;
  }
}
