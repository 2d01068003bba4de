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
import { appendLog, applyMessage, emptyOutcome, MAX_LOG_CHARS } from "./run-messages.js";

const BOOT_TIMEOUT_MS = 60_000;
const MEMORY_POLL_MS = 50;

function rssMb(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(status);
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

function spawnChild(bundle: string, backend: string, limits: RunLimits): ChildProcess {
  // A course whose node_modules is a link (a copy made by a test) is read through both paths.
  const nodeModules = [...new Set([join(COURSE_ROOT, "node_modules"), realpathSync(join(COURSE_ROOT, "node_modules"))])];
  return fork(bundle, [backend], {
    execArgv: [
      "--experimental-permission",
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

export class NodeProcessRunner implements Runner {
  constructor(private readonly backend: string = "cpu") {}

  async run(request: RunRequest, limits: RunLimits): Promise<RunOutcome> {
    const child = spawnChild(await ensureChildBundle(), this.backend, limits);
    const outcome = emptyOutcome(this.backend);
    captureOutput(child, outcome);
    return new Promise<RunOutcome>((resolve) => {
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
        setTimeout(() => resolve(outcome), 20);
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
}
