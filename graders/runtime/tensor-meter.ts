/**
 * Watches the tensors a call creates while it runs. tfjs registers every tensor it makes —
 * a kernel's output, tf.tensor(), a reshape's new view — through Engine.trackTensor, so
 * wrapping that one method sees them all. Two things are read off it:
 * - the largest tensor: a memory-bounded kernel (FlashAttention's tiles) is judged on it,
 *   since it must never hold the full score matrix;
 * - which created tensors are still alive when the call returns: the leak count of a call
 *   that runs under tf.grads, where the engine's tensor count also holds the copies it saves
 *   for the backward pass (Engine.saveTensorsForBackwardMode). Those copies are the engine's,
 *   not the learner's, so the meter does not see them.
 */
import type * as TF from "@tensorflow/tfjs";

type Tf = typeof TF;

interface CallRecord {
  largest: number;
  /** Every tensor registered during the call, when the caller asked for them. */
  created: TF.Tensor[] | null;
}

/** The running call's record, or null between calls (then the wrapper only forwards). */
let active: CallRecord | null = null;
/** Above zero while the engine copies tensors for the backward pass. */
let saving = 0;
const meteredEngines = new WeakSet<object>();
const push = Array.prototype.push;

/** Wrap the engine's trackTensor (and its backward-pass copies) once per engine (a browser worker serves many runs). */
export function installTensorMeter(tf: Tf): void {
  const engine: object = tf.engine();
  if (meteredEngines.has(engine)) return;
  const track: unknown = Reflect.get(engine, "trackTensor");
  // Every tfjs 4.x engine has it; without it no size and no leak could be measured, so say so loudly.
  if (typeof track !== "function") throw new Error("this TensorFlow.js engine has no trackTensor: the grader cannot measure tensors");
  meteredEngines.add(engine);
  Reflect.set(engine, "trackTensor", function (this: unknown, tensor: TF.Tensor, ...rest: unknown[]) {
    if (active && saving === 0 && typeof tensor?.size === "number") {
      active.largest = Math.max(active.largest, tensor.size);
      if (active.created) Reflect.apply(push, active.created, [tensor]);
    }
    return Reflect.apply(track, this, [tensor, ...rest]);
  });
  const save: unknown = Reflect.get(engine, "saveTensorsForBackwardMode");
  if (typeof save === "function") {
    Reflect.set(engine, "saveTensorsForBackwardMode", function (this: unknown, ...args: unknown[]) {
      saving++;
      try {
        return Reflect.apply(save, this, args);
      } finally {
        saving--;
      }
    });
  }
}

/**
 * Run `f` with the meter on: its result, and the largest tensor's element count. Given `created`, every tensor `f` registers is pushed onto it — also
 * when `f` throws, so the caller can still count what was left alive.
 */
export function measureLargestTensor<T>(tf: Tf, f: () => T, created?: TF.Tensor[]): { result: T; largest: number } {
  if (!meteredEngines.has(tf.engine())) throw new Error("measureLargestTensor before installTensorMeter");
  const record: CallRecord = { largest: 0, created: created ?? null };
  const previous = active;
  active = record;
  try {
    return { result: f(), largest: record.largest };
  } finally {
    active = previous;
  }
}
