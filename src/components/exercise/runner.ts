/**
 * The runner's lifecycle: boot the grading worker (WebGPU, or a fallback it reports), grade
 * one source under the time limit, and boot a fresh worker after an error, a timeout or a
 * Stop (the worker that ran away was terminated: a loop cannot be interrupted, only ended).
 *
 * The grading engine and the exercise's grader are imported on the first Run (or when the
 * learner starts editing), not with the page: they bring the spec schemas and zod, about a
 * fifth of the page's weight, which a learner who only reads the page never needs.
 */
import type * as Engine from "../../_graders/engine/grade.js";
import type { RunRequest } from "../../_graders/engine/protocol.js";
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
  /** Start loading the grading engine ahead of the first Run. */
  prepare(): void;
}

interface Grading {
  grade: typeof Engine.grade;
  grader: GraderDefinition;
  /** The run grade() will plan (no secret: the public sweep), as a request for the worker to warm up on. */
  warmUpRequest(backend: string, source: string): RunRequest;
}

async function loadEngine(grader: GraderDefinition): Promise<Grading> {
  const [engine, { planRun }, { toleranceFor }] = await Promise.all([
    import("../../_graders/engine/grade.js"),
    import("../../_graders/engine/plan.js"),
    import("../../_graders/engine/tolerances.js"),
  ]);
  const warmUpRequest = (backend: string, source: string): RunRequest => {
    const plan = planRun(grader, toleranceFor(backend), undefined, engine.DEFAULT_HIDDEN_DRAWS, engine.DEFAULT_SWEEP);
    return { token: "", filename: "reference.ts", source, exportNames: plan.exportNames, forbidden: grader.spec.forbidden, backend, calls: plan.calls };
  };
  return { grade: engine.grade, grader, warmUpRequest };
}

/** The engine and the exercise's grader, loaded once, on the first edit or Run (page weight); `onLoad` when that starts. */
function lazyEngine(loadGrader: () => Promise<GraderDefinition>, onLoad: () => void) {
  let grading: Promise<Grading> | null = null;
  const load = (): Promise<Grading> => {
    if (!grading) {
      grading = loadGrader().then(loadEngine);
      // A failed download (offline for a moment) is tried again on the next Run.
      grading.catch(() => {
        grading = null;
      });
      onLoad();
    }
    return grading;
  };
  return { load, loaded: () => grading };
}

/** Have a booted worker compile the reference solution's GPU programs (once per worker: WorkerRunner.warmUp). */
async function warmUpWorker(runner: WorkerRunner, grading: Promise<Grading> | null, source?: () => Promise<string>): Promise<void> {
  if (!source || !grading) return;
  const [info, loaded, code] = await Promise.all([runner.boot(), grading, source()]);
  if (info.backend === "webgpu") await runner.warmUp(loaded.warmUpRequest(info.backend, code));
}

export function gradingSession(opts: {
  id: string;
  loadGrader: () => Promise<GraderDefinition>;
  workerUrl: string;
  /**
   * The reference solution, for the worker to compile its GPU programs with (issue 14)
   * once the engine has loaded — on the learner's first edit, so while they type; absent
   * in a drill, where the solution stays off the page.
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
  // Every fresh worker (the first, and each one after a timeout or a lost device) warms up,
  // once the engine that plans the run is here (it loads on the first edit or Run).
  const warmUp = () => void warmUpWorker(runner, engine.loaded(), opts.warmUpSource).catch(() => undefined);
  const engine = lazyEngine(opts.loadGrader, warmUp);
  const loadGrading = engine.load;
  const startBackend = () =>
    runner.boot().then((info) => {
      booted(info);
      warmUp();
    }, opts.onBootError);
  void startBackend();

  async function gradeOnce(source: string): Promise<RunOutcome> {
    const t0 = performance.now();
    let report: Report;
    try {
      const [info, { grade, grader }] = await Promise.all([runner.boot(), loadGrading()]);
      if (!boot) booted(info);
      report = await grade(grader, { source, filename: `${opts.id}.ts`, runner, backend: info.backend, timeoutMs: limitMs });
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

  return { limitMs, run, stop, dispose: () => runner.dispose(), prepare: () => void loadGrading() };
}
