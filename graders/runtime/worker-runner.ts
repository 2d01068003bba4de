/**
 * The page's side of a browser grading run: a dedicated Web Worker per page, reused across
 * runs while it behaves, terminated and replaced when a run exceeds its time limit or its
 * GPU device is lost. Runs are queued, so a second click waits for the first.
 */
import { BootedMessage, RunnerMessage, type RunEnd, type RunLimits, type RunOutcome, type RunRequest, type Runner } from "../engine/protocol.js";
import { applyMessage, emptyOutcome } from "./run-messages.js";

export interface BootInfo {
  backend: string;
  adapter?: string;
  /** Why preferred backends were skipped (e.g. "webgpu (navigator.gpu is not available…)"). */
  fallback?: string;
  /** True when the WebGPU backend runs every op on the GPU (no CPU forwarding of small ops). */
  gpuOnly?: boolean;
  bootMs: number;
}

const BOOT_TIMEOUT_MS = 60_000;

export class WorkerRunner implements Runner {
  private worker: Worker | null = null;
  private booting: Promise<BootInfo> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  /** The worker that was sent a warm-up (once per worker: its compiled programs last as long as it does). */
  private warmed: Worker | null = null;

  constructor(
    private readonly url: string,
    private readonly prefer: string[] = ["webgpu", "webgl", "cpu"],
  ) {}

  /** Start (or reuse) the worker and its backend. */
  boot(): Promise<BootInfo> {
    if (this.booting) return this.booting;
    const t0 = performance.now();
    const worker = new Worker(this.url, { type: "module" });
    this.worker = worker;
    this.booting = new Promise<BootInfo>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the grading worker did not start within ${BOOT_TIMEOUT_MS / 1000} s`)), BOOT_TIMEOUT_MS);
      worker.onmessage = (e: MessageEvent) => {
        clearTimeout(timer);
        const booted = BootedMessage.safeParse(e.data);
        const fatal = RunnerMessage.safeParse(e.data);
        if (booted.success && booted.data.backend) {
          resolve({
            backend: booted.data.backend,
            adapter: booted.data.adapter,
            fallback: booted.data.fallback,
            gpuOnly: booted.data.gpuOnly,
            bootMs: performance.now() - t0,
          });
        } else {
          reject(new Error(fatal.success && fatal.data.type === "fatal" ? fatal.data.error.message : "the grading worker failed to start"));
        }
      };
      worker.onerror = (e) => {
        clearTimeout(timer);
        reject(new Error(`the grading worker failed to load: ${e.message}`));
      };
      worker.postMessage({ type: "boot", prefer: this.prefer });
    });
    this.booting.catch(() => this.reset());
    return this.booting;
  }

  private reset(): void {
    this.worker?.terminate();
    this.worker = null;
    this.booting = null;
  }

  /**
   * Have the booted worker compile the GPU programs `request` needs, without running or
   * reporting anything (the reference solution's plan, sent while the learner reads): the
   * first graded run then finds them compiled. A run sent meanwhile starts after it.
   */
  async warmUp(request: RunRequest): Promise<void> {
    await this.boot();
    if (!this.worker || this.warmed === this.worker) return;
    this.warmed = this.worker;
    this.worker.postMessage({ type: "warmup", request });
  }

  run(request: RunRequest, limits: RunLimits): Promise<RunOutcome> {
    const job = this.queue.then(() => this.runRecovering(request, limits));
    this.queue = job.catch(() => undefined);
    return job;
  }

  /**
   * A worker whose GPU device was lost while idle answers a run with a "backend" fatal before
   * running anything: that run goes to a fresh worker at once. A device lost mid-run is
   * reported (the learner sees it was the backend, not their code), and the next run gets a
   * fresh worker.
   */
  private async runRecovering(request: RunRequest, limits: RunLimits): Promise<RunOutcome> {
    const outcome = await this.runNow(request, limits);
    const nothingRan = outcome.calls.size === 0 && Object.keys(outcome.exports).length === 0;
    if (outcome.end === "fatal" && outcome.fatal?.stage === "backend" && nothingRan) return this.runNow(request, limits);
    return outcome;
  }

  private async runNow(request: RunRequest, limits: RunLimits): Promise<RunOutcome> {
    const info = await this.boot();
    const worker = this.worker!;
    const outcome = emptyOutcome(info.backend, info.adapter);
    return new Promise<RunOutcome>((resolve) => {
      const finish = (end: RunEnd) => {
        clearTimeout(timer);
        worker.onmessage = null;
        worker.onerror = null;
        outcome.end = end;
        // A worker stuck in a loop cannot be interrupted, only replaced; one whose device was
        // lost cannot grade again. A file that failed to load left the worker as it was.
        if (end !== "done" && outcome.fatal?.stage !== "load") this.reset();
        resolve(outcome);
      };
      const timer = setTimeout(() => finish("timeout"), limits.timeoutMs);
      worker.onerror = (e) => {
        outcome.exit = e.message;
        finish("crashed");
      };
      worker.onmessage = (e: MessageEvent) => {
        const end = applyMessage(outcome, e.data, request.token);
        if (end) finish(end);
      };
      worker.postMessage(request);
    });
  }

  dispose(): void {
    this.reset();
  }
}
