/**
 * The performance lab's Web Worker: it owns tfjs (the page never loads it), loads the
 * learner's drafts, and measures each kernel at each sequence length, posting every point
 * as it comes. Like the grading worker it runs WebGPU GPU-only (no CPU forwarding of small
 * ops). A method stops before the next length when that length would not fit (its largest
 * tensor over the adapter's binding limit, or its peak over the lab's memory budget, both
 * extrapolated as L²), would take too long, or failed.
 *
 * Messages in: { type: "boot" }, then one MeasureRequest. Messages out: WorkerMessage.
 */
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-webgpu";
import { loadExport } from "./learner-module.js";
import { kernelFor, measurePoint } from "./measure.js";
import { METHODS, type LabPoint, type LabStop, type MeasureRequest, type Method, type WorkerMessage } from "./protocol.js";

const scope = globalThis as unknown as { postMessage(m: unknown): void; onmessage: ((e: MessageEvent) => void) | null };
const post = (m: WorkerMessage) => scope.postMessage(m);

/** Browsers do not say how much GPU memory is free: the lab keeps its peak under this. */
const MEMORY_BUDGET = 1536 * 2 ** 20;
/** A length whose forward + backward would take longer than this (extrapolated) is not started. */
const TIME_BUDGET_MS = 20_000;

interface Device {
  backend: string;
  timestamps: boolean;
  maxBinding: number;
}

async function boot(): Promise<Device> {
  for (const name of ["webgpu", "webgl", "cpu"]) {
    if (name === "webgpu" && !("gpu" in navigator)) continue;
    try {
      if (!(await tf.setBackend(name))) continue;
      await tf.ready();
      if (name !== "webgpu") return { backend: name, timestamps: false, maxBinding: 2 ** 30 };
      tf.env().set("WEBGPU_CPU_FORWARD", false);
      const b = tf.backend() as unknown as {
        supportTimestampQuery?: boolean;
        device?: { limits?: { maxStorageBufferBindingSize?: number }; adapterInfo?: Record<string, string> };
      };
      return { backend: name, timestamps: b.supportTimestampQuery === true, maxBinding: b.device?.limits?.maxStorageBufferBindingSize ?? 2 ** 27 };
    } catch {
      /* the next backend */
    }
  }
  throw new Error("no TensorFlow.js backend could start");
}

async function adapterName(): Promise<string | undefined> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<{ info?: Record<string, string> } | null> } }).gpu;
  const info = (await gpu?.requestAdapter())?.info;
  return info ? [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(" ") || undefined : undefined;
}

function functionsFrom(req: MeasureRequest): Record<Method, ((...a: unknown[]) => unknown) | string | null> {
  const load = (source: string | undefined, file: string, name: string, missing: string) => {
    if (!source) return missing;
    const r = loadExport(tf, source, file, name);
    return r.ok ? r.fn : r.message;
  };
  return {
    learner: load(req.sources.attention, "attention.ts", "scaledDotProductAttention", "no saved draft of the attention exercise"),
    builtin: null,
    tiled: load(req.sources.flash, "flash.ts", "tiledAttention", "no saved draft of the flash exercise (tiled attention)"),
  };
}

/** Why `next` should not be started, judging from the point measured at the previous length. */
function tooBig(device: Device, last: LabPoint | undefined, next: number): Pick<LabStop, "reason" | "message"> | null {
  if (!last) return null;
  const grow = (next / last.length) ** 2;
  if (last.largestBytes * grow > device.maxBinding)
    return { reason: "memory", message: `its largest tensor would pass the adapter's ${Math.round(device.maxBinding / 2 ** 20)} MiB binding limit` };
  if (last.peakBytes * grow > MEMORY_BUDGET) return { reason: "memory", message: `its peak memory would pass the lab's ${MEMORY_BUDGET / 2 ** 20} MiB budget` };
  if (last.fwdBwdMs * grow * 5 > TIME_BUDGET_MS) return { reason: "time", message: `it would take more than ${TIME_BUDGET_MS / 1000} s on this adapter` };
  return null;
}

async function measureMethod(
  device: Device,
  req: MeasureRequest,
  method: Method,
  fn: ((...a: unknown[]) => unknown) | string | null,
  step: () => number,
  total: number,
) {
  if (typeof fn === "string") {
    post({ type: "stop", stop: { method, length: req.lengths[0], reason: "missing", message: fn } });
    return req.lengths.length;
  }
  const kernel = kernelFor(tf, method, fn, req.blockSize);
  let last: LabPoint | undefined;
  for (const [i, length] of req.lengths.entries()) {
    const stop = tooBig(device, last, length);
    if (stop) {
      post({ type: "stop", stop: { method, length, ...stop } });
      return req.lengths.length - i;
    }
    post({ type: "progress", done: step(), total, label: `${method} · L = ${length}` });
    try {
      last = await measurePoint(tf, method, kernel, length, req.batch, req.dim, device.timestamps);
      post({ type: "point", point: last });
    } catch (e) {
      post({ type: "stop", stop: { method, length, reason: "error", message: e instanceof Error ? e.message : String(e) } });
      return req.lengths.length - i - 1;
    }
  }
  return 0;
}

let device: Promise<Device> | null = null;

async function measure(req: MeasureRequest): Promise<void> {
  device ??= boot();
  const d = await device;
  const fns = functionsFrom(req);
  const total = METHODS.length * req.lengths.length;
  let done = 0;
  const step = () => done++;
  for (const method of METHODS) done += await measureMethod(d, req, method, fns[method], step, total);
  post({ type: "progress", done: total, total, label: "" });
  post({ type: "done" });
}

scope.onmessage = (event: MessageEvent) => {
  const msg = event.data as { type?: string };
  const fail = (e: unknown) => post({ type: "fatal", message: e instanceof Error ? e.message : String(e) });
  if (msg.type === "boot") {
    device ??= boot();
    device.then(
      async (d) => post({ type: "booted", backend: d.backend, adapter: d.backend === "webgpu" ? await adapterName() : undefined, timestamps: d.timestamps }),
      fail,
    );
  } else if (msg.type === "measure") {
    measure(msg as MeasureRequest).catch(fail);
  }
};
