/**
 * The grader's side of the conversation with a learner's realm, shared by the Node child
 * process runner and the browser's Web Worker runner: one way to validate what comes back
 * (anything malformed or without the run's token counts as forged) and one cap on logs.
 */
import { RunnerMessage, type RunEnd, type RunOutcome } from "../engine/protocol.js";

/** What a submission may print into its report: the first lines, each cut to a length. */
export const MAX_LOG_LINES = 200;
export const MAX_LOG_CHARS = 2000;

/** tfjs greets every Node process with advice to install tfjs-node; it is not the learner's output. */
const NOISE = [/Hi there 👋/, /tfjs-node/, /^=+$/, /ExperimentalWarning/, /--trace-warnings/, /^\s*$/, /speed things up/i, /tensorflow\.org/];

export function emptyOutcome(backend: string, adapter?: string): RunOutcome {
  return { end: "crashed", backend, ...(adapter ? { adapter } : {}), exports: {}, calls: new Map(), logs: [], forged: 0 };
}

/** Whether a printed line is tfjs's greeting rather than the learner's output. */
export function isNoise(line: string): boolean {
  return NOISE.some((re) => re.test(line));
}

/** Add one printed line to the outcome's logs, within the caps. */
export function appendLog(outcome: RunOutcome, line: string): void {
  if (isNoise(line)) return;
  if (outcome.logs.length >= MAX_LOG_LINES) return;
  outcome.logs.push(line.slice(0, MAX_LOG_CHARS));
}

/** Apply one message from the learner's realm to the outcome; returns how the run ends when the message ends it. */
export function applyMessage(outcome: RunOutcome, raw: unknown, token: string): RunEnd | null {
  const parsed = RunnerMessage.safeParse(raw);
  if (!parsed.success || parsed.data.token !== token) {
    outcome.forged++;
    return null;
  }
  const m = parsed.data;
  switch (m.type) {
    case "ready":
      outcome.backend = m.backend;
      if (m.adapter) outcome.adapter = m.adapter;
      outcome.exports = m.exports;
      return null;
    case "call":
      outcome.calls.set(m.id, m.outcome);
      return null;
    case "log":
      appendLog(outcome, m.text);
      return null;
    case "fatal":
      outcome.fatal = { stage: m.stage, error: m.error };
      return "fatal";
    case "done":
      return "done";
    case "refused":
      outcome.refused = [...(outcome.refused ?? []), m.what].slice(0, 20);
      return null;
  }
}
