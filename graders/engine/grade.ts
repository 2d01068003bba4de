/**
 * The grading engine: plans the calls for an exercise, has a Runner execute them in the
 * learner's realm, and judges the returned numbers against float64 references — one engine
 * for the CLI, the browser page and the tests.
 */
import { allclose, fmt, fmtShape, sameShape, type Tolerance } from "./compare.js";
import { fieldsOf, type BugHypothesis, type GraderDefinition, type ReferenceResult, type RefValue } from "./grader.js";
import { buildCaseInputs, hiddenSeed, refArgs } from "./inputs.js";
import { add, nd, type NdArray } from "./ndarray.js";
import { planProperty, type CaseInstance, type PropertyPlan } from "./properties.js";
import type { CallOutcome, ErrInfo, PlannedCall, RunOutcome, Runner } from "./protocol.js";
import { streamFor } from "./prng.js";
import type { CheckResult, HeatmapDetail, Report, Verdict } from "./report.js";
import { GRADIENT_FACTOR, toleranceFor } from "./tolerances.js";
import { fieldOf, ndFromWire, plannedCall } from "./wire.js";

/** Documented defaults (README, "Grading a file"). */
export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MEMORY_MB = 1024;
export const DEFAULT_HIDDEN_DRAWS = 2;

export interface GradeOptions {
  source: string;
  filename: string;
  runner: Runner;
  backend: string;
  timeoutMs?: number;
  memoryMb?: number;
  /** A teacher's secret: adds hidden draws of every case, seeded from it. Never reported. */
  secret?: string;
  hiddenDraws?: number;
  now?: () => number;
}

interface Instance extends CaseInstance {
  hidden: boolean;
  ref: ReferenceResult | null;
  refError: string | null;
  cotangent: NdArray | null;
}

function randomToken(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function describeCall(inst: Instance): string {
  const parts = inst.spec.args.map((a) => {
    const v = inst.inputs.args[inst.inputs.names.indexOf(a.name)];
    if (v.t === "tensor") return `${a.name} ${fmtShape(v.nd.shape)}`;
    if (v.t === "json") return `${a.name}=${JSON.stringify(v.value)}`;
    if (v.t === "omit") return `${a.name} omitted`;
    return `${a.name} {${Object.keys(v.entries).join(", ")}}`;
  });
  return `${inst.spec.fn}(${parts.join(", ")})`;
}

function caseLabel(inst: Instance): string {
  return inst.hidden ? "a hidden case" : `case "${inst.spec.id}" — ${inst.spec.title}`;
}

function errText(e: ErrInfo): string {
  return `${e.name}: ${e.message}${e.line ? ` (line ${e.line}${e.column ? `:${e.column}` : ""})` : ""}`;
}

/** Turn tfjs's gradient errors into advice a learner can act on. */
export function explainGradientError(e: ErrInfo): { message: string; bug: string } {
  const op = /gradient function not found for (\w+)/i.exec(e.message)?.[1];
  if (op) {
    const fix: Record<string, string> = {
      Einsum: "use tf.matMul (with transposeB) or tf.mul + tf.sum instead of tf.einsum",
      Greater: "build masks from the mask input or with plain arithmetic, not from comparisons of tensors on the gradient path",
      Equal: "build masks from the mask input or with plain arithmetic, not from comparisons of tensors on the gradient path",
      Less: "build masks from the mask input or with plain arithmetic, not from comparisons of tensors on the gradient path",
      IsNan: "avoid guards computed from the values being differentiated",
    };
    return {
      bug: "no-gradient-op",
      message: `the op ${op} has no gradient in TensorFlow.js, so tf.grad cannot pass through it: ${fix[op] ?? "replace it with differentiable ops"}.`,
    };
  }
  if (/Cannot compute gradient of y=f\(x\) with respect to x/i.test(e.message)) {
    return {
      bug: "gradient-path-broken",
      message:
        "the result does not depend on the input through tf ops, so no gradient flows: a dataSync()/arraySync() round trip or a tensor rebuilt from read-back numbers cuts the graph. Keep every step as a tf op.",
    };
  }
  return { bug: "gradient-error", message: `computing the gradient threw ${errText(e)}` };
}

function heatmap(field: string, want: NdArray, got: ArrayLike<number>, worstFlat: number, bound: number): HeatmapDetail | undefined {
  const r = want.shape.length;
  if (r === 0) return undefined;
  const cols = want.shape[r - 1];
  const rows = r >= 2 ? want.shape[r - 2] : 1;
  if (rows * cols > 4096 || rows * cols === 0) return undefined;
  const slice = Math.floor(worstFlat / (rows * cols));
  const absErr: number[] = [];
  for (let i = slice * rows * cols; i < (slice + 1) * rows * cols; i++) {
    const e = Math.abs(got[i] - want.data[i]);
    absErr.push(Number.isFinite(e) ? e : NaN);
  }
  return { field, rows, cols, absErr, bound };
}

/** Does a hypothesis explain every field the learner returned? */
function hypothesisMatches(bug: BugHypothesis, inst: Instance, outcome: CallOutcome, tol: Tolerance): boolean {
  const kernels = [bug.kernel, ...(bug.variants ?? [])].filter((k) => k !== undefined);
  return kernels.some((k) => kernelMatches(k, inst, outcome, tol));
}

function kernelMatches(kernel: NonNullable<BugHypothesis["kernel"]>, inst: Instance, outcome: CallOutcome, tol: Tolerance): boolean {
  if (!outcome.ok || !inst.ref) return false;
  let predicted: RefValue;
  try {
    predicted = kernel(refArgs(inst.inputs));
  } catch {
    return false;
  }
  const loose = { atol: tol.atol * 10, rtol: tol.rtol * 10 };
  const fields = fieldsOf(inst.ref.value);
  const predictedFields = new Map(fieldsOf(predicted));
  for (const [field] of fields) {
    const want = predictedFields.get(field);
    if (!want) return false;
    const g = fieldOf(outcome.value, field);
    if (typeof g === "string" || !sameShape(g.shape, want.shape)) return false;
    if (!allclose(want, g.data as ArrayLike<number>, loose, true).ok) return false;
  }
  return true;
}

/** Every case's instance and outcome, so a diagnosis can be checked against the whole run. */
type Evidence = { inst: Instance; outcome: CallOutcome | undefined }[];

/**
 * The known bug that explains this failing case — and, when several do (a −1000 fill and an
 * inverted mask look alike once padded scores dwarf real ones), the one that also explains
 * the most other cases of the same function, passing ones included.
 */
function diagnose(def: GraderDefinition, inst: Instance, outcome: CallOutcome, tol: Tolerance, evidence: Evidence): BugHypothesis | undefined {
  const candidates = def.bugs.filter((b) => b.fn === inst.spec.fn && hypothesisMatches(b, inst, outcome, tol));
  if (candidates.length <= 1) return candidates[0];
  const support = (b: BugHypothesis) =>
    evidence.filter((e) => e.inst !== inst && e.inst.spec.fn === inst.spec.fn && e.outcome?.ok && hypothesisMatches(b, e.inst, e.outcome, tol)).length;
  return candidates.map((b) => ({ b, n: support(b) })).sort((x, y) => y.n - x.n)[0].b;
}

function withBug(check: CheckResult, bug: BugHypothesis | undefined): CheckResult {
  if (!bug) return check;
  return { ...check, bug: bug.id, diagnosis: `Likely bug — ${bug.title}. ${bug.advice}` };
}

function notRun(run: RunOutcome, timeoutMs: number, memoryMb: number): string {
  switch (run.end) {
    case "timeout":
      return `did not finish: the time limit of ${timeoutMs / 1000} s was reached (an infinite loop, or very slow code)`;
    case "memory":
      return `the submission exceeded the memory limit of ${memoryMb} MB (a huge allocation?)`;
    case "fatal":
      return run.fatal?.stage === "load" ? `the file failed to load: ${errText(run.fatal.error)}` : `the run failed: ${run.fatal ? errText(run.fatal.error) : "unknown error"}`;
    case "crashed":
      return `the grading process ended before this check ran (${run.exit ?? "no exit code"}) — exercise code must not end or break the process`;
    default:
      return "this call did not run";
  }
}

function judgeOutput(def: GraderDefinition, inst: Instance, outcome: CallOutcome | undefined, tol: Tolerance, why: string, evidence: Evidence): CheckResult {
  const base = { id: `output/${inst.key}`, title: `${inst.spec.fn}: ${inst.hidden ? "hidden case" : inst.spec.title}`, maxPoints: inst.spec.points, points: 0, passed: false };
  const where = `${caseLabel(inst)}: ${describeCall(inst)}`;
  if (!outcome) return { ...base, message: `${where}: ${why}` };
  if (inst.spec.expect === "throws") {
    if (!outcome.ok && /not implemented/i.test(outcome.error.message)) {
      return { ...base, message: `${where} throws "not implemented" — the documented error comes from a real check`, bug: "not-implemented", diagnosis: "The function still throws \"not implemented\": write its body." };
    }
    const bug = def.bugs.find((b) => b.fn === inst.spec.fn && b.missingThrow);
    if (!outcome.ok && outcome.error.origin === "library") {
      return withBug({ ...base, message: `${where} failed inside TensorFlow.js (${outcome.error.message}) instead of rejecting the argument itself: check it and throw your own Error first` }, bug);
    }
    if (!outcome.ok) return { ...base, passed: true, points: inst.spec.points, message: `${where} throws as required (${outcome.error.message})` };
    return withBug({ ...base, message: `${where} should throw an Error (see the contract), but it returned normally` }, bug);
  }
  if (!outcome.ok) {
    const notImpl = /not implemented/i.test(outcome.error.message);
    return {
      ...base,
      message: `${where} threw ${errText(outcome.error)}`,
      ...(notImpl ? { bug: "not-implemented", diagnosis: "The function still throws \"not implemented\": write its body." } : {}),
      ...(outcome.error.name === "NotAllowedError" ? { bug: "not-allowed", diagnosis: outcome.error.message } : {}),
    };
  }
  if (!inst.ref) return { ...base, message: `${where}: the reference failed (${inst.refError}); this is a grader bug` };
  for (const [field, want] of fieldsOf(inst.ref.value)) {
    const label = field ?? "the result";
    const g = fieldOf(outcome.value, field);
    if (typeof g === "string") {
      return withBug({ ...base, message: `${where}: expected ${label} to be a tensor of shape ${fmtShape(want.shape)}, got ${g}` }, diagnose(def, inst, outcome, tol, evidence));
    }
    if (!sameShape(g.shape, want.shape)) {
      return withBug({ ...base, message: `${where}: ${label} has shape ${fmtShape(g.shape)}, expected ${fmtShape(want.shape)}` }, diagnose(def, inst, outcome, tol, evidence));
    }
    const scaled = { atol: tol.atol * inst.spec.tolerance, rtol: tol.rtol * inst.spec.tolerance };
    const cmp = allclose(want, g.data as ArrayLike<number>, scaled);
    if (!cmp.ok) {
      const w = cmp.worst!;
      return withBug(
        {
          ...base,
          message: `${where}: ${label} is wrong at ${cmp.bad} of ${want.data.length} elements; worst at ${fmtShape(w.coords)}: expected ${fmt(w.want)}, got ${fmt(w.got)} (tolerance ±${fmt(w.bound)} on ${inst.spec.tolerance === 1 ? "" : `${inst.spec.tolerance}× `}the backend's atol ${scaled.atol === tol.atol ? tol.atol : scaled.atol}, rtol ${scaled.rtol})`,
          detail: inst.hidden ? undefined : heatmap(label, want, g.data as ArrayLike<number>, w.flat, w.bound),
        },
        diagnose(def, inst, outcome, tol, evidence),
      );
    }
  }
  return { ...base, passed: true, points: inst.spec.points, message: `${where}: matches the float64 reference` };
}

function judgeGradient(inst: Instance, outcome: CallOutcome | undefined, output: CheckResult, tol: Tolerance, why: string): CheckResult {
  const points = inst.spec.gradient!.points;
  const base = { id: `gradient/${inst.key}`, title: `${inst.spec.fn}: gradient, ${inst.hidden ? "hidden case" : inst.spec.title}`, maxPoints: points, points: 0, passed: false };
  const where = `${caseLabel(inst)}: gradient of Σ ${inst.spec.gradient!.of ?? "result"} ⊙ c`;
  if (!outcome) return { ...base, message: `${where}: ${why}` };
  if (!outcome.ok || !output.passed) {
    return { ...base, message: `${where}: not checked, because the forward result is already wrong (${output.id})`, bug: output.bug, diagnosis: output.diagnosis };
  }
  if (outcome.gradError) {
    const ex = explainGradientError(outcome.gradError);
    return { ...base, message: `${where}: tf.grad failed — ${errText(outcome.gradError)}`, bug: ex.bug, diagnosis: ex.message };
  }
  // Self-attention passes one tensor as query, key and value: its gradient is the sum.
  const vjp: Record<string, NdArray> = {};
  for (const [name, g] of Object.entries(inst.ref!.vjp!(inst.cotangent!))) {
    const leaf = leafFor(inst.spec, name);
    vjp[leaf] = vjp[leaf] ? add(vjp[leaf], g) : g;
  }
  const gtol = { atol: tol.atol * GRADIENT_FACTOR * inst.spec.tolerance, rtol: tol.rtol * GRADIENT_FACTOR * inst.spec.tolerance };
  for (const [leaf, l] of inst.inputs.leaves) {
    if (!l.differentiable) continue;
    const want = vjp[leaf];
    const g = outcome.grads?.[leaf];
    if (!want) return { ...base, message: `${where}: the reference has no gradient for ${leaf}; this is a grader bug` };
    if (!g) return { ...base, message: `${where}: no gradient came back for ${leaf}` };
    if (!sameShape(g.shape, want.shape)) return { ...base, message: `${where}: d/d${leaf} has shape ${fmtShape(g.shape)}, expected ${fmtShape(want.shape)}` };
    const cmp = allclose(want, g.data as ArrayLike<number>, gtol);
    if (!cmp.ok) {
      const w = cmp.worst!;
      const nonFinite = !Number.isFinite(w.got);
      const why = nonFinite
        ? "The gradient is not finite although the forward values are right: a guard such as x / max(s, ε) with a tiny ε (ε² underflows to 0 in float32, so the backward pass computes 0/0), log(0) or sqrt(0) produces NaN in the backward pass."
        : "The forward values are right, so look at a custom gradient (tf.customGrad) or at something that stops the gradient.";
      return {
        ...base,
        message: `${where}: d/d${leaf} is wrong at ${cmp.bad} of ${want.data.length} elements; worst at ${fmtShape(w.coords)}: expected ${fmt(w.want)}, got ${fmt(w.got)} (tolerance ±${fmt(w.bound)}).`,
        bug: nonFinite ? "non-finite-gradient" : "wrong-gradient",
        diagnosis: why,
        detail: inst.hidden ? undefined : heatmap(`d/d${leaf}`, want, g.data as ArrayLike<number>, w.flat, w.bound),
      };
    }
  }
  const leaves = [...inst.inputs.leaves].filter(([, l]) => l.differentiable).map(([n]) => n);
  return { ...base, passed: true, points, message: `${where}: gradients with respect to ${leaves.join(", ")} match the reference VJP` };
}

/**
 * A hidden case's result says which case template it drew from and whether it passed —
 * never its inputs, shapes or values (students see the check's name and, when the
 * assignment allows, the diagnosis).
 */
function redactHidden(inst: Instance, check: CheckResult): CheckResult {
  if (!inst.hidden) return check;
  const what = check.id.startsWith("gradient/") ? "the gradient on a hidden case" : "a hidden case";
  const { detail: _detail, ...rest } = check;
  return { ...rest, message: check.passed ? `${what} drawn like "${inst.spec.id}" passes` : `${what} drawn like "${inst.spec.id}" fails (hidden cases show no inputs or values)` };
}

/** The leaf an argument name stands for (aliases resolve to their target). */
function leafFor(spec: Instance["spec"], name: string): string {
  const alias = spec.args.find((a) => a.name === name && a.kind === "alias");
  return alias && alias.kind === "alias" ? leafFor(spec, alias.of) : name;
}

function instances(def: GraderDefinition, secret: string | undefined, hiddenDraws: number): Instance[] {
  const list: Instance[] = [];
  const make = (spec: (typeof def.spec.cases)[number], key: string, seed: number, hidden: boolean): Instance => {
    const inputs = buildCaseInputs(spec, seed);
    let ref: ReferenceResult | null = null;
    let refError: string | null = null;
    if (spec.expect === "value") {
      try {
        ref = def.references[spec.fn](refArgs(inputs));
      } catch (e) {
        refError = (e as Error).message;
      }
    }
    let cotangent: NdArray | null = null;
    if (spec.gradient && ref) {
      const target = fieldsOf(ref.value).find(([f]) => f === spec.gradient!.of)?.[1];
      if (target) {
        const rng = streamFor(seed, "cotangent");
        cotangent = nd(target.shape, Array.from({ length: target.data.length }, () => Math.fround(rng.normal())));
      }
    }
    return { spec, key, seed, hidden, inputs, ref, refError, cotangent };
  };
  for (const c of def.spec.cases) {
    if (c.visible || secret) list.push(make(c, c.id, c.seed, false));
    if (secret) for (let k = 1; k <= hiddenDraws; k++) list.push(make(c, `hidden-${c.id}-${k}`, hiddenSeed(secret, `${c.id}#${k}`), true));
  }
  return list;
}

export async function grade(def: GraderDefinition, opts: GradeOptions): Promise<Report> {
  const now = opts.now ?? (() => performance.now());
  const t0 = now();
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const memoryMb = opts.memoryMb ?? DEFAULT_MEMORY_MB;
  const tol = toleranceFor(opts.backend);
  const insts = instances(def, opts.secret, opts.hiddenDraws ?? DEFAULT_HIDDEN_DRAWS);
  const byCase = new Map(insts.filter((i) => !i.hidden).map((i) => [i.spec.id, i]));

  const calls: PlannedCall[] = insts.map((i) =>
    plannedCall(i.key, i.spec.fn, i.inputs, i.spec.gradient && i.cotangent ? { of: i.spec.gradient.of, cotangent: i.cotangent } : null),
  );
  const props: { spec: (typeof def.spec.properties)[number]; plan: PropertyPlan }[] = [];
  for (const p of def.spec.properties) {
    const inst = byCase.get(p.case);
    if (!inst) continue;
    const plan = planProperty(p, inst, tol);
    calls.push(...plan.calls);
    props.push({ spec: p, plan });
  }

  const exportNames = [...new Set(def.spec.cases.map((c) => c.fn))];
  const run = await opts.runner.run(
    { token: randomToken(), filename: opts.filename, source: opts.source, exportNames, forbidden: def.spec.forbidden, backend: opts.backend, calls },
    { timeoutMs, memoryMb },
  );

  const why = notRun(run, timeoutMs, memoryMb);
  const checks: CheckResult[] = [];

  // The contract's exports.
  const missing = exportNames.filter((n) => run.exports[n] !== "function");
  const loaded = run.end !== "fatal" || run.fatal?.stage !== "load";
  const loadedOk = Object.keys(run.exports).length > 0 || run.calls.size > 0;
  checks.push({
    id: "exports",
    title: "Exports follow the contract",
    maxPoints: def.spec.points.exports,
    passed: loaded && loadedOk && missing.length === 0,
    points: loaded && loadedOk && missing.length === 0 ? def.spec.points.exports : 0,
    message: !loaded || !loadedOk
      ? why
      : missing.length === 0
        ? `exports ${exportNames.join(", ")}`
        : `missing or not a function: ${missing.map((n) => `${n} (${run.exports[n] ?? "absent"})`).join(", ")} — export them exactly as named in the contract`,
  });

  const evidence: Evidence = insts.map((inst) => ({ inst, outcome: run.calls.get(inst.key) }));
  for (const inst of insts) {
    const outcome = run.calls.get(inst.key);
    const out = judgeOutput(def, inst, outcome, tol, why, evidence);
    checks.push(redactHidden(inst, out));
    if (inst.spec.gradient && inst.spec.expect === "value") checks.push(redactHidden(inst, judgeGradient(inst, outcome, out, tol, why)));
  }

  for (const { spec, plan } of props) {
    const v = plan.judge((id) => run.calls.get(id));
    checks.push({ id: `property/${spec.id}`, title: spec.title, maxPoints: spec.points, points: v.passed ? spec.points : 0, passed: v.passed, message: v.passed ? v.message : `${v.message}` });
  }

  // Hygiene, aggregated over every call that ran.
  const ran = [...run.calls.values()];
  const returned = ran.filter((o) => o.ok).length;
  if (def.spec.forbidden.length > 0) {
    const used = [...new Set(ran.flatMap((o) => o.hygiene.forbiddenUsed))];
    const ok = returned > 0 && used.length === 0;
    checks.push({
      id: "forbidden-builtins",
      title: `Does not call ${def.spec.forbidden.map((f) => f.name).join(" or ")}`,
      maxPoints: def.spec.points.forbidden,
      points: ok ? def.spec.points.forbidden : 0,
      passed: ok,
      message: returned === 0 ? "nothing to check: no call returned a value" : ok ? "no forbidden built-in was called" : `the code calls ${used.join(", ")} — the exercise is to build it from elementary ops`,
      ...(used.length > 0 ? { bug: "uses-builtin", diagnosis: `Likely bug — calls ${used.join(", ")}. Write it with tf.exp, tf.sum, tf.max and friends.` } : {}),
    });
  }
  {
    const disposed = [...new Set(ran.flatMap((o) => o.hygiene.disposedInputs))];
    const changed = [...new Set(ran.flatMap((o) => o.hygiene.changedInputs))];
    const ok = returned > 0 && disposed.length === 0 && changed.length === 0;
    const problems = [disposed.length ? `disposed ${disposed.join(", ")}` : "", changed.length ? `changed ${changed.join(", ")} in place` : ""].filter(Boolean);
    checks.push({
      id: "inputs-untouched",
      title: "Leaves its inputs alone",
      maxPoints: def.spec.points.inputs,
      points: ok ? def.spec.points.inputs : 0,
      passed: ok,
      message: returned === 0 ? "nothing to check: no call returned a value" : ok ? "no input was disposed or modified" : `the code ${problems.join(" and ")}: inputs belong to the caller`,
    });
  }
  {
    const leaked = ran.reduce((s, o) => s + o.hygiene.leaked, 0);
    checks.push({
      id: "tensor-leaks",
      title: "No leaked tensors (warning only)",
      maxPoints: 0,
      points: 0,
      passed: true,
      warning: leaked > 0,
      message: leaked > 0 ? `${leaked} tensor(s) leaked over ${ran.length} calls: wrap intermediate work in tf.tidy (on a GPU, leaked tensors hold memory until the page closes)` : "no tensors leaked",
    });
  }
  if (run.forged > 0) {
    checks.push({
      id: "forged-messages",
      title: "Grading channel intact",
      maxPoints: 0,
      points: 0,
      passed: false,
      message: `${run.forged} message(s) from the submission's process were malformed or unsigned and were ignored`,
    });
  }

  // Code that reaches for the file system, processes, the network or the course's own
  // solutions at load time is refused as a whole: say so on every check it failed.
  if (run.fatal?.error.name === "NotAllowedError") {
    for (let i = 0; i < checks.length; i++) {
      if (!checks[i].passed) checks[i] = { ...checks[i], bug: "not-allowed", diagnosis: run.fatal.error.message };
    }
  }

  const score = checks.reduce((s, c) => s + c.points, 0);
  const maxScore = checks.reduce((s, c) => s + c.maxPoints, 0);
  const failed = checks.filter((c) => !c.passed);
  const verdict: Verdict =
    run.end === "timeout" ? "timeout" : run.end === "done" ? (failed.length ? "fail" : "pass") : "error";
  const summary =
    verdict === "pass"
      ? `All ${checks.length} checks pass.`
      : verdict === "fail"
        ? `${failed.length} of ${checks.length} checks fail. First: ${failed[0].message}`
        : `${verdict === "timeout" ? "Timeout" : "Error"}: ${why}.`;
  return {
    exercise: def.spec.id,
    passed: verdict === "pass",
    verdict,
    score: Math.round(score * 1000) / 1000,
    maxScore,
    backend: run.backend,
    ...(run.adapter ? { adapter: run.adapter } : {}),
    durationMs: Math.round(now() - t0),
    summary,
    checks,
    logs: run.logs,
  };
}
