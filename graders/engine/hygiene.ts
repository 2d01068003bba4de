/**
 * Checks on the run as a whole rather than on one case: the contract's exports, forbidden
 * built-ins, inputs left alone, leaked tensors (a warning) and forged messages — each
 * aggregated over every call that ran.
 */
import type { GraderDefinition } from "./grader.js";
import type { CallOutcome, RunOutcome } from "./protocol.js";
import type { CheckResult } from "./report.js";
import { joinBi, retext, t, toCheck, type Bi } from "./i18n.js";
import { notAllowedError, refusedWhat } from "./not-allowed.js";

const NOTHING_RAN = t("hygiene.nothing-ran");
const SEP = t("list.sep");

/** `why` says why the file did not load, when it did not. */
export function exportsCheck(def: GraderDefinition, run: RunOutcome, exportNames: string[], why: Bi): CheckResult {
  const missing = exportNames.filter((n) => run.exports[n] !== "function");
  const loaded = (run.end !== "fatal" || run.fatal?.stage !== "load") && (Object.keys(run.exports).length > 0 || run.calls.size > 0);
  const passed = loaded && missing.length === 0;
  const absent = missing.map((n) => ({ en: `${n} (${run.exports[n] ?? "absent"})`, zh: `${n}（${run.exports[n] ?? t("exports.absent").zh}）` }));
  return toCheck({
    id: "exports",
    title: t("exports.title"),
    maxPoints: def.spec.points.exports,
    passed,
    points: passed ? def.spec.points.exports : 0,
    message: !loaded
      ? why
      : missing.length === 0
        ? t("exports.ok", { names: joinBi(exportNames, SEP) })
        : t("exports.missing", { missing: joinBi(absent, SEP) }),
  });
}

function forbiddenCheck(def: GraderDefinition, ran: CallOutcome[], returned: number): CheckResult {
  const used = [...new Set(ran.flatMap((o) => o.hygiene.forbiddenUsed))];
  const ok = returned > 0 && used.length === 0;
  const usedList = joinBi(used, SEP);
  return toCheck({
    id: "forbidden-builtins",
    title: t("forbidden.title", {
      names: joinBi(
        def.spec.forbidden.map((f) => f.name),
        t("forbidden.or"),
      ),
    }),
    maxPoints: def.spec.points.forbidden,
    points: ok ? def.spec.points.forbidden : 0,
    passed: ok,
    message: returned === 0 ? NOTHING_RAN : ok ? t("forbidden.ok") : t("forbidden.used", { used: usedList }),
    ...(used.length > 0 ? { bug: "uses-builtin", diagnosis: t("bug.uses-builtin", { used: usedList }) } : {}),
  });
}

function inputsCheck(def: GraderDefinition, ran: CallOutcome[], returned: number): CheckResult {
  const disposed = [...new Set(ran.flatMap((o) => o.hygiene.disposedInputs))];
  const changed = [...new Set(ran.flatMap((o) => o.hygiene.changedInputs))];
  const ok = returned > 0 && disposed.length === 0 && changed.length === 0;
  const problems = [
    ...(disposed.length ? [t("inputs.disposed", { names: joinBi(disposed, SEP) })] : []),
    ...(changed.length ? [t("inputs.changed", { names: joinBi(changed, SEP) })] : []),
  ];
  return toCheck({
    id: "inputs-untouched",
    title: t("inputs.title"),
    maxPoints: def.spec.points.inputs,
    points: ok ? def.spec.points.inputs : 0,
    passed: ok,
    message: returned === 0 ? NOTHING_RAN : ok ? t("inputs.ok") : t("inputs.bad", { problems: joinBi(problems, t("inputs.and")) }),
  });
}

function leakCheck(ran: CallOutcome[]): CheckResult {
  const leaked = ran.reduce((s, o) => s + o.hygiene.leaked, 0);
  return toCheck({
    id: "tensor-leaks",
    title: t("leaks.title"),
    maxPoints: 0,
    points: 0,
    passed: true,
    warning: leaked > 0,
    message: leaked > 0 ? t("leaks.some", { leaked, calls: ran.length }) : t("leaks.none"),
  });
}

function forgedCheck(forged: number): CheckResult {
  return toCheck({ id: "forged-messages", title: t("forged.title"), maxPoints: 0, points: 0, passed: false, message: t("forged.message", { forged }) });
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
  const diagnosis = notAllowedError(fatal.error.message);
  return checks.map((c) => (c.passed ? c : retext({ ...c, bug: "not-allowed" }, { diagnosis })));
}

/**
 * A file that reached for a Node built-in, `process` or the tf engine is refused as a whole,
 * even when it caught the refusal and went on to compute the right numbers: every point is
 * withheld and one failing check says what it tried.
 */
function withheld(checks: CheckResult[], refused: string[]): CheckResult[] {
  const what = joinBi([...new Set(refused)].slice(0, 5).map(refusedWhat), t("not-allowed.sep"));
  const diagnosis = t("bug.not-allowed", { what });
  const rule = toCheck({
    id: "not-allowed",
    title: t("not-allowed.title"),
    maxPoints: 0,
    points: 0,
    passed: false,
    message: t("not-allowed.message", { what }),
    bug: "not-allowed",
    diagnosis,
  });
  return [rule, ...checks.map((c) => (c.passed ? { ...c, points: 0 } : retext({ ...c, points: 0, bug: "not-allowed" }, { diagnosis })))];
}
