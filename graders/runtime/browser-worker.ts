/**
 * The Web Worker that hosts learner code in the browser. It owns tfjs and its WebGPU
 * backend, so the page's thread never runs learner code and never loads tfjs; a runaway
 * submission freezes only this worker, which the page terminates and replaces.
 *
 * Messages in:  { type: "boot", prefer: string[] }  then RunRequest objects.
 * Messages out: { type: "booted", backend, adapter, fallback?, gpuOnly? } then RunnerMessage objects.
 */
import * as tf from "@tensorflow/tfjs";
import { webgpu_util } from "@tensorflow/tfjs-backend-webgpu";
import { executeRun, errInfo, type LearnerRealm } from "./execute-plan.js";
import type { RunRequest } from "../engine/protocol.js";

// The worker's global scope, typed by hand: the DOM and WebWorker libs cannot both be loaded.
const scope = globalThis as unknown as { postMessage(m: unknown): void; onmessage: ((e: MessageEvent) => void) | null };
const post = (m: unknown) => scope.postMessage(m);

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
 * SwiftShader (WebGPU on the CPU: what a learner without a usable GPU gets) runs tfjs's
 * MatMulReduceProgram, which tfjs picks for every matmul with at most 128 outputs — most
 * grading cases — at about 190 ms a call: its 256-thread workgroup barriers are emulated on
 * the CPU. The small-output tiled program computes the same product, still on the GPU, in
 * about 4 ms (measured in Chromium here, issue 14). A real GPU keeps tfjs's own choice.
 */
function tuneForSoftwareAdapter(adapter: string | undefined): void {
  if (!/swiftshader/i.test(adapter ?? "")) return;
  tf.env().set("WEBGPU_MATMUL_PROGRAM_TYPE", webgpu_util.MatMulProgramType.MatMulSmallOutputSizeProgram);
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
        const gpuOnly = name === "webgpu" ? gradeOnGpuOnly() : undefined;
        if (name === "webgpu") tuneForSoftwareAdapter(adapter);
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

// Chrome's Function constructor puts two lines ("function anonymous(exports,require,module\n) {") before the body.
const FUNCTION_PREFIX_LINES = 2;

const realm: LearnerRealm = {
  tf,
  post: (m) => post(m),
  evaluate(code, filename, require) {
    const module = { exports: {} as Record<string, unknown> };
    const fn = new Function("exports", "require", "module", `${code}\n//# sourceURL=${filename}`);
    fn(module.exports, require, module);
    return module.exports;
  },
  lineOffset: FUNCTION_PREFIX_LINES,
  now: () => performance.now(),
};

// What the learner prints is shown under the verdict (the devtools console would hide it).
let currentToken = "";
for (const level of ["log", "info", "warn", "error", "debug"] as const) {
  console[level] = (...args: unknown[]) => {
    const text = args.map((a) => (typeof a === "string" ? a : safeString(a))).join(" ");
    if (currentToken) post({ type: "log", token: currentToken, level, text: text.slice(0, 2000) });
  };
}

function safeString(a: unknown): string {
  try {
    return a instanceof Error ? `${a.name}: ${a.message}` : JSON.stringify(a) ?? String(a);
  } catch {
    return String(a);
  }
}

scope.onmessage = (event: MessageEvent) => {
  const msg = event.data as { type?: string; prefer?: string[] } & RunRequest;
  if (msg.type === "boot") {
    void boot(msg.prefer ?? ["webgpu", "webgl", "cpu"]);
    return;
  }
  currentToken = msg.token;
  executeRun(realm, msg).catch((e) => post({ type: "fatal", token: msg.token, stage: "run", error: errInfo(e, msg.filename, FUNCTION_PREFIX_LINES) }));
};
