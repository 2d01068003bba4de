/**
 * The grader's side of a Node grading run: one child process per submission and exercise,
 * with a time limit, a memory limit (resident set, polled — typed arrays live outside the
 * V8 heap, so --max-old-space-size alone would not catch a 4 GB Float32Array), a clean
 * environment (no teacher secret can leak into it), and validation of every message.
 */
import { fork } from "node:child_process";
import { readFileSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { MAX_LOG_CHARS, MAX_LOG_LINES, RunnerMessage, type RunLimits, type RunOutcome, type RunRequest, type Runner } from "../engine/protocol.js";
import { COURSE_ROOT } from "../paths.js";
import { BUNDLE_DIR, ensureChildBundle } from "./node-bundle.js";

const BOOT_TIMEOUT_MS = 60_000;
const MEMORY_POLL_MS = 50;

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

export class NodeProcessRunner implements Runner {
  constructor(private readonly backend: string = "cpu") {}

  async run(request: RunRequest, limits: RunLimits): Promise<RunOutcome> {
    const bundle = await ensureChildBundle();
    // A course whose node_modules is a link (a copy made by a test) is read through both paths.
    const nodeModules = [...new Set([join(COURSE_ROOT, "node_modules"), realpathSync(join(COURSE_ROOT, "node_modules"))])];
    const child = fork(bundle, [this.backend], {
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

    const outcome: RunOutcome = { end: "crashed", backend: this.backend, exports: {}, calls: new Map(), logs: [], forged: 0 };
    let logChars = 0;
    const log = (line: string) => {
      if (NOISE.some((re) => re.test(line))) return;
      if (outcome.logs.length >= MAX_LOG_LINES) return;
      const text = line.slice(0, MAX_LOG_CHARS);
      logChars += text.length;
      if (logChars < MAX_LOG_LINES * MAX_LOG_CHARS) outcome.logs.push(text);
    };
    const lineReader = (stream: NodeJS.ReadableStream | null) => {
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
    };
    lineReader(child.stdout);
    lineReader(child.stderr);

    return new Promise<RunOutcome>((resolve) => {
      let settled = false;
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
        setTimeout(() => resolve(outcome), 20);
      };
      let timer = setTimeout(() => finish("timeout"), BOOT_TIMEOUT_MS);
      const poll = setInterval(() => {
        const mb = child.pid ? rssMb(child.pid) : null;
        if (mb !== null && mb > limits.memoryMb) finish("memory");
      }, MEMORY_POLL_MS);

      child.on("message", (raw) => {
        if (settled) return;
        const booted = raw && typeof raw === "object" && (raw as { type?: unknown }).type === "booted";
        if (booted) {
          clearTimeout(timer);
          timer = setTimeout(() => finish("timeout"), limits.timeoutMs);
          child.send(request);
          return;
        }
        const parsed = RunnerMessage.safeParse(raw);
        if (!parsed.success || (parsed.data.token !== request.token && !(parsed.data.type === "fatal" && parsed.data.stage === "backend"))) {
          outcome.forged++;
          return;
        }
        const m = parsed.data;
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
