/**
 * A Runner that executes a grading plan in the test process itself, on tfjs's cpu backend:
 * no child process to fork and no tfjs to boot per grading, so engine tests take
 * milliseconds. It has no sandbox and cannot stop an infinite loop, so it is for trusted
 * files only (solutions, the bank, fixtures) and only in tests: the CLI, classroom mode
 * and the pages use the isolated runners in graders/runtime/.
 */
import * as tf from "@tensorflow/tfjs";
import type { RunLimits, RunOutcome, RunRequest, Runner } from "../../graders/engine/protocol.js";
import { executeRun, errInfo, type LearnerRealm } from "../../graders/runtime/execute-plan.js";
import { createLearnerContext, evaluateInContext } from "../../graders/runtime/node-learner-context.js";
import { appendLog, applyMessage, emptyOutcome } from "../../graders/runtime/run-messages.js";

let ready: Promise<void> | null = null;
function bootCpu(): Promise<void> {
  ready ??= (async () => {
    // tfjs prints advice to install tfjs-node once per process; it is not a test's output.
    const { log, warn } = console;
    console.log = console.warn = () => undefined;
    try {
      if (!(await tf.setBackend("cpu"))) throw new Error("tfjs cpu backend could not be initialised");
      await tf.ready();
      tf.tidy(() => tf.zeros([1]));
    } finally {
      Object.assign(console, { log, warn });
    }
  })();
  return ready;
}

export class InProcessRunner implements Runner {
  /** Runs share tfjs's global engine (its memory count, the forbidden-op guards): one at a time. */
  private queue: Promise<unknown> = Promise.resolve();

  run(request: RunRequest, limits: RunLimits): Promise<RunOutcome> {
    const job = this.queue.then(() => this.runNow(request, limits));
    this.queue = job.catch(() => undefined);
    return job;
  }

  private async runNow(request: RunRequest, _limits: RunLimits): Promise<RunOutcome> {
    await bootCpu();
    const outcome = emptyOutcome("cpu");
    const realm: LearnerRealm = {
      tf,
      // The same validation as the isolated runners: one module reads the realm's messages.
      post: (raw) => {
        const end = applyMessage(outcome, raw, request.token);
        if (end === "fatal" || (end === "done" && outcome.end !== "fatal")) outcome.end = end;
      },
      // The same separate context as the child, without its lockdown (which would freeze the test process).
      evaluate(code, filename, require, refuse) {
        const context = createLearnerContext({
          write: (text) =>
            text.split("\n").forEach((l) => {
              if (l) appendLog(outcome, l);
            }),
          refuse,
        });
        return evaluateInContext(context, code, filename, require, refuse);
      },
      lineOffset: 0,
      now: () => performance.now(),
    };
    try {
      await executeRun(realm, request);
    } catch (e) {
      outcome.fatal = { stage: "run", error: errInfo(e, request.filename) };
      outcome.end = "fatal";
    }
    return outcome;
  }
}
