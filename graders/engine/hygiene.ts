/**
 * Checks on the run as a whole rather than on one case: the contract's exports, forbidden
 * built-ins, inputs left alone, leaked tensors (a warning) and forged messages — each
 * aggregated over every call that ran.
 */
import type { GraderDefinition } from "./grader.js";
import type { CallOutcome, RunOutcome } from "./protocol.js";
import type { CheckResult } from "./report.js";

const NOTHING_RAN = "nothing to check: no call returned a value";

/** `why` says why the file did not load, when it did not. */
export function exportsCheck(def: GraderDefinition, run: RunOutcome, exportNames: string[], why: string): CheckResult {
  const missing = exportNames.filter((n) => run.exports[n] !== "function");
  const loaded = (run.end !== "fatal" || run.fatal?.stage !== "load") && (Object.keys(run.exports).length > 0 || run.calls.size > 0);
  const passed = loaded && missing.length === 0;
  return {
    id: "exports",
    title: "Exports follow the contract",
    maxPoints: def.spec.points.exports,
    passed,
    points: passed ? def.spec.points.exports : 0,
    message: !loaded
      ? why
      : missing.length === 0
        ? `exports ${exportNames.join(", ")}`
        : `missing or not a function: ${missing.map((n) => `${n} (${run.exports[n] ?? "absent"})`).join(", ")} — export them exactly as named in the contract`,
  };
}

function forbiddenCheck(def: GraderDefinition, ran: CallOutcome[], returned: number): CheckResult {
  const used = [...new Set(ran.flatMap((o) => o.hygiene.forbiddenUsed))];
  const ok = returned > 0 && used.length === 0;
  return {
    id: "forbidden-builtins",
    title: `Does not call ${def.spec.forbidden.map((f) => f.name).join(" or ")}`,
    maxPoints: def.spec.points.forbidden,
    points: ok ? def.spec.points.forbidden : 0,
    passed: ok,
    message:
      returned === 0
        ? NOTHING_RAN
        : ok
          ? "no forbidden built-in was called"
          : `the code calls ${used.join(", ")} — the exercise is to build it from elementary ops`,
    ...(used.length > 0 ? { bug: "uses-builtin", diagnosis: `Likely bug — calls ${used.join(", ")}. Write it with tf.exp, tf.sum, tf.max and friends.` } : {}),
  };
}

function inputsCheck(def: GraderDefinition, ran: CallOutcome[], returned: number): CheckResult {
  const disposed = [...new Set(ran.flatMap((o) => o.hygiene.disposedInputs))];
  const changed = [...new Set(ran.flatMap((o) => o.hygiene.changedInputs))];
  const ok = returned > 0 && disposed.length === 0 && changed.length === 0;
  const problems = [disposed.length ? `disposed ${disposed.join(", ")}` : "", changed.length ? `changed ${changed.join(", ")} in place` : ""].filter(Boolean);
  return {
    id: "inputs-untouched",
    title: "Leaves its inputs alone",
    maxPoints: def.spec.points.inputs,
    points: ok ? def.spec.points.inputs : 0,
    passed: ok,
    message: returned === 0 ? NOTHING_RAN : ok ? "no input was disposed or modified" : `the code ${problems.join(" and ")}: inputs belong to the caller`,
  };
}

function leakCheck(ran: CallOutcome[]): CheckResult {
  const leaked = ran.reduce((s, o) => s + o.hygiene.leaked, 0);
  return {
    id: "tensor-leaks",
    title: "No leaked tensors (warning only)",
    maxPoints: 0,
    points: 0,
    passed: true,
    warning: leaked > 0,
    message:
      leaked > 0
        ? `${leaked} tensor(s) leaked over ${ran.length} calls: wrap intermediate work in tf.tidy (on a GPU, leaked tensors hold memory until the page closes)`
        : "no tensors leaked",
  };
}

function forgedCheck(forged: number): CheckResult {
  return {
    id: "forged-messages",
    title: "Grading channel intact",
    maxPoints: 0,
    points: 0,
    passed: false,
    message: `${forged} message(s) from the submission's process were malformed or unsigned and were ignored`,
  };
}

export function hygieneChecks(def: GraderDefinition, run: RunOutcome): CheckResult[] {
  const ran = [...run.calls.values()];
  const returned = ran.filter((o) => o.ok).length;
  return [
    ...(def.spec.forbidden.length > 0 ? [forbiddenCheck(def, ran, returned)] : []),
    inputsCheck(def, ran, returned),
    leakCheck(ran),
    ...(run.forged > 0 ? [forgedCheck(run.forged)] : []),
  ];
}

/**
 * Code that reaches for the file system, processes, the network or the course's own
 * solutions at load time is refused as a whole: say so on every check it failed.
 */
export function markNotAllowed(checks: CheckResult[], run: RunOutcome): CheckResult[] {
  const fatal = run.fatal;
  const refused = run.refused ?? [];
  if (refused.length > 0) return withheld(checks, refused);
  if (fatal?.error.name !== "NotAllowedError") return checks;
  return checks.map((c) => (c.passed ? c : { ...c, bug: "not-allowed", diagnosis: fatal.error.message }));
}

/**
 * A file that reached for a Node built-in, `process` or the tf engine is refused as a whole,
 * even when it caught the refusal and went on to compute the right numbers: every point is
 * withheld and one failing check says what it tried.
 */
function withheld(checks: CheckResult[], refused: string[]): CheckResult[] {
  const what = [...new Set(refused)].slice(0, 5).join("; ");
  const diagnosis = `Not allowed — the code tried to reach ${what}. An exercise file may use only @tensorflow/tfjs; remove that code.`;
  const rule: CheckResult = {
    id: "not-allowed",
    title: "Uses only what an exercise may use",
    maxPoints: 0,
    points: 0,
    passed: false,
    message: `the code tried to reach ${what} (refused), so no points are awarded for this file`,
    bug: "not-allowed",
    diagnosis,
  };
  return [rule, ...checks.map((c) => ({ ...c, points: 0, ...(c.passed ? {} : { bug: "not-allowed", diagnosis }) }))];
}
