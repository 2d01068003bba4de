/**
 * One sandboxed grading child process as the parent sees it: started under Node's permission
 * model with a clean environment, its printed output filed under whichever run it serves now,
 * and whether it may serve another (see node-runner.ts for the runs themselves).
 */
import { fork, type ChildProcess } from "node:child_process";
import { readFileSync, realpathSync } from "node:fs";
import { join } from "node:path";
import type { RunOutcome } from "../engine/protocol.js";
import { COURSE_ROOT } from "../paths.js";
import { BUNDLE_DIR, WASM_DIR } from "./node-bundle.js";
import { runEndMarker } from "./run-end-marker.js";
import { appendLog, MAX_LOG_CHARS } from "./run-messages.js";

/** Every grading child still running, so an interrupted run can end them all at once. */
const live = new Set<ChildProcess>();

/** Ends every grading child process this process started (used on SIGINT/SIGTERM). */
export function killAllGradingProcesses(): number {
  const n = live.size;
  for (const child of live) child.kill("SIGKILL");
  live.clear();
  return n;
}

export function rssMb(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(status);
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

export interface ChildStart {
  bundle: string;
  /** Backends the child initialises at boot; a run picks one of them. */
  backends: readonly string[];
  memoryMb: number;
  permissionFlag: string;
}

export class GradingChild {
  readonly proc: ChildProcess;
  readonly backends: readonly string[];
  readonly memoryMb: number;
  booted = false;
  runs = 0;
  stderrTail = "";
  /** The run whose logs the child's output is filed under now (null between runs). */
  private sink: RunOutcome | null = null;
  private marker = "";
  private onMarker: (() => void) | null = null;

  constructor(start: ChildStart) {
    this.backends = start.backends;
    this.memoryMb = start.memoryMb;
    // A course whose node_modules is a link (a copy made by a test) is read through both paths.
    const nodeModules = [...new Set([join(COURSE_ROOT, "node_modules"), realpathSync(join(COURSE_ROOT, "node_modules"))])];
    this.proc = fork(start.bundle, [start.backends.join(","), WASM_DIR], {
      execArgv: [
        start.permissionFlag,
        ...nodeModules.map((dir) => `--allow-fs-read=${dir}/*`),
        `--allow-fs-read=${BUNDLE_DIR}/*`,
        "--disallow-code-generation-from-strings",
        `--max-old-space-size=${Math.max(64, Math.floor(start.memoryMb * 0.75))}`,
        "--no-warnings",
      ],
      env: {},
      cwd: BUNDLE_DIR,
      serialization: "advanced",
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    live.add(this.proc);
    this.proc.once("close", () => live.delete(this.proc));
    this.routeOutput();
  }

  get alive(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null && this.proc.connected;
  }

  /** File output under `outcome` until the child prints the end marker of run `token`. */
  beginRun(outcome: RunOutcome, token: string, onEnd: () => void): void {
    this.sink = outcome;
    this.marker = runEndMarker(token);
    this.onMarker = onEnd;
    this.runs++;
  }

  endRun(): void {
    this.sink = null;
    this.onMarker = null;
  }

  kill(): void {
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill("SIGKILL");
  }

  private routeOutput(): void {
    const streams = [this.proc.stdout, this.proc.stderr];
    streams.forEach((stream, i) => {
      let buf = "";
      stream?.setEncoding("utf8");
      stream?.on("data", (chunk: string) => {
        if (i === 1) this.stderrTail = (this.stderrTail + chunk).slice(-4000);
        buf += chunk;
        const lines = buf.split("\n");
        buf = lines.pop() ?? "";
        if (buf.length > MAX_LOG_CHARS) buf = buf.slice(0, MAX_LOG_CHARS);
        for (const l of lines) this.line(l);
      });
      stream?.on("end", () => buf && this.line(buf));
    });
  }

  private line(l: string): void {
    if (this.marker && l === this.marker) {
      const done = this.onMarker;
      this.onMarker = null;
      done?.();
    } else if (this.sink) appendLog(this.sink, l);
  }
}
