/**
 * Issue 11: the grading worker on WebGPU. Inputs keep their values on the CPU after an op
 * uploads them (so `targets.dataSync()` never takes tfjs's GPU readback, which loses
 * SwiftShader's device), a GPU-only synchronous read on a software adapter is refused with a
 * clear message, and the page's runner replaces a worker whose device was lost.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunRequest } from "../../graders/engine/protocol.js";
import { emptyOutcome } from "../../graders/runtime/run-messages.js";
import { notRun } from "../../graders/engine/summary.js";
import { WorkerRunner } from "../../graders/runtime/worker-runner.js";
import {
  isDeviceLoss,
  keepUploadedValues,
  refuseGpuSyncReadback,
  settlePipelines,
  SYNC_READBACK_REFUSED,
  type WebGpuBackendInternals,
} from "../../graders/runtime/webgpu-guards.js";

type Data = { values: unknown; resource: unknown; dtype: string };

/** What tfjs's WebGPUBackend does with a tensor's values: upload drops them; readSync returns them or reads the GPU. */
function fakeBackend(): WebGpuBackendInternals & { gpuReads: number; map: Map<object, Data> } {
  const map = new Map<object, Data>();
  const backend = {
    map,
    gpuReads: 0,
    device: { lost: new Promise<never>(() => {}), destroy: () => undefined },
    pipelineCache: {} as Record<string, unknown>,
    tensorMap: { get: (id: object) => map.get(id) },
    uploadToGPU(id: object) {
      const d = map.get(id)!;
      if (d.resource != null) return;
      d.resource = { buffer: [...(d.values as Int32Array)] };
      d.values = null;
    },
    readSync(id: object) {
      const d = map.get(id)!;
      if (d.values != null) return d.values;
      backend.gpuReads++;
      return new Int32Array((d.resource as { buffer: number[] }).buffer.length); // SwiftShader's zeros
    },
  };
  return backend;
}

describe("WebGPU guards in the grading worker", () => {
  it("an input used by a GPU op keeps its values: its dataSync is a CPU read", () => {
    const b = fakeBackend();
    keepUploadedValues(b);
    const targets = {};
    b.map.set(targets, { values: Int32Array.from([3, -100, 1]), resource: null, dtype: "int32" });
    b.uploadToGPU(targets); // tf.notEqual(targets, -100) ran first
    expect(b.map.get(targets)!.resource).not.toBeNull();
    expect(Array.from(b.readSync(targets) as Int32Array)).toEqual([3, -100, 1]);
    expect(b.gpuReads).toBe(0);
  });

  it("without the guard the same sequence reads the GPU (the path that lost the device)", () => {
    const b = fakeBackend();
    const targets = {};
    b.map.set(targets, { values: Int32Array.from([3, -100, 1]), resource: null, dtype: "int32" });
    b.uploadToGPU(targets);
    b.readSync(targets);
    expect(b.gpuReads).toBe(1);
  });

  it("on a software adapter, a synchronous read of a GPU-only result throws a message that says what to do", () => {
    const b = fakeBackend();
    keepUploadedValues(b);
    refuseGpuSyncReadback(b);
    const computed = {};
    b.map.set(computed, { values: null, resource: { buffer: [2] }, dtype: "float32" });
    expect(() => b.readSync(computed)).toThrow(SYNC_READBACK_REFUSED);
    expect(SYNC_READBACK_REFUSED).toMatch(/targets\.dataSync\(\) is fine/);
    expect(b.gpuReads).toBe(0);
    const input = {};
    b.map.set(input, { values: Float32Array.from([1, 2]), resource: null, dtype: "float32" });
    expect(Array.from(b.readSync(input) as Float32Array)).toEqual([1, 2]);
  });

  it("after a warm-up, compiled programs replace their Promises and a failed compile is dropped (the run compiles it again)", async () => {
    const b = fakeBackend();
    const compiled = { pipeline: "matmul" };
    b.pipelineCache = { ok: Promise.resolve(compiled), broken: Promise.reject(new Error("SwiftShader failed")), done: compiled };
    await settlePipelines(b);
    expect(b.pipelineCache).toEqual({ ok: compiled, done: compiled });
  });

  it("recognises Chromium's lost-device errors and nothing a learner's code throws", () => {
    const chromium = "Failed to execute 'mapAsync' on 'GPUBuffer': A valid external Instance reference no longer exists.";
    expect(isDeviceLoss({ name: "AbortError", message: chromium })).toBe(true);
    expect(isDeviceLoss({ name: "OperationError", message: "GPUDevice was lost: destroyed" })).toBe(true);
    expect(isDeviceLoss({ name: "Error", message: "every position is ignored" })).toBe(false);
    expect(isDeviceLoss({ name: "TypeError", message: "x.toFloat is not a function" })).toBe(false);
    expect(isDeviceLoss(undefined)).toBe(false);
  });
});

/** A Web Worker stand-in: each instance answers the boot, then runs with the script it is given. */
type Script = (token: string) => unknown[];
class FakeWorker {
  static created: FakeWorker[] = [];
  static scripts: Script[] = [];
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  terminated = false;
  runs = 0;
  private readonly script: Script;
  constructor() {
    this.script = FakeWorker.scripts[FakeWorker.created.length] ?? FakeWorker.scripts[FakeWorker.scripts.length - 1];
    FakeWorker.created.push(this);
  }
  postMessage(m: { type?: string; token?: string }) {
    const replies = m.type === "boot" ? [{ type: "booted", backend: "webgpu", adapter: "SwiftShader" }] : this.reply(m.token!);
    queueMicrotask(() => {
      for (const data of replies) if (!this.terminated) this.onmessage?.({ data } as MessageEvent);
    });
  }
  private reply(token: string) {
    this.runs++;
    return this.script(token);
  }
  terminate() {
    this.terminated = true;
  }
}

const lost = (token: string) => ({ type: "fatal", token, stage: "backend", error: { name: "GPUDeviceLost", message: "the browser lost its WebGPU device" } });
const ready = (token: string) => ({ type: "ready", token, backend: "webgpu", exports: { f: "function" } });
const works: Script = (token) => [ready(token), { type: "done", token }];
const request = (token: string): RunRequest => ({ token, source: "", filename: "f.ts", exportNames: ["f"], forbidden: [], calls: [] }) as unknown as RunRequest;

describe("the page's runner after a lost GPU device", () => {
  const saved = (globalThis as { Worker?: unknown }).Worker;
  beforeEach(() => {
    FakeWorker.created = [];
    (globalThis as { Worker?: unknown }).Worker = FakeWorker;
  });
  afterEach(() => {
    (globalThis as { Worker?: unknown }).Worker = saved;
  });

  it("a device lost while idle: the run goes to a fresh worker and completes", async () => {
    FakeWorker.scripts = [(token) => [lost(token)], works];
    const runner = new WorkerRunner("worker.js");
    const outcome = await runner.run(request("a"), { timeoutMs: 5000, memoryMb: 0 });
    expect(outcome.end).toBe("done");
    expect(FakeWorker.created).toHaveLength(2);
    expect(FakeWorker.created[0].terminated).toBe(true);
  });

  it("a device lost mid-run: the run ends as the backend's failure, and the next run works on a fresh worker", async () => {
    FakeWorker.scripts = [(token) => [ready(token), lost(token)], works];
    const runner = new WorkerRunner("worker.js");
    const first = await runner.run(request("a"), { timeoutMs: 5000, memoryMb: 0 });
    expect(first.end).toBe("fatal");
    expect(first.fatal?.stage).toBe("backend");
    expect(FakeWorker.created[0].runs).toBe(1); // not re-run: the learner sees what happened
    const second = await runner.run(request("b"), { timeoutMs: 5000, memoryMb: 0 });
    expect(second.end).toBe("done");
    expect(FakeWorker.created).toHaveLength(2);
  });

  it("a run ended by a lost device says, in both languages, that the backend failed and not the code", () => {
    const outcome = { ...emptyOutcome("webgpu"), end: "fatal" as const };
    outcome.fatal = { stage: "backend", error: { name: "GPUDeviceLost", message: "destroyed: device was destroyed" } };
    const why = notRun(outcome, 30_000, 1024);
    expect(why.en).toMatch(/lost its WebGPU device while grading \(destroyed: device was destroyed\).*not a verdict on your code/);
    expect(why.zh).toMatch(/在评分时丢失了 WebGPU 设备（destroyed: device was destroyed）.*不是对你代码的评判/);
    const learnerError = { ...outcome, fatal: { stage: "run" as const, error: { name: "Error", message: "boom" } } };
    expect(notRun(learnerError, 30_000, 1024).en).toMatch(/^the run failed/);
  });

  it("a file that fails to load leaves the worker in place for the next run", async () => {
    const loadError = (token: string) => [{ type: "fatal", token, stage: "load", error: { name: "SyntaxError", message: "x" } }];
    FakeWorker.scripts = [(token) => (token === "a" ? loadError(token) : works(token))];
    const runner = new WorkerRunner("worker.js");
    expect((await runner.run(request("a"), { timeoutMs: 5000, memoryMb: 0 })).end).toBe("fatal");
    expect((await runner.run(request("b"), { timeoutMs: 5000, memoryMb: 0 })).end).toBe("done");
    expect(FakeWorker.created).toHaveLength(1);
  });
});
