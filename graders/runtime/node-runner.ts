/**
 * The grader's side of a Node grading run: one child process per submission and exercise,
 * with a time limit, a memory limit (resident set, polled — typed arrays live outside the
 * V8 heap, so --max-old-space-size alone would not catch a 4 GB Float32Array), a clean
 * environment (no teacher secret can leak into it), and validation of every message.
 */
import { fork, type ChildProcess } from "node:child_process";
import { readFileSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { BootedMessage, RunnerMessage, type RunEnd, type RunLimits, type RunOutcome, type RunRequest, type Runner } from "../engine/protocol.js";
import { COURSE_ROOT } from "../paths.js";
import { BUNDLE_DIR, ensureChildBundle } from "./node-bundle.js";
import { appendLog, applyMessage, emptyOutcome, isNoise, MAX_LOG_CHARS } from "./run-messages.js";

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

/** Every grading child still running, so an interrupted run can end them all at once. */
const live = new Set<ChildProcess>();

/** Ends every grading child process this process started (used on SIGINT/SIGTERM). */
export function killAllGradingProcesses(): number {
  const n = live.size;
  for (const child of live) child.kill("SIGKILL");
  live.clear();
  return n;
}

function rssMb(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(status);
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** What the child prints to stdout and stderr becomes the report's logs, line by line. */
function captureOutput(child: ChildProcess, outcome: RunOutcome): void {
  for (const stream of [child.stdout, child.stderr]) {
    let buf = "";
    stream?.setEncoding("utf8");
    stream?.on("data", (chunk: string) => {
      buf += chunk;
      const lines = buf.split("\n");
      buf = lines.pop() ?? "";
      if (buf.length > MAX_LOG_CHARS) buf = buf.slice(0, MAX_LOG_CHARS);
      for (const l of lines) appendLog(outcome, l);
    });
    stream?.on("end", () => buf && appendLog(outcome, buf));
  }
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
}

export class NodeProcessRunner implements Runner {
  constructor(
    private readonly backend: string = "cpu",
    private readonly options: NodeRunnerOptions = {},
  ) {}

  private async start(limits: RunLimits): Promise<ChildProcess> {
    let bundle: string;
    try {
      bundle = await ensureChildBundle();
    } catch (e) {
      throw new InfrastructureError(`could not build the grading child's bundle: ${(e as Error).message.split("\n")[0]}`);
    }
    // A course whose node_modules is a link (a copy made by a test) is read through both paths.
    const nodeModules = [...new Set([join(COURSE_ROOT, "node_modules"), realpathSync(join(COURSE_ROOT, "node_modules"))])];
    try {
      const child = fork(bundle, [this.backend], {
        execArgv: [
          permissionFlag(this.options.nodeVersion),
          ...nodeModules.map((dir) => `--allow-fs-read=${dir}/*`),
          `--allow-fs-read=${BUNDLE_DIR}/*`,
          "--disallow-code-generation-from-strings",
          `--max-old-space-size=${Math.max(64, Math.floor(limits.memoryMb * 0.75))}`,
          "--no-warnings",
        ],
        env: {},
        cwd: BUNDLE_DIR,
        serialization: "advanced",
        stdio: ["ignore", "pipe", "pipe", "ipc"],
      });
      live.add(child);
      child.once("close", () => live.delete(child));
      return child;
    } catch (e) {
      if (e instanceof InfrastructureError) throw e;
      throw new InfrastructureError(`could not start a grading process: ${(e as Error).message}`);
    }
  }

  async run(request: RunRequest, limits: RunLimits): Promise<RunOutcome> {
    const child = await this.start(limits);
    const outcome = emptyOutcome(this.backend);
    captureOutput(child, outcome);
    return supervise(child, request, limits, outcome);
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

function supervise(child: ChildProcess, request: RunRequest, limits: RunLimits, outcome: RunOutcome): Promise<RunOutcome> {
  return new Promise<RunOutcome>((resolve, reject) => {
    let settled = false;
    let booted = false;
    let stderrTail = "";
    child.stderr?.on("data", (c: string) => (stderrTail = (stderrTail + c).slice(-4000)));
    const finish = (end: RunEnd) => {
      if (settled) return;
      settled = true;
      outcome.end = end;
      clearTimeout(timer);
      clearInterval(poll);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      // Give the stdout pipes a moment to flush what the child printed.
      setTimeout(() => (booted ? resolve(outcome) : reject(preBootFailure(end, outcome, stderrTail, limits))), 20);
    };
    let timer = setTimeout(() => finish("timeout"), BOOT_TIMEOUT_MS);
    const poll = setInterval(() => {
      const mb = child.pid ? rssMb(child.pid) : null;
      if (mb !== null && mb > limits.memoryMb) finish("memory");
    }, MEMORY_POLL_MS);

    child.on("message", (raw) => {
      if (settled) return;
      const boot = booted ? null : bootMessage(raw);
      if (boot === "booted") {
        booted = true;
        clearTimeout(timer);
        timer = setTimeout(() => finish("timeout"), limits.timeoutMs);
        child.send(request);
      } else if (boot?.type === "fatal") {
        // Only the boot stage may speak without the token: it runs before the request exists.
        outcome.fatal = { stage: boot.stage, error: boot.error };
        finish("fatal");
      } else {
        const end = applyMessage(outcome, raw, request.token);
        if (end) finish(end);
      }
    });
    // "close" (not "exit"): by then every IPC message and every byte of output has arrived.
    child.on("close", (code, signal) => {
      outcome.exit = signal ? `signal ${signal}` : `exit code ${code}`;
      const oom = /heap out of memory|Allocation failed|Array buffer allocation failed/i.test(stderrTail);
      finish(oom ? "memory" : "crashed");
    });
    child.on("error", (e) => {
      outcome.exit = e.message;
      finish("crashed");
    });
  });
}
