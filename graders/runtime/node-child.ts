/**
 * Entry of the child process that hosts a submission in Node. It is bundled (see
 * node-bundle.ts) and started with the permission model on: no file writes, no reads
 * outside the course's node_modules, no child processes or workers, and no code
 * generation from strings (so no `new Function("return import('net')")`). What the
 * submission could still reach — the IPC channel, process.exit, fetch — is taken away
 * below before its first line runs.
 */
import * as vm from "node:vm";
import { executeRun, errInfo, type LearnerRealm } from "./execute-plan.js";
import type { RunRequest } from "../engine/protocol.js";

const backend = process.argv[2] ?? "cpu";
const send = process.send!.bind(process);
// Captured before harden() replaces them: the runner's own way out once the work is done.
const reallyExit = (process as unknown as { reallyExit: (code: number) => void }).reallyExit.bind(process);
const exit = (code: number) => reallyExit(code);
// If the grader dies without ending this process, a lost IPC channel ends it as soon as the
// event loop turns (a learner's busy loop is ended by the grader's own kill on interrupt).
process.on("disconnect", () => exit(1));

async function boot(): Promise<typeof import("@tensorflow/tfjs")> {
  const tf = await import("@tensorflow/tfjs");
  if (backend === "wasm") await import("@tensorflow/tfjs-backend-wasm");
  if (!(await tf.setBackend(backend))) throw new Error(`backend ${backend} could not be initialised`);
  await tf.ready();
  return tf;
}

function harden(): void {
  const deny = (what: string) => () => {
    const err = new Error(`${what} is not allowed while grading`);
    err.name = "NotAllowedError";
    throw err;
  };
  const proc = process as unknown as Record<string, unknown>;
  for (const name of ["exit", "reallyExit", "abort", "kill", "chdir", "dlopen", "binding", "_linkedBinding", "setuid", "setgid"]) {
    try {
      proc[name] = deny(`process.${name}`);
    } catch {
      /* non-writable on some versions: the permission model still covers it */
    }
  }
  // The IPC handle itself stays (our bound `send` needs it); messages carry a token the
  // submission never sees, so anything it writes there directly is rejected as forged.
  for (const name of ["send", "disconnect", "ppid", "mainModule"]) {
    try {
      Object.defineProperty(process, name, { value: undefined, configurable: false, writable: false });
    } catch {
      /* already non-configurable */
    }
  }
  // Network entry points become explicit refusals (a clear verdict rather than "not a function").
  const g = globalThis as unknown as Record<string, unknown>;
  for (const name of ["fetch", "WebSocket", "EventSource", "XMLHttpRequest"]) {
    Object.defineProperty(g, name, { value: deny(`network access (${name})`), configurable: false, writable: false });
  }
}

boot().then(
  (tf) => {
    process.once("message", (raw) => {
      const req = raw as RunRequest;
      const realm: LearnerRealm = {
        tf,
        post: (m) => send(m),
        evaluate(code, filename, require) {
          const module = { exports: {} as Record<string, unknown> };
          // One wrapper line-prefix, no newline: sucrase keeps line numbers, so stack lines match the file.
          const wrapped = `(function (exports, require, module) {${code}\n})`;
          const fn = vm.runInThisContext(wrapped, { filename }) as (e: unknown, r: unknown, m: unknown) => void;
          fn(module.exports, require, module);
          return module.exports;
        },
        lineOffset: 0,
        now: () => performance.now(),
      };
      harden();
      executeRun(realm, req).then(
        () => setImmediate(() => exit(0)),
        (e) => {
          send({ type: "fatal", token: req.token, stage: "run", error: errInfo(e, req.filename) });
          setImmediate(() => exit(0));
        },
      );
    });
    send({ type: "booted" });
  },
  (e) => {
    send({ type: "fatal", token: "", stage: "backend", error: errInfo(e, "") });
    exit(1);
  },
);
