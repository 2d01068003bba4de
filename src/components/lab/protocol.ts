/**
 * The messages between the lab page and its worker (src/components/lab/worker.ts). Plain
 * types and one hand-written check: the page bundles no zod for this, and the worker is ours.
 */

/** The three kernels the lab compares. */
export const METHODS = ["learner", "builtin", "tiled"] as const;
export type Method = (typeof METHODS)[number];

export interface MeasureRequest {
  type: "measure";
  /** The learner's saved drafts: scaledDotProductAttention (attention) and tiledAttention (flash). */
  sources: { attention?: string; flash?: string };
  lengths: number[];
  batch: number;
  dim: number;
  /** Key block size for the learner's tiled attention. */
  blockSize: number;
}

/** One measured (method, length): times in ms, memory in bytes. */
export interface LabPoint {
  method: Method;
  length: number;
  /** Forward, wall time to the result read back (median of the timed runs). */
  fwdMs: number;
  /** Forward + backward (gradients with respect to q, k and v), wall time. */
  fwdBwdMs: number;
  /** GPU time of the same work from timestamp queries, where the adapter offers them. */
  gpuFwdMs?: number;
  gpuFwdBwdMs?: number;
  /** Peak bytes held by tfjs during forward + backward, above the inputs (tf.memory's accounting). */
  peakBytes: number;
  /** The largest single tensor produced during forward + backward. */
  largestBytes: number;
}

/** Why a method stopped before the longest length. */
export interface LabStop {
  method: Method;
  length: number;
  reason: "memory" | "time" | "error" | "missing";
  message: string;
}

export type WorkerMessage =
  | { type: "booted"; backend: string; adapter?: string; timestamps: boolean }
  | { type: "progress"; done: number; total: number; label: string }
  | { type: "point"; point: LabPoint }
  | { type: "stop"; stop: LabStop }
  | { type: "done" }
  | { type: "fatal"; message: string };

const TYPES = new Set(["booted", "progress", "point", "stop", "done", "fatal"]);
export function isWorkerMessage(m: unknown): m is WorkerMessage {
  return typeof m === "object" && m !== null && TYPES.has(String((m as { type?: unknown }).type));
}
