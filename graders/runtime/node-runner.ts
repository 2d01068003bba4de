/**
 * The grader's side of a Node grading run: a sandboxed child process per submitter, with a
 * time limit, a memory limit (resident set, polled — typed arrays live outside the V8 heap,
 * so --max-old-space-size alone would not catch a 4 GB Float32Array), a clean environment
 * (no teacher secret can leak into it), and validation of every message.
 *
 * A child can serve several runs of the same submitter (a `ChildSession`: one learner's
 * exercises, one student's files in a class): starting one and loading tfjs was most of a
 * grading's cost. Every run still gets a fresh V8 context for the learner's code; a child is
 * only handed back when its run ended cleanly, and never crosses from one submitter to the
 * next, so what one student's code leaves behind can only ever touch that student's grade.
 */
import { BootedMessage, RunnerMessage, type RunEnd, type RunLimits, type RunOutcome, type RunRequest, type Runner } from "../engine/protocol.js";
import { ensureChildBundle } from "./node-bundle.js";
import { GradingChild, rssMb } from "./grading-child.js";

export { killAllGradingProcesses } from "./grading-child.js";
import { applyMessage, emptyOutcome, isNoise } from "./run-messages.js";

const BOOT_TIMEOUT_MS = 60_000;
const MEMORY_POLL_MS = 50;

/**
 * The grading machinery itself failed (the child could not start, tfjs could not load, the
 * machine ran out of processes…) before any learner code was handed over. Not a grade: the
 * caller reports it to the teacher and never caches it.
 */
export class InfrastructureError extends Error {
  override name = "InfrastructureError";
}

/**
 * Node's permission model is `--experimental-permission` on Node 20 and 21; Node 22 renamed
 * it `--permission` (and later versions reject the old name, which would end every child
 * before it starts). Below 20 there is no permission model, and grading must not run.
 */
export function permissionFlag(nodeVersion: string = process.versions.node): string {
  const major = Number(/^v?(\d+)\./.exec(nodeVersion)?.[1]);
  if (!Number.isInteger(major)) throw new InfrastructureError(`cannot read the Node version "${nodeVersion}"`);
  if (major < 20) throw new InfrastructureError(`Node ${nodeVersion} has no permission model: grading needs Node 20 or later`);
  return major >= 22 ? "--permission" : "--experimental-permission";
}

/** The child's boot handshake: "booted", or a fatal backend error (sent before it knows any token). */
function bootMessage(raw: unknown): "booted" | RunnerMessage | null {
  if (BootedMessage.safeParse(raw).success) return "booted";
  const parsed = RunnerMessage.safeParse(raw);
  return parsed.success && parsed.data.type === "fatal" && parsed.data.stage === "backend" ? parsed.data : null;
}

export interface NodeRunnerOptions {
  /** The Node version whose permission flag to use (tests pretend to be another version). */
  nodeVersion?: string;
  /** Warm children to reuse, all serving one submitter; without it, each run has a child of its own. */
  session?: ChildSession;
}

/** Runs a child serves before it is retired all the same (memory a long session accumulates). */
const MAX_RUNS_PER_CHILD = 40;
/** A child whose resident set ends a run above this share of the limit is not reused. */
const REUSE_MEMORY_SHARE = 0.5;
/** How long after "done" the end marker may lag on stdout before the child is given up. */
const MARKER_GRACE_MS = 1000;

/**
 * Warm grading children for ONE submitter (a learner's exercises in `npm run grade`, one
 * student's files in a class). Children boot with every backend the session needs, so a
 * classroom cross-check on wasm runs in the same process as the main grade.
 */
export class ChildSession {
  private readonly idle: GradingChild[] = [];
  private closed = false;
  /** Children started for this session (a benchmark's and a test's view of the reuse). */
  started = 0;

  constructor(readonly backends: readonly string[] = ["cpu"]) {}

  /** A warm child with this memory limit, if one is idle. */
  take(memoryMb: number): GradingChild | undefined {
    for (let i = 0; i < this.idle.length; i++) {
      const child = this.idle[i];
      if (!child.alive) {
        this.idle.splice(i--, 1);
        continue;
      }
      if (child.memoryMb !== memoryMb) continue;
      this.idle.splice(i, 1);
      return child;
    }
    return undefined;
  }

  give(child: GradingChild): void {
    if (this.closed || !child.alive) child.kill();
    else this.idle.push(child);
  }

  /** Ends every idle child; runs still going end theirs when they finish. */
  close(): void {
    this.closed = true;
    for (const child of this.idle.splice(0)) child.kill();
  }
}

export class NodeProcessRunner implements Runner {
  constructor(
    private readonly backend: string = "cpu",
    private readonly options: NodeRunnerOptions = {},
  ) {}

  private async start(backends: readonly string[], limits: RunLimits): Promise<GradingChild> {
    let bundle: string;
    try {
      bundle = await ensureChildBundle();
    } catch (e) {
      throw new InfrastructureError(`could not build the grading child's bundle: ${(e as Error).message.split("\n")[0]}`);
    }
    try {
      return new GradingChild({ bundle, backends, memoryMb: limits.memoryMb, permissionFlag: permissionFlag(this.options.nodeVersion) });
    } catch (e) {
      if (e instanceof InfrastructureError) throw e;
      throw new InfrastructureError(`could not start a grading process: ${(e as Error).message}`);
    }
  }

  async run(request: RunRequest, limits: RunLimits): Promise<RunOutcome> {
    const session = this.options.session;
    const shared = session?.backends.includes(this.backend) ? session : undefined;
    let child = shared?.take(limits.memoryMb);
    if (!child) {
      child = await this.start(shared ? shared.backends : [this.backend], limits);
      if (shared) shared.started++;
    }
    const outcome = emptyOutcome(this.backend);
    const reusable = await supervise(child, request, limits, outcome);
    if (reusable && shared) shared.give(child);
    else child.kill();
    return outcome;
  }
}

/**
 * Why a child that never reported "booted" ended. Until then no learner code has been sent,
 * so whatever happened is the machinery's fault, and the message names the cause.
 */
function preBootFailure(end: RunOutcome["end"], outcome: RunOutcome, stderrTail: string, limits: RunLimits): InfrastructureError {
  const said = stderrTail
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !isNoise(l))
    .slice(-3)
    .join(" | ");
  const cause =
    end === "timeout"
      ? `the grading process did not start within ${BOOT_TIMEOUT_MS / 1000} s (is the machine overloaded?)`
      : end === "memory"
        ? `the grading process needed more than the ${limits.memoryMb} MB memory limit just to load TensorFlow.js (raise memoryMb)`
        : end === "fatal"
          ? `TensorFlow.js could not start in the grading process: ${outcome.fatal?.error.message ?? "unknown error"}`
          : `the grading process ended before it started (${outcome.exit ?? "no exit code"})`;
  return new InfrastructureError(`${cause}${said ? `; it printed: ${said}` : ""}`);
}

/** Whether a child that finished a run cleanly may serve the next one of the same submitter. */
function mayServeAgain(child: GradingChild, outcome: RunOutcome, limits: RunLimits): boolean {
  if (outcome.forged > 0 || outcome.refused?.length || child.runs >= MAX_RUNS_PER_CHILD || !child.alive) return false;
  const mb = rssMb(child.proc.pid);
  return mb !== null && mb < limits.memoryMb * REUSE_MEMORY_SHARE;
}

/** Polls a child's resident set: typed arrays live outside the V8 heap its flag bounds. */
function watchMemory(pid: number | undefined, limitMb: number, over: () => void): ReturnType<typeof setInterval> {
  return setInterval(() => {
    const mb = rssMb(pid);
    if (mb !== null && mb > limitMb) over();
  }, MEMORY_POLL_MS);
}

/**
 * One run on `child` (booting it first if it is new). Resolves whether the child may be
 * reused; a child that did not end its run cleanly is killed here.
 */
function supervise(child: GradingChild, request: RunRequest, limits: RunLimits, outcome: RunOutcome): Promise<boolean> {
  const proc = child.proc;
  return new Promise<boolean>((resolve, reject) => {
    let settled = false;
    let doneSeen = false;
    let markerSeen = false;
    const wasBooted = child.booted;
    const settle = (end: RunEnd) => {
      if (settled) return;
      settled = true;
      outcome.end = end;
      clearTimeout(timer);
      clearTimeout(grace);
      clearInterval(poll);
      proc.off("message", onMessage);
      proc.off("close", onClose);
      proc.off("error", onError);
      const clean = end === "done" && markerSeen;
      if (!clean) child.kill();
      const reusable = clean && mayServeAgain(child, outcome, limits);
      // Give the stdout pipes a moment to flush what a child that did not end cleanly printed.
      setTimeout(
        () => {
          child.endRun();
          if (child.booted) resolve(reusable);
          else reject(preBootFailure(end, outcome, child.stderrTail, limits));
        },
        clean ? 0 : 20,
      );
    };
    const startRun = () => {
      child.beginRun(outcome, request.token, () => {
        markerSeen = true;
        if (doneSeen) settle("done");
      });
      timer = setTimeout(() => settle("timeout"), limits.timeoutMs);
      proc.send(request);
    };
    let grace: ReturnType<typeof setTimeout> | undefined;
    // A new child first has BOOT_TIMEOUT_MS to boot; the run's own limit starts with the run.
    let timer: ReturnType<typeof setTimeout> | undefined = wasBooted ? undefined : setTimeout(() => settle("timeout"), BOOT_TIMEOUT_MS);
    const poll = watchMemory(proc.pid, limits.memoryMb, () => settle("memory"));
    const onMessage = (raw: unknown) => {
      if (settled) return;
      const boot = child.booted ? null : bootMessage(raw);
      if (boot === "booted") {
        child.booted = true;
        clearTimeout(timer);
        startRun();
      } else if (boot?.type === "fatal") {
        // Only the boot stage may speak without the token: it runs before the request exists.
        outcome.fatal = { stage: boot.stage, error: boot.error };
        settle("fatal");
      } else {
        const end = applyMessage(outcome, raw, request.token);
        if (end === "done") {
          doneSeen = true;
          if (markerSeen) settle("done");
          else grace = setTimeout(() => settle("done"), MARKER_GRACE_MS);
        } else if (end) settle(end);
      }
    };
    // "close" (not "exit"): by then every IPC message and every byte of output has arrived.
    const onClose = (code: number | null, signal: NodeJS.Signals | null) => {
      outcome.exit = signal ? `signal ${signal}` : `exit code ${code}`;
      const oom = /heap out of memory|Allocation failed|Array buffer allocation failed/i.test(child.stderrTail);
      settle(oom ? "memory" : "crashed");
    };
    const onError = (e: Error) => {
      outcome.exit = e.message;
      settle("crashed");
    };
    proc.on("message", onMessage);
    proc.on("close", onClose);
    proc.on("error", onError);
    if (wasBooted) startRun();
  });
}
