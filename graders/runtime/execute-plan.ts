/**
 * Runs inside the learner's realm (a Node child process or a Web Worker): loads the
 * submission, calls its exports on the planned inputs, takes gradients with tf.grads, and
 * posts back raw numbers. It judges nothing — comparisons happen in the grader's realm,
 * where the submission cannot reach them.
 */
import type * as TF from "@tensorflow/tfjs";
import { resolveChainedLeaves, referencedCalls } from "../engine/chained-leaves.js";
import { installTensorMeter, measureLargestTensor } from "./tensor-meter.js";
import { transpile } from "./transpile.js";
import { armGuards, clearUsed, installGuards, learnerTf, notAllowed } from "./learner-tf.js";
import type { CallOutcome, ErrInfo, PlannedCall, RunRequest, WireArg, WireTensorOut, WireValue } from "../engine/protocol.js";

type Tf = typeof TF;
type Outgoing = Record<string, unknown> & { type: string };

export interface LearnerRealm {
  tf: Tf;
  post(message: Outgoing): void;
  /**
   * Evaluate a CommonJS-style module body; platform-specific so stack lines map to the file.
   * `refuse` records an attempt to reach what a submission may not (the realm's traps call it).
   */
  evaluate(code: string, filename: string, require: (specifier: string) => unknown, refuse: (what: string) => void): Record<string, unknown>;
  /** Lines the platform's wrapper adds before the learner's first line. */
  lineOffset: number;
  now(): number;
}

/** Readbacks larger than this are refused: a hostile submission must not flood the grader. */
const MAX_READBACK = 1 << 22;
const ALLOWED_IMPORTS = new Set(["@tensorflow/tfjs", "@tensorflow/tfjs-core"]);

export function errInfo(e: unknown, filename: string, lineOffset = 0): ErrInfo {
  // Everything read off a thrown value may be a submission's getter: each read is guarded.
  const read = <T>(f: () => T, fallback: T): T => {
    try {
      return f();
    } catch {
      return fallback;
    }
  };
  // Errors from the submission's own context are not `instanceof` this realm's Error.
  const err = read(() => (e instanceof Error || objectTag(e) === "[object Error]" ? (e as Error) : null), null);
  const name = read(() => String(err ? err.name : typeof e), "Error");
  const message = read(() => String(err ? err.message : e), "(an unprintable value was thrown)");
  const info: ErrInfo = { name: name.slice(0, 100), message: message.slice(0, 2000) };
  const stack = read(() => (err && typeof err.stack === "string" ? err.stack : ""), "");
  const base = filename.split(/[\\/]/).pop() ?? filename;
  const re = new RegExp(`${escapeRe(base)}:(\\d+)(?::(\\d+))?`);
  const m = re.exec(stack);
  if (m) {
    info.line = Math.max(1, Number(m[1]) - lineOffset);
    if (m[2]) info.column = Number(m[2]);
  }
  // The first stack frame says who threw: the submission's own check, or a library it called.
  // tf.util.assert called by the learner's own code is the learner's check, not a library failure.
  const frames = stack.split("\n").filter((l) => /^\s+at /.test(l) || /@/.test(l));
  const ownAssert = frames.length > 1 && /\bassert\b/.test(frames[0]) && frames[1].includes(base);
  if (frames[0]) info.origin = frames[0].includes(base) || ownAssert ? "submission" : "library";
  return info;
}

const objectTag = (v: unknown) => Reflect.apply(Object.prototype.toString, v, []) as string;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function materialize(arg: WireArg, leaves: Record<string, TF.Tensor>): unknown {
  switch (arg.t) {
    case "tensor":
      return leaves[arg.leaf];
    case "json":
      return structuredClone(arg.value);
    case "omit":
      return undefined;
    case "object":
      return Object.fromEntries(Object.entries(arg.entries).map(([k, v]) => [k, materialize(v, leaves)]));
  }
}

/** A Promise or anything else awaitable (read like `value.then`, once). */
function isThenable(value: object): boolean {
  return typeof Reflect.get(value, "then") === "function";
}

function describe(value: unknown): string {
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  if (typeof value === "object" && isThenable(value)) {
    return "a Promise (the contract is synchronous: remove async/await)";
  }
  if (Array.isArray(value)) return `an array of length ${value.length} (expected a tf.Tensor)`;
  if (typeof value === "number") return `the number ${value} (expected a tf.Tensor)`;
  if (typeof value === "object") return `an object with keys {${Object.keys(value).slice(0, 8).join(", ")}}`;
  return `a ${typeof value}`;
}

/**
 * Tensor primitives captured when this module loads, before any submission: the harness
 * reads results through these, never through whatever a returned object (or an own
 * property a submission set on it) says its `data` is.
 */
interface TensorPrims {
  proto: object;
  data: (this: TF.Tensor) => Promise<ArrayLike<number>>;
  dataSync: (this: TF.Tensor) => ArrayLike<number>;
  dispose: (this: TF.Tensor) => void;
}
let prims: TensorPrims | null = null;
const getProto = Reflect.getPrototypeOf;
const apply = Reflect.apply;

function tensorPrims(tf: Tf): TensorPrims {
  prims ??= {
    proto: tf.Tensor.prototype,
    data: tf.Tensor.prototype.data as TensorPrims["data"],
    dataSync: tf.Tensor.prototype.dataSync as TensorPrims["dataSync"],
    dispose: tf.Tensor.prototype.dispose,
  };
  return prims;
}

/** A real tf.Tensor: its prototype chain reaches Tensor.prototype (tf's own `instanceof` only checks for a `data` method). */
function isTensor(tf: Tf, value: unknown): value is TF.Tensor {
  if (value === null || typeof value !== "object") return false;
  const { proto } = tensorPrims(tf);
  for (let p = getProto(value), depth = 0; p !== null && depth < 8; p = getProto(p), depth++) if (p === proto) return true;
  return false;
}

function disposeTensor(tf: Tf, t: TF.Tensor): void {
  if (!t.isDisposed) apply(tensorPrims(tf).dispose, t, []);
}

async function readTensor(tf: Tf, t: TF.Tensor): Promise<WireValue> {
  if (t.isDisposed) return { t: "other", what: "a tensor that was already disposed" };
  if (t.size > MAX_READBACK) return { t: "other", what: `a tensor of ${t.size} elements (shape [${t.shape}]), too large to read back` };
  const shape = Array.from(t.shape, Number);
  const dtype = String(t.dtype);
  const data = (await apply(tensorPrims(tf).data, t, [])) as Float32Array;
  const count = shape.reduce((a, b) => a * b, 1);
  if (!ArrayBuffer.isView(data) || data.length !== count)
    return { t: "other", what: `a tensor whose shape [${shape}] does not match its ${data.length} values` };
  return { t: "tensor", tensor: { shape, dtype, data: data.slice() } };
}

/** Results are read two objects deep: { output, cache: { k, v } }. */
const MAX_RESULT_DEPTH = 2;

async function toWire(tf: Tf, value: unknown, depth = 0): Promise<WireValue> {
  if (isTensor(tf, value)) return readTensor(tf, value);
  if (depth === 0 && typeof value === "number") return { t: "number", value };
  if (depth < MAX_RESULT_DEPTH && value && typeof value === "object" && !Array.isArray(value) && !isThenable(value)) {
    const entries: Record<string, WireValue> = {};
    for (const [k, v] of Object.entries(value).slice(0, 16)) entries[k] = await toWire(tf, v, depth + 1);
    return { t: "object", entries };
  }
  return { t: "other", what: describe(value) };
}

function tensorsIn(tf: Tf, value: unknown, depth = 0): TF.Tensor[] {
  if (isTensor(tf, value)) return [value];
  if (depth < MAX_RESULT_DEPTH && value && typeof value === "object" && !Array.isArray(value)) {
    return Object.values(value).flatMap((v) => tensorsIn(tf, v, depth + 1));
  }
  return [];
}

function select(tf: Tf, result: unknown, of: string | null): TF.Tensor {
  const picked = of === null ? result : typeof result === "object" && result !== null ? Reflect.get(result, of) : undefined;
  if (!isTensor(tf, picked)) {
    throw new Error(of === null ? `the function returned ${describe(result)}` : `the result has no tensor field "${of}"`);
  }
  return picked;
}

/** Leaves own a copy of the planned values: on cpu a tensor shares the array it was made from, and `was` must stay untouched. */
function makeLeaves(tf: Tf, call: PlannedCall): Record<string, TF.Tensor> {
  const leaves: Record<string, TF.Tensor> = {};
  for (const [name, t] of Object.entries(call.leaves)) leaves[name] = tf.tensor(t.data.slice(), t.shape, t.dtype ?? "float32");
  return leaves;
}

/**
 * A copy of a tensor's values taken now, synchronously where the backend allows: on cpu
 * `dataSync` returns the backing store itself, which a queued microtask could restore
 * before an awaited comparison looked at it.
 */
async function valuesNow(tf: Tf, t: TF.Tensor): Promise<ArrayLike<number>> {
  // WebGPU has no synchronous readback (its dataSync path exhausts mapped buffers); a
  // GPU-resident input is not writable from JavaScript in place either.
  if (tf.getBackend() === "webgpu") return (await apply(tensorPrims(tf).data, t, [])) as ArrayLike<number>;
  let now: ArrayLike<number>;
  try {
    now = Float32Array.from(apply(tensorPrims(tf).dataSync, t, []) as ArrayLike<number>);
  } catch {
    now = (await apply(tensorPrims(tf).data, t, [])) as ArrayLike<number>;
  }
  return now;
}

/** Inputs the learner disposed or changed in place, every one read before anything else may run. */
async function inputHygiene(tf: Tf, call: PlannedCall, leaves: Record<string, TF.Tensor>): Promise<{ disposedInputs: string[]; changedInputs: string[] }> {
  const names = Object.keys(leaves);
  const disposedInputs = names.filter((name) => leaves[name].isDisposed);
  const reads = names.filter((name) => !leaves[name].isDisposed).map((name) => [name, valuesNow(tf, leaves[name])] as const);
  const changedInputs: string[] = [];
  for (const [name, read] of reads) if (!sameValues(await read, call.leaves[name].data)) changedInputs.push(name);
  return { disposedInputs, changedInputs };
}

function sameValues(now: ArrayLike<number>, was: Float32Array): boolean {
  if (now.length !== was.length) return false;
  for (let i = 0; i < was.length; i++) if (!Object.is(now[i], was[i])) return false;
  return true;
}

/** The call itself: its value read back, and what it did to its inputs (checked before any await lets queued code run). */
async function callOnce(realm: LearnerRealm, fn: (...a: unknown[]) => unknown, call: PlannedCall, filename: string) {
  const { tf } = realm;
  const leaves = makeLeaves(tf, call);
  const args = call.args.map((a) => materialize(a, leaves));
  const t0 = realm.now();
  let result: unknown;
  let error: ErrInfo | undefined;
  let largestTensor: number | undefined;
  try {
    ({ result, largest: largestTensor } = measureLargestTensor(tf, () => fn(...args)));
  } catch (e) {
    error = errInfo(e, filename, realm.lineOffset);
  }
  const ms = realm.now() - t0;
  const inputs = await inputHygiene(tf, call, leaves);
  let value: WireValue | undefined;
  if (!error) {
    try {
      value = await toWire(tf, result);
    } catch (e) {
      error = errInfo(e, filename, realm.lineOffset);
    }
  }
  const own = Object.values(leaves);
  for (const t of tensorsIn(tf, result)) if (!own.includes(t)) disposeTensor(tf, t);
  for (const t of own) disposeTensor(tf, t);
  return { value, error, inputs, ms, largestTensor };
}

/** The scalar tf.grads differentiates: Σ select(result) ⊙ cotangent, after checking the selected tensor's shape. */
function objective(tf: Tf, result: unknown, of: string | null, cot: TF.Tensor): TF.Scalar {
  const y = select(tf, result, of);
  if (y.shape.length !== cot.shape.length || y.shape.some((d, i) => d !== cot.shape[i])) {
    throw new Error(`cannot take the gradient: the ${of ?? "result"} has shape [${y.shape}], expected [${cot.shape}]`);
  }
  return tf.sum(tf.mul(y, cot)) as TF.Scalar;
}

/** The call's arguments with the `wrt` leaves replaced by the tensors tf.grads traces. */
function tracedArgs(call: PlannedCall, leaves: Record<string, TF.Tensor>, xs: TF.Tensor[]): unknown[] {
  const current = { ...leaves };
  call.grad!.wrt.forEach((leaf, i) => {
    current[leaf] = xs[i];
  });
  return call.args.map((a) => materialize(a, current));
}

/** What the forward pass inside tf.grads saw (tf.grads itself returns only the gradients). */
interface TracedForward {
  /** The call returned (it did not throw). */
  returned: boolean;
  result?: unknown;
  error?: ErrInfo;
  ms: number;
  largest?: number;
  leaked: number;
  forbiddenUsed: string[];
}

/**
 * A call with a gradient, in one pass: the learner's function runs once, under tf.grads,
 * and that one forward gives the value, the hygiene and the gradient. (It used to run a
 * second time, plain, for the value and hygiene: a third of a grading's time.) What the
 * plain run measured is measured here on the forward alone:
 * - forbidden built-ins: the guards' record is read as the function returns, before any
 *   backward kernel runs;
 * - leaks: the tensors it created that are still alive when it returns, less its result —
 *   the engine's own copies for the backward pass are not counted (tensor-meter.ts);
 * - the largest tensor, on the same meter;
 * - inputs disposed or changed: read after the pass, before any await.
 * The result's tensors are kept through tf.grads's tidy, read back, then disposed.
 */
async function callWithGradient(
  realm: LearnerRealm,
  fn: (...a: unknown[]) => unknown,
  call: PlannedCall,
  used: Set<string>,
  filename: string,
): Promise<CallOutcome> {
  const { tf } = realm;
  const { of, wrt, cotangent } = call.grad!;
  const leaves = makeLeaves(tf, call);
  const cot = tf.tensor(cotangent.data.slice(), cotangent.shape, "float32");
  const fwd: TracedForward = { returned: false, ms: 0, leaked: 0, forbiddenUsed: [] };
  let gs: TF.Tensor[] | undefined;
  let gradError: ErrInfo | undefined;
  clearUsed(used);
  try {
    gs = tf.grads((...xs: TF.Tensor[]) => {
      const args = tracedArgs(call, leaves, xs);
      const created: TF.Tensor[] = [];
      let results: TF.Tensor[] = [];
      const t0 = realm.now();
      try {
        ({ result: fwd.result, largest: fwd.largest } = measureLargestTensor(tf, () => fn(...args), created));
        fwd.returned = true;
      } catch (e) {
        fwd.error = errInfo(e, filename, realm.lineOffset);
        throw e;
      } finally {
        fwd.ms = realm.now() - t0;
        fwd.forbiddenUsed = [...used];
        results = tensorsIn(tf, fwd.result);
        fwd.leaked = created.filter((t) => !t.isDisposed && !results.includes(t)).length;
      }
      // Kept, so tf.grads's tidy leaves them for the read-back below.
      for (const t of results) tf.keep(t);
      return objective(tf, fwd.result, of, cot);
    })(wrt.map((leaf) => leaves[leaf]));
  } catch (e) {
    // After the forward returned, a failure is the gradient's; before it, the call's own.
    if (fwd.returned) gradError = errInfo(e, filename, realm.lineOffset);
    else fwd.error ??= errInfo(e, filename, realm.lineOffset);
  }
  const inputs = await inputHygiene(tf, call, leaves);
  const hygiene = {
    forbiddenUsed: fwd.forbiddenUsed,
    leaked: fwd.leaked,
    ...inputs,
    ms: fwd.ms,
    ...(fwd.largest === undefined ? {} : { largestTensor: fwd.largest }),
  };
  let value: WireValue | undefined;
  let error = fwd.error;
  if (fwd.returned) {
    try {
      value = await toWire(tf, fwd.result);
    } catch (e) {
      error = errInfo(e, filename, realm.lineOffset);
    }
  }
  let grads: Record<string, WireTensorOut> | undefined;
  if (gs && !error) {
    try {
      // Every read is started before the first is awaited: on WebGPU they share one wait.
      const wires = await Promise.all(gs.map((g) => readTensor(tf, g)));
      grads = {};
      wires.forEach((wire, i) => {
        if (wire.t === "tensor") grads![wrt[i]] = wire.tensor;
      });
    } catch (e) {
      gradError = errInfo(e, filename, realm.lineOffset);
    }
  }
  const own = Object.values(leaves);
  for (const t of [...tensorsIn(tf, fwd.result), ...(gs ?? [])]) if (!own.includes(t)) disposeTensor(tf, t);
  for (const t of [...own, cot]) disposeTensor(tf, t);
  if (error) return { ok: false, error, hygiene };
  return { ok: true, value: value!, grads, gradError, hygiene };
}

async function runCall(realm: LearnerRealm, fn: (...a: unknown[]) => unknown, call: PlannedCall, used: Set<string>, filename: string): Promise<CallOutcome> {
  if (call.grad && call.grad.wrt.length > 0) return callWithGradient(realm, fn, call, used, filename);
  const { tf } = realm;
  clearUsed(used);
  const before = tf.memory().numTensors;
  const { value, error, inputs, ms, largestTensor } = await callOnce(realm, fn, call, filename);
  const leaked = Math.max(0, tf.memory().numTensors - before);
  const hygiene = { forbiddenUsed: [...used], leaked, ...inputs, ms, ...(largestTensor === undefined ? {} : { largestTensor }) };
  if (error) return { ok: false, error, hygiene };
  return { ok: true, value: value!, hygiene };
}

/** The submission's `require`: tfjs (guarded) and nothing else; anything else is an attempt. */
function learnerRequire(tf: Tf, req: RunRequest, refuse: (what: string) => void): (specifier: string) => unknown {
  const facade = learnerTf(tf, req.forbidden, refuse);
  return (specifier: unknown): unknown => {
    const name = String(specifier).slice(0, 200);
    if (ALLOWED_IMPORTS.has(name)) return facade;
    return notAllowed(`import of "${name}" (an exercise file may import only @tensorflow/tfjs)`, refuse);
  };
}

/** Load the submission: transpile, evaluate, report its exports; null when it did not load. */
function load(realm: LearnerRealm, req: RunRequest, refuse: (what: string) => void): Record<string, unknown> | null {
  const token = req.token;
  const compiled = transpile(req.source, req.filename);
  if (!compiled.ok) {
    const where = `${req.filename}${compiled.line ? `:${compiled.line}${compiled.column ? `:${compiled.column}` : ""}` : ""}`;
    realm.post({ type: "fatal", token, stage: "load", error: { name: "SyntaxError", message: `${compiled.message} at ${where}` } });
    return null;
  }
  try {
    return realm.evaluate(compiled.code, req.filename, learnerRequire(realm.tf, req, refuse), refuse);
  } catch (e) {
    realm.post({ type: "fatal", token, stage: "load", error: errInfo(e, req.filename, realm.lineOffset) });
    return null;
  }
}

/** At most this many attempts are reported: one is enough to refuse the file. */
const MAX_REFUSALS = 20;

/** The harness's hold on tf, installed once per realm and armed for this request; returns the set the guards record into. */
function prepareRealm(tf: Tf, req: RunRequest): Set<string> {
  const used = new Set<string>();
  tensorPrims(tf);
  // Before the guards freeze tf's prototypes: the meter wraps the engine's tensor tracking.
  installTensorMeter(tf);
  installGuards(tf, req.forbidden);
  armGuards(req.forbidden, used);
  return used;
}

/**
 * Every planned call of `req`, forward and gradient, run once for its kernels only: the
 * browser worker runs the reference solution's plan through this while the learner reads,
 * each call inside `step`, which puts tfjs's WebGPU backend in compile-only mode around it
 * (programs compiled, nothing dispatched or read back), waits for its programs and says
 * whether to go on — no, once a graded run is waiting (issue 14). Nothing is posted; a
 * call that throws, or continues an earlier call's result, is skipped. Returns how many
 * calls ran.
 */
export async function compileCalls(realm: LearnerRealm, req: RunRequest, step: (compile: () => void) => Promise<boolean>): Promise<number> {
  const { tf } = realm;
  prepareRealm(tf, req);
  const exports = load({ ...realm, post: () => undefined }, req, () => undefined);
  let ran = 0;
  for (const call of exports ? req.calls : []) {
    const fn = exports![call.fn];
    if (typeof fn !== "function" || call.from) continue;
    const leaves = makeLeaves(tf, call);
    const goOn = await step(() => {
      try {
        tf.tidy(() => kernelsOf(tf, fn as (...a: unknown[]) => unknown, call, leaves));
        ran++;
      } catch {
        // Only the kernels matter here; the graded run reports what this call does.
      }
    });
    for (const t of Object.values(leaves)) disposeTensor(tf, t);
    if (!goOn) break;
  }
  return ran;
}

/** One call as the graded run makes it — forward, or forward and backward in one traced pass — for the kernels it runs. */
function kernelsOf(tf: Tf, fn: (...a: unknown[]) => unknown, call: PlannedCall, leaves: Record<string, TF.Tensor>): void {
  if (!call.grad || call.grad.wrt.length === 0) {
    fn(...call.args.map((a) => materialize(a, leaves)));
    return;
  }
  const { of, wrt, cotangent } = call.grad;
  const cot = tf.tensor(cotangent.data.slice(), cotangent.shape, "float32");
  tf.grads((...xs: TF.Tensor[]) => objective(tf, fn(...tracedArgs(call, leaves, xs)), of, cot))(wrt.map((leaf) => leaves[leaf]));
}

/** The whole run: load the module, report its exports, execute every planned call. */
export async function executeRun(realm: LearnerRealm, req: RunRequest): Promise<void> {
  const { tf } = realm;
  const token = req.token;
  const used = prepareRealm(tf, req);
  let refusals = 0;
  // Posted at once, so an attempt counts even if the run later times out or crashes.
  const refuse = (what: string) => {
    if (refusals++ < MAX_REFUSALS) realm.post({ type: "refused", token, what: String(what).slice(0, 300) });
  };
  const exports = load(realm, req, refuse);
  if (!exports) return;
  const kinds: Record<string, string> = {};
  for (const name of req.exportNames) kinds[name] = typeof exports[name];
  realm.post({ type: "ready", token, backend: tf.getBackend(), exports: kinds });
  // Chained calls (a KV cache fed back) take leaves from an earlier call's read-back result.
  const kept = referencedCalls(req.calls);
  const results = new Map<string, WireValue>();
  for (const planned of req.calls) {
    const fn = exports[planned.fn];
    const call = resolveChainedLeaves(planned, results);
    let outcome: CallOutcome;
    if (typeof call === "string") {
      outcome = {
        ok: false,
        error: { name: "ChainError", message: call },
        hygiene: { forbiddenUsed: [], leaked: 0, disposedInputs: [], changedInputs: [], ms: 0 },
      };
    } else if (typeof fn !== "function") {
      outcome = {
        ok: false,
        error: { name: "MissingExport", message: `the file does not export a function named ${call.fn}` },
        hygiene: { forbiddenUsed: [], leaked: 0, disposedInputs: [], changedInputs: [], ms: 0 },
      };
    } else {
      outcome = await runCall(realm, fn as (...a: unknown[]) => unknown, call, used, req.filename);
    }
    if (outcome.ok && kept.has(planned.id)) results.set(planned.id, outcome.value);
    realm.post({ type: "call", token, id: planned.id, outcome });
  }
  realm.post({ type: "done", token });
}
