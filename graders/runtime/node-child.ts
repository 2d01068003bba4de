/**
 * Entry of the child process that hosts a submission in Node. It is bundled (see
 * node-bundle.ts) and started with the permission model on: no file writes, no reads
 * outside the course's node_modules, no child processes or workers, and no code
 * generation from strings.
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
import { executeRun, errInfo, type LearnerRealm } from "./execute-plan.js";
import { notAllowed } from "./learner-tf.js";
import { createLearnerContext, evaluateInContext } from "./node-learner-context.js";
import type { RunRequest } from "../engine/protocol.js";

const backend = process.argv[2] ?? "cpu";
const rawSend = process.send!.bind(process) as (message: unknown, callback: (error: Error | null) => void) => boolean;
// process.send is asynchronous: a large result (a sweep or hidden draw at sequence length 64)
// can still sit in the channel's queue when the run ends, and exiting then drops it (the
// parent saw "ended before this check ran", exit code 0). So the exit waits for the last send.
let inFlight = 0;
let whenSent: (() => void) | null = null;
const send = (message: unknown): void => {
  inFlight++;
  rawSend(message, () => {
    if (--inFlight === 0 && whenSent) whenSent();
  });
};
const exitOnceSent = () => {
  if (inFlight === 0) exit(0);
  else whenSent = () => exit(0);
};
const reallyExit = (process as unknown as { reallyExit: (code: number) => void }).reallyExit.bind(process);
const exit = (code: number) => reallyExit(code);
// If the grader dies without ending this process, a lost IPC channel ends it as soon as the
// event loop turns (a learner's busy loop is ended by the grader's own kill on interrupt).
process.on("disconnect", () => exit(1));
const stdout = process.stdout;
const write = (text: string) => void stdout.write(text);
const onMessage = process.once.bind(process);
const now = performance.now.bind(performance);

declare function lockdown(options?: Record<string, string>): void;

async function boot(): Promise<typeof import("@tensorflow/tfjs")> {
  const tf = await import("@tensorflow/tfjs");
  if (backend === "wasm") await import("@tensorflow/tfjs-backend-wasm");
  if (!(await tf.setBackend(backend))) throw new Error(`backend ${backend} could not be initialised`);
  await tf.ready();
  // The first kernel of each kind compiles lazily: run one before the intrinsics freeze.
  tf.tidy(() => tf.sum(tf.mul(tf.tensor([1, 2]), 2)).dataSync());
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

/** The host's own exits and globals become traps: any touch is a recorded "not allowed" attempt. */
function hideHost(refuse: (what: string) => void): void {
  const g = globalThis as unknown as Record<string, unknown>;
  for (const name of ["process", "Buffer", "fetch", "WebSocket", "EventSource", "XMLHttpRequest", "require", "module"]) {
    try {
      Object.defineProperty(g, name, { get: () => notAllowed(name, refuse), configurable: false });
    } catch {
      /* already non-configurable: the permission model still covers it */
    }
  }
}

boot().then(
  (tf) => {
    freezeRealm();
    onMessage("message", (raw: unknown) => {
      const req = raw as RunRequest;
      let refuse: (what: string) => void = () => undefined;
      const context = createLearnerContext({ write, refuse: (what) => refuse(what) });
      const realm: LearnerRealm = {
        tf,
        post: (m) => send(m),
        evaluate(code, filename, require, onRefuse) {
          refuse = onRefuse;
          hideHost(onRefuse);
          return evaluateInContext(context, code, filename, require, onRefuse);
        },
        lineOffset: 0,
        now,
      };
      executeRun(realm, req).then(
        () => setImmediate(exitOnceSent),
        (e) => {
          send({ type: "fatal", token: req.token, stage: "run", error: errInfo(e, req.filename) });
          setImmediate(exitOnceSent);
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
