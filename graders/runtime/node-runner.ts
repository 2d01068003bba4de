/**
 * The grader's side of a Node grading run: one child process per submission and exercise,
 * with a time limit, a memory limit (resident set, polled — typed arrays live outside the
 * V8 heap, so --max-old-space-size alone would not catch a 4 GB Float32Array), a clean
 * environment (no teacher secret can leak into it), and validation of every message.
 */
import { fork, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { MAX_LOG_CHARS, MAX_LOG_LINES, RunnerMessage, type RunLimits, type RunOutcome, type RunRequest, type Runner } from "../engine/protocol.js";
import { BUNDLE_DIR, COURSE_ROOT, ensureChildBundle } from "./node-bundle.js";

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

/** tfjs greets every Node process with advice to install tfjs-node; it is not the learner's output. */
const NOISE = [/Hi there 👋/, /tfjs-node/, /^=+$/, /ExperimentalWarning/, /--trace-warnings/, /^\s*$/, /speed things up/i, /tensorflow\.org/];

function rssMb(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(status);
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
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
    const nodeModules = join(COURSE_ROOT, "node_modules");
    try {
      const child = fork(bundle, [this.backend], {
        execArgv: [
          permissionFlag(this.options.nodeVersion),
          `--allow-fs-read=${nodeModules}/*`,
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
    const outcome: RunOutcome = { end: "crashed", backend: this.backend, exports: {}, calls: new Map(), logs: [], forged: 0 };
    const log = logCollector(outcome);
    lineReader(child.stdout, log);
    lineReader(child.stderr, log);
    return supervise(child, request, limits, outcome, log);
  }
}

/** Keeps what the submission prints, without tfjs's greeting, within the protocol's caps. */
function logCollector(outcome: RunOutcome): (line: string) => void {
  let logChars = 0;
  return (line: string) => {
    if (NOISE.some((re) => re.test(line))) return;
    if (outcome.logs.length >= MAX_LOG_LINES) return;
    const text = line.slice(0, MAX_LOG_CHARS);
    logChars += text.length;
    if (logChars < MAX_LOG_LINES * MAX_LOG_CHARS) outcome.logs.push(text);
  };
}

function lineReader(stream: NodeJS.ReadableStream | null, log: (line: string) => void): void {
  let buf = "";
  stream?.setEncoding("utf8");
  stream?.on("data", (chunk: string) => {
    buf += chunk;
    const lines = buf.split("\n");
    buf = lines.pop() ?? "";
    if (buf.length > MAX_LOG_CHARS) buf = buf.slice(0, MAX_LOG_CHARS);
    for (const l of lines) log(l);
  });
  stream?.on("end", () => buf && log(buf));
}

/**
 * Why a child that never reported "booted" ended. Until then no learner code has been sent,
 * so whatever happened is the machinery's fault, and the message names the cause.
 */
function preBootFailure(end: RunOutcome["end"], outcome: RunOutcome, stderrTail: string, limits: RunLimits): InfrastructureError {
  const said = stderrTail.split("\n").map((l) => l.trim()).filter((l) => l && !NOISE.some((re) => re.test(l))).slice(-3).join(" | ");
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

function supervise(child: ChildProcess, request: RunRequest, limits: RunLimits, outcome: RunOutcome, log: (line: string) => void): Promise<RunOutcome> {
  return new Promise<RunOutcome>((resolve, reject) => {
    let settled = false;
    let booted = false;
    let stderrTail = "";
    child.stderr?.on("data", (c: string) => (stderrTail = (stderrTail + c).slice(-4000)));
    const finish = (end: RunOutcome["end"]) => {
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
      if (!booted && raw && typeof raw === "object" && (raw as { type?: unknown }).type === "booted") {
        booted = true;
        clearTimeout(timer);
        timer = setTimeout(() => finish("timeout"), limits.timeoutMs);
        child.send(request);
        return;
      }
      const parsed = RunnerMessage.safeParse(raw);
      // Only the boot stage may speak without the token: it runs before the request exists.
      const bootFatal = !booted && parsed.success && parsed.data.type === "fatal" && parsed.data.stage === "backend";
      if (!parsed.success || (parsed.data.token !== request.token && !bootFatal)) {
        outcome.forged++;
        return;
      }
      handleMessage(parsed.data, outcome, log, finish);
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

function handleMessage(m: RunnerMessage, outcome: RunOutcome, log: (line: string) => void, finish: (end: RunOutcome["end"]) => void): void {
  switch (m.type) {
    case "ready":
      outcome.backend = m.backend;
      outcome.adapter = m.adapter;
      outcome.exports = m.exports;
      break;
    case "call":
      outcome.calls.set(m.id, m.outcome);
      break;
    case "log":
      log(m.text);
      break;
    case "fatal":
      outcome.fatal = { stage: m.stage, error: m.error };
      finish("fatal");
      break;
    case "done":
      finish("done");
      break;
  }
}
