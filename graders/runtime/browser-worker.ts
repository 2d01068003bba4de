/**
 * The Web Worker that hosts learner code in the browser. It owns tfjs and its WebGPU
 * backend, so the page's thread never runs learner code and never loads tfjs; a runaway
 * submission freezes only this worker, which the page terminates and replaces.
 *
 * Learner code runs in a SES Compartment after `lockdown()` has frozen the worker's
 * intrinsics: its global holds `console` and traps, not `self`, `postMessage`, `fetch` or
 * `importScripts`, and the harness posts through a `postMessage` it captured at start-up.
 *
 * Messages in:  { type: "boot", prefer: string[] }, then RunRequest objects, and at any time
 *               { type: "warmup", request: RunRequest } (kernels to compile before the next run).
 * Messages out: { type: "booted", backend, adapter, fallback?, gpuOnly? } then RunnerMessage objects.
 * A lost WebGPU device ends the run with a "fatal" of stage "backend" (not the learner's
 * failure); the page then replaces the worker (worker-runner.ts).
 */
import "ses";
import * as tf from "@tensorflow/tfjs";
import { webgpu_util } from "@tensorflow/tfjs-backend-webgpu";
import { compileCalls, executeRun, errInfo, type LearnerRealm } from "./execute-plan.js";
import { useFlatMatMul } from "./flat-matmul-webgpu.js";
import { notAllowed } from "./learner-tf.js";
import { TRAPPED_GLOBALS } from "./learner-globals.js";
import type { CallOutcome, RunRequest } from "../engine/protocol.js";
import {
  deviceLostDetail,
  isDeviceLoss,
  keepUploadedValues,
  refuseGpuSyncReadback,
  settlePipelines,
  watchDevice,
  type WebGpuBackendInternals,
} from "./webgpu-guards.js";

// The worker's global scope, typed by hand: the DOM and WebWorker libs cannot both be loaded.
const scope = globalThis as unknown as { postMessage(m: unknown): void; onmessage: ((e: MessageEvent) => void) | null };
const postMessage = scope.postMessage.bind(scope);
const post = (m: unknown) => postMessage(m);
const now = performance.now.bind(performance);

declare function lockdown(options?: Record<string, string>): void;
declare class Compartment {
  constructor(globals: Record<string, unknown>, modules?: unknown, options?: Record<string, unknown>);
  globalThis: Record<string, unknown>;
  evaluate(code: string, options?: Record<string, unknown>): unknown;
}

async function adapterName(): Promise<string | undefined> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<{ info?: Record<string, string> } | null> } }).gpu;
  const adapter = await gpu?.requestAdapter();
  const info = adapter?.info;
  if (!info) return undefined;
  return [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(" ") || "unknown adapter";
}

/**
 * GPU-only grading (issue 14). tfjs's WebGPU backend runs an op on the CPU when all its
 * inputs are small (under WEBGPU_CPU_HANDOFF_SIZE_THRESHOLD elements) and still live on the
 * CPU, as long as WEBGPU_CPU_FORWARD is true, its default. The grader's cases are small, so
 * without this much of a "WebGPU" run would be CPU arithmetic and GPU precision problems would
 * go unseen. The flag is read at every op, so setting it once, before any learner code, covers
 * every run of this worker. Returns what the boot message reports.
 */
function gradeOnGpuOnly(): boolean {
  tf.env().set("WEBGPU_CPU_FORWARD", false);
  return tf.env().getBool("WEBGPU_CPU_FORWARD") === false;
}

/**
 * SwiftShader (WebGPU on the CPU: what a learner without a usable GPU gets), issue 14:
 * - tfjs's matmul programs are slow to compile there (120–145 ms each, and a run needs a
 *   dozen variants) and its reduce program slow to run (256-thread barriers emulated on the
 *   CPU, ~190 ms a call): BatchMatMul gets one flat program instead (flat-matmul-webgpu.ts),
 *   still on the GPU;
 * - the fused matmul, which keeps tfjs's programs, uses the small-output tiled one (about
 *   4 ms a call where the reduce program took 190).
 * A real GPU keeps tfjs's own choices.
 */
function tuneForSoftwareAdapter(adapter: string | undefined): void {
  if (!/swiftshader/i.test(adapter ?? "")) return;
  useFlatMatMul(tf);
  tf.env().set("WEBGPU_MATMUL_PROGRAM_TYPE", webgpu_util.MatMulProgramType.MatMulSmallOutputSizeProgram);
  refuseGpuSyncReadback(tf.backend() as unknown as WebGpuBackendInternals);
}

/** Inputs keep their values on the CPU, and a lost device is noticed (webgpu-guards.ts, issue 11). */
function guardWebGpu(): void {
  const backend = tf.backend() as unknown as WebGpuBackendInternals;
  keepUploadedValues(backend);
  watchDevice(backend, deviceWasLost);
}

/** Why the device was lost, once it was: from then on every run ends at once with a "backend" fatal. */
let deviceLost: string | null = null;

function deviceLostFatal(token: string) {
  return { type: "fatal", token, stage: "backend", error: { name: "GPUDeviceLost", message: deviceLostDetail(deviceLost ?? "unknown") } };
}

function deviceWasLost(detail: string): void {
  if (deviceLost !== null) return;
  deviceLost = detail;
  if (currentToken) post(deviceLostFatal(currentToken));
}

/** A call whose read-back failed because the device is gone reports that, not a learner's error. */
function lossIn(outcome: CallOutcome): string | null {
  const error = outcome.ok ? outcome.gradError : outcome.error;
  return isDeviceLoss(error) ? (error?.message ?? "") : null;
}

/** The harness's messages: once the device is lost, only the learner's prints still go out. */
function postFromRun(m: { type: string } & Record<string, unknown>): void {
  const loss = m.type === "call" ? lossIn(m.outcome as CallOutcome) : null;
  if (loss !== null) deviceWasLost(loss);
  if (deviceLost !== null && m.type !== "log") return;
  post(m);
}

async function boot(prefer: string[]): Promise<void> {
  const tried: string[] = [];
  for (const name of prefer) {
    try {
      if (name === "webgpu" && !("gpu" in navigator)) {
        tried.push("webgpu (navigator.gpu is not available in this browser)");
        continue;
      }
      if (await tf.setBackend(name)) {
        await tf.ready();
        // Prove the backend computes before trusting it (some GPUs fail at the first kernel).
        const probe = tf.tidy(() => tf.sum(tf.tensor([1, 2, 3])));
        const v = (await probe.data())[0];
        probe.dispose();
        if (v !== 6) throw new Error(`probe computed ${v}`);
        const adapter = name === "webgpu" ? await adapterName() : undefined;
        // Before the realm is frozen: both only set tfjs environment flags.
        const gpuOnly = name === "webgpu" ? gradeOnGpuOnly() : undefined;
        if (name === "webgpu") guardWebGpu();
        if (name === "webgpu") tuneForSoftwareAdapter(adapter);
        freezeRealm();
        post({ type: "booted", backend: name, adapter, fallback: tried.length ? tried.join("; ") : undefined, gpuOnly });
        return;
      }
      tried.push(`${name} (could not be initialised)`);
    } catch (e) {
      tried.push(`${name} (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  post({ type: "fatal", token: "", stage: "backend", error: { name: "Error", message: `no TensorFlow.js backend could start: ${tried.join("; ")}` } });
}

let frozen = false;
function freezeRealm(): void {
  if (frozen) return;
  frozen = true;
  // Stacks stay readable (the report names the learner's line from them).
  lockdown({ errorTaming: "unsafe", stackFiltering: "verbose", consoleTaming: "unsafe", overrideTaming: "severe", localeTaming: "unsafe" });
}

// What the learner prints is shown under the verdict (the devtools console would hide it).
let currentToken = "";
function print(level: string) {
  return (...args: unknown[]) => {
    const text = args.map((a) => (typeof a === "string" ? a : safeString(a))).join(" ");
    if (currentToken) post({ type: "log", token: currentToken, level, text: text.slice(0, 2000) });
  };
}
const learnerConsole = Object.freeze(Object.fromEntries(["log", "info", "warn", "error", "debug", "trace", "dir", "table"].map((l) => [l, print(l)])));
// tf's own printing (tensor.print()) goes through the worker's console.
for (const level of ["log", "info", "warn", "error", "debug"] as const) console[level] = print(level) as Console["log"];

function safeString(a: unknown): string {
  try {
    if (a !== null && typeof a === "object" && Reflect.apply(Object.prototype.toString, a, []) === "[object Error]") {
      const e = a as Error;
      return `${e.name}: ${e.message}`;
    }
    return JSON.stringify(a) ?? String(a);
  } catch {
    return "(an unprintable value)";
  }
}

/** Where SES's evaluator puts the first line of the code, measured once by a probe file. */
const PROBE = "line-probe.js";
let lineOffset = -1;

/** Standard globals a SES Compartment may lack (ses 2.3 leaves out the float typed arrays); the worker's own are frozen by lockdown. */
const STANDARD_GLOBALS = [
  "Float32Array",
  "Float64Array",
  "Int8Array",
  "Uint8Array",
  "Uint8ClampedArray",
  "Int16Array",
  "Uint16Array",
  "Int32Array",
  "Uint32Array",
  "ArrayBuffer",
  "DataView",
  "Intl",
];

function compartment(refuse: (what: string) => void): Compartment {
  const c = new Compartment({ console: learnerConsole }, {}, { __options__: true });
  const host = globalThis as unknown as Record<string, unknown>;
  for (const name of STANDARD_GLOBALS) if (c.globalThis[name] === undefined && host[name] !== undefined) c.globalThis[name] = host[name];
  for (const name of [...TRAPPED_GLOBALS, "self", "postMessage", "onmessage", "close", "navigator", "location", "indexedDB", "caches"]) {
    Object.defineProperty(c.globalThis, name, { get: () => notAllowed(name, refuse), configurable: false });
  }
  return c;
}

const realm: LearnerRealm = {
  tf,
  post: postFromRun,
  evaluate(code, filename, require, refuse) {
    const c = compartment(refuse);
    const opts = { __evadeHtmlCommentTest__: true, __evadeImportExpressionTest__: true };
    if (lineOffset < 0) {
      const stack = String((c.evaluate(`new Error("probe")\n//# sourceURL=${PROBE}`) as Error).stack);
      const m = new RegExp(`${PROBE.replace(".", "\\.")}:(\\d+)`).exec(stack);
      lineOffset = m ? Number(m[1]) - 1 : 0;
      realm.lineOffset = lineOffset;
    }
    const module = c.evaluate("({ exports: {} })") as { exports: Record<string, unknown> };
    const fn = c.evaluate(`(function (require, module) {const exports = module.exports;${code}\n})\n//# sourceURL=${filename}`, opts) as (
      r: unknown,
      m: unknown,
    ) => void;
    fn(require, module);
    return module.exports;
  },
  lineOffset: 0,
  now,
};

/** Runs and warm-ups, one at a time: their kernels would interleave, and the compile-only flag is global. */
let queue: Promise<unknown> = Promise.resolve();
/** Runs received and not finished: a warm-up stops at its next call while one waits. */
let runsWaiting = 0;

/**
 * Compile, without running, the GPU programs of a plan — the page sends the reference
 * solution's while the learner reads the exercise (issue 14): SwiftShader compiles each new
 * program in tens of milliseconds, and a first run compiled about 70 of them one by one.
 * Call by call, so that a run sent meanwhile waits for one call's programs at most.
 */
async function warmUp(req: RunRequest): Promise<void> {
  if (tf.getBackend() !== "webgpu" || deviceLost !== null) return;
  const backend = tf.backend() as unknown as WebGpuBackendInternals;
  await compileCalls(realm, req, async (compile) => {
    if (runsWaiting > 0) return false;
    tf.env().set("WEBGPU_ENGINE_COMPILE_ONLY", true);
    try {
      compile();
    } finally {
      tf.env().set("WEBGPU_ENGINE_COMPILE_ONLY", false);
    }
    await settlePipelines(backend);
    return runsWaiting === 0;
  }).catch(() => undefined);
}

async function startRun(msg: RunRequest): Promise<void> {
  if (deviceLost !== null) {
    post(deviceLostFatal(msg.token));
    return;
  }
  currentToken = msg.token;
  try {
    await executeRun(realm, msg);
  } catch (e) {
    const error = errInfo(e, msg.filename, realm.lineOffset);
    if (isDeviceLoss(error)) deviceWasLost(error.message);
    else post({ type: "fatal", token: msg.token, stage: "run", error });
  } finally {
    // A loss noticed between runs must not be reported under a finished run's token.
    if (currentToken === msg.token) currentToken = "";
  }
}

scope.onmessage = (event: MessageEvent) => {
  const msg = event.data as { type?: string; prefer?: string[]; request?: RunRequest } & RunRequest;
  if (msg.type === "boot") {
    void boot(msg.prefer ?? ["webgpu", "webgl", "cpu"]);
    return;
  }
  // The page never sends this: the browser tests do, from outside, to check that a lost
  // device ends a run as the backend's failure and that the next run works.
  if (msg.type === "test:lose-device") {
    if (tf.getBackend() === "webgpu") (tf.backend() as unknown as WebGpuBackendInternals).device.destroy();
    return;
  }
  if (msg.type === "warmup" && msg.request) {
    const request = msg.request;
    queue = queue.catch(() => undefined).then(() => warmUp(request));
    return;
  }
  runsWaiting++;
  queue = queue
    .catch(() => undefined)
    .then(() => startRun(msg))
    .finally(() => runsWaiting--);
};
