/**
 * The runner's lifecycle: boot the grading worker (WebGPU, or a fallback it reports), grade
 * one source under the time limit, and boot a fresh worker after an error, a timeout or a
 * Stop (the worker that ran away was terminated: a loop cannot be interrupted, only ended).
 */
import { DEFAULT_HIDDEN_DRAWS, DEFAULT_SWEEP, grade } from "../../_graders/engine/grade.js";
import { planRun } from "../../_graders/engine/plan.js";
import type { RunRequest } from "../../_graders/engine/protocol.js";
import { toleranceFor } from "../../_graders/engine/tolerances.js";
import type { Report } from "../../_graders/engine/report.js";
import type { GraderDefinition } from "../../_graders/engine/grader.js";
import { WorkerRunner, type BootInfo } from "../../_graders/runtime/worker-runner.js";

/** Time limit per run in the browser: WebGPU on a software adapter is slow.
 * `?timeout=<ms>` in the page's URL overrides it (the browser tests use a short one). */
const DEFAULT_TIMEOUT_MS = 30_000;
export function timeLimit(search = location.search): number {
  const asked = Number(new URLSearchParams(search).get("timeout"));
  return Number.isFinite(asked) && asked >= 1000 ? asked : DEFAULT_TIMEOUT_MS;
}

export interface RunOutcome {
  report: Report;
  ms: number;
  /** How long the backend took to boot, on the first run only (later runs reuse it). */
  bootMs: number | null;
}

/** What `run` resolves to when the learner pressed Stop. */
export const STOPPED = "stopped" as const;

export interface GradingSession {
  readonly limitMs: number;
  run(source: string): Promise<RunOutcome | typeof STOPPED>;
  /** End the run in progress: its worker is terminated and a fresh one boots for the next run. */
  stop(): void;
  dispose(): void;
}

/** The run the page's grade() will plan (no secret: the public sweep), as a request for the worker to warm up on. */
function warmUpRequest(grader: GraderDefinition, backend: string, source: string): RunRequest {
  const plan = planRun(grader, toleranceFor(backend), undefined, DEFAULT_HIDDEN_DRAWS, DEFAULT_SWEEP);
  return { token: "", filename: "reference.ts", source, exportNames: plan.exportNames, forbidden: grader.spec.forbidden, backend, calls: plan.calls };
}

export function gradingSession(opts: {
  id: string;
  grader: GraderDefinition;
  workerUrl: string;
  /**
   * The reference solution, for the worker to compile its GPU programs with while the
   * learner reads (issue 14); absent in a drill, where the solution stays off the page.
   */
  warmUpSource?: () => Promise<string>;
  onBackend: (info: BootInfo) => void;
  onBootError: (e: Error) => void;
}): GradingSession {
  // Replaced on Stop: the old runner's queue waits on the run it was given until its time
  // limit, so the next run goes to a new runner instead.
  // The worker bundles the webgpu and cpu backends only (src/exercises/tfjs-lite.ts).
  const newRunner = () => new WorkerRunner(opts.workerUrl, ["webgpu", "cpu"]);
  let runner = newRunner();
  const limitMs = timeLimit();
  let boot: BootInfo | null = null;
  let firstRun = true;
  let stopCurrent: (() => void) | null = null;
  const booted = (info: BootInfo) => {
    boot = info;
    opts.onBackend(info);
  };
  // Every fresh worker (the first, and each one after a timeout or a lost device) warms up.
  const warmUp = async (info: BootInfo) => {
    if (info.backend !== "webgpu" || !opts.warmUpSource) return;
    const current = runner;
    const source = await opts.warmUpSource().catch(() => null);
    if (source !== null) await current.warmUp(warmUpRequest(opts.grader, info.backend, source));
  };
  const startBackend = () =>
    runner.boot().then((info) => {
      booted(info);
      void warmUp(info);
    }, opts.onBootError);
  void startBackend();

  async function gradeOnce(source: string): Promise<RunOutcome> {
    const t0 = performance.now();
    let report: Report;
    try {
      const info = await runner.boot();
      if (!boot) booted(info);
      report = await grade(opts.grader, { source, filename: `${opts.id}.ts`, runner, backend: info.backend, timeoutMs: limitMs });
    } catch (e) {
      void startBackend();
      throw e;
    }
    const ms = Math.round(performance.now() - t0);
    const bootMs = firstRun && boot ? Math.round(boot.bootMs) : null;
    firstRun = false;
    // After a timeout or a lost GPU device the worker was replaced: the next one boots now.
    if (report.verdict === "timeout" || report.verdict === "error") void startBackend();
    return { report, ms, bootMs };
  }

  function run(source: string): Promise<RunOutcome | typeof STOPPED> {
    const stopped = new Promise<typeof STOPPED>((resolve) => {
      stopCurrent = () => resolve(STOPPED);
    });
    return Promise.race([gradeOnce(source), stopped]).finally(() => {
      stopCurrent = null;
    });
  }

  function stop(): void {
    if (!stopCurrent) return;
    stopCurrent();
    runner.dispose();
    runner = newRunner();
    void startBackend();
  }

  return { limitMs, run, stop, dispose: () => runner.dispose() };
}
