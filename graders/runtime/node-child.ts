/**
 * Entry of the child process that hosts a submission in Node. It is bundled (see
 * node-bundle.ts) and started with the permission model on: no file writes, no reads
 * outside the course's node_modules, no child processes or workers, and no code
 * generation from strings.
 *
 * It serves one run after another for the same submitter (see ChildSession in
 * node-runner.ts), each in a fresh V8 context, and prints an end marker after each run so
 * the parent files the run's output under it.
 *
 * Inside, three layers keep a submission from forging its grade:
 * - the harness captures every primitive it needs (the IPC `send`, the exit, stdout)
 *   before any learner code loads;
 * - `lockdown()` (SES) then freezes every JavaScript intrinsic of this realm — Array, Set,
 *   Map, typed arrays, Promise, JSON, Function — so nothing the harness calls can be
 *   patched, and the tf.Tensor prototype is frozen after the guards go in;
 * - the submission runs in its own V8 context whose global has no `process`; the host's
 *   global `process` is replaced by a trap, so no path (tf's environment, a sloppy-mode
 *   `this`) reaches the IPC channel, `process.binding` or `getBuiltinModule`.
 */
import "ses";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { executeRun, errInfo, type LearnerRealm } from "./execute-plan.js";
import { notAllowed } from "./learner-tf.js";
import { createLearnerContext, evaluateInContext } from "./node-learner-context.js";
import { runEndMarker } from "./run-end-marker.js";
import type { RunRequest } from "../engine/protocol.js";

const backends = (process.argv[2] ?? "cpu").split(",");
const wasmDir = process.argv[3] ?? "";
const send = process.send!.bind(process) as (message: unknown) => boolean;
const reallyExit = (process as unknown as { reallyExit: (code: number) => void }).reallyExit.bind(process);
const exit = (code: number) => reallyExit(code);
// If the grader dies without ending this process, a lost IPC channel ends it as soon as the
// event loop turns (a learner's busy loop is ended by the grader's own kill on interrupt).
process.on("disconnect", () => exit(1));
const stdout = process.stdout;
const write = (text: string) => void stdout.write(text);
const onMessage = process.on.bind(process);
const now = performance.now.bind(performance);

declare function lockdown(options?: Record<string, string>): void;

async function boot(): Promise<typeof import("@tensorflow/tfjs")> {
  const tf = await import("@tensorflow/tfjs");
  if (backends.includes("wasm")) setWasmPaths(wasmDir);
  // Every backend the session needs is initialised now, before the intrinsics freeze; the first
  // kernel of each kind compiles lazily, so each runs one. The first backend is the default.
  for (const backend of [...backends].reverse()) {
    if (!(await tf.setBackend(backend))) throw new Error(`backend ${backend} could not be initialised`);
    await tf.ready();
    tf.tidy(() => tf.sum(tf.mul(tf.tensor([1, 2]), 2)).dataSync());
  }
  return tf;
}

function freezeRealm(): void {
  lockdown({
    // Stacks stay readable: the report names the learner's line from them.
    errorTaming: "unsafe",
    stackFiltering: "verbose",
    consoleTaming: "unsafe",
    overrideTaming: "severe",
    localeTaming: "unsafe",
    // The child runs with code generation from strings disabled; SES must not need eval.
    evalTaming: "noEval",
    domainTaming: "unsafe",
  });
}

/** The run now going: where a trap records an attempt (runs are one at a time). */
let refuseNow: (what: string) => void = () => undefined;
let hostHidden = false;

/**
 * The host's own exits and globals become traps: any touch is a recorded "not allowed"
 * attempt of the run going. Installed before the first learner code and kept for the
 * child's life (the harness captured what it uses at load).
 */
function hideHost(): void {
  if (hostHidden) return;
  hostHidden = true;
  const g = globalThis as unknown as Record<string, unknown>;
  for (const name of ["process", "Buffer", "fetch", "WebSocket", "EventSource", "XMLHttpRequest", "require", "module"]) {
    try {
      Object.defineProperty(g, name, { get: () => notAllowed(name, refuseNow), configurable: false });
    } catch {
      /* already non-configurable: the permission model still covers it */
    }
  }
}

async function serve(tf: typeof import("@tensorflow/tfjs"), req: RunRequest): Promise<void> {
  try {
    if (!backends.includes(req.backend)) throw new Error(`this grading process has no ${req.backend} backend`);
    if (tf.getBackend() !== req.backend) await tf.setBackend(req.backend);
    const context = createLearnerContext({ write, refuse: (what) => refuseNow(what) });
    const realm: LearnerRealm = {
      tf,
      post: (m) => send(m),
      evaluate(code, filename, require, onRefuse) {
        refuseNow = onRefuse;
        hideHost();
        return evaluateInContext(context, code, filename, require, onRefuse);
      },
      lineOffset: 0,
      now,
    };
    await executeRun(realm, req);
  } catch (e) {
    send({ type: "fatal", token: req.token, stage: "run", error: errInfo(e, req.filename) });
  } finally {
    refuseNow = () => undefined;
    write(`${runEndMarker(req.token)}\n`);
  }
}

boot().then(
  (tf) => {
    freezeRealm();
    // One run at a time: the parent sends the next request only after this one's end marker.
    let queue = Promise.resolve();
    onMessage("message", (raw: unknown) => {
      queue = queue.then(() => serve(tf, raw as RunRequest));
    });
    send({ type: "booted" });
  },
  (e) => {
    send({ type: "fatal", token: "", stage: "backend", error: errInfo(e, "") });
    // Let the message reach the parent before the process ends.
    setTimeout(() => exit(1), 50);
  },
);
