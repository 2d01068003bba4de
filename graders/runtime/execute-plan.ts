/**
 * Runs inside the learner's realm (a Node child process or a Web Worker): loads the
 * submission, calls its exports on the planned inputs, takes gradients with tf.grads, and
 * posts back raw numbers. It judges nothing — comparisons happen in the grader's realm,
 * where the submission cannot reach them.
 */
import type * as TF from "@tensorflow/tfjs";
import { transpile } from "./transpile.js";
import type { CallOutcome, ErrInfo, ForbiddenWire, PlannedCall, RunRequest, WireArg, WireTensorOut, WireValue } from "../engine/protocol.js";

type Tf = typeof TF;
type Outgoing = Record<string, unknown> & { type: string };

export interface LearnerRealm {
  tf: Tf;
  post(message: Outgoing): void;
  /** Evaluate a CommonJS-style module body; platform-specific so stack lines map to the file. */
  evaluate(code: string, filename: string, require: (specifier: string) => unknown): Record<string, unknown>;
  /** Lines the platform's wrapper adds before the learner's first line. */
  lineOffset: number;
  now(): number;
}

/** Readbacks larger than this are refused: a hostile submission must not flood the grader. */
const MAX_READBACK = 1 << 22;
const ALLOWED_IMPORTS = new Set(["@tensorflow/tfjs", "@tensorflow/tfjs-core"]);

export function errInfo(e: unknown, filename: string, lineOffset = 0): ErrInfo {
  const err = e instanceof Error ? e : null;
  const name = err ? err.name : typeof e;
  let message: string;
  try {
    message = err ? String(err.message) : String(e);
  } catch {
    message = "(an unprintable value was thrown)";
  }
  const info: ErrInfo = { name: String(name).slice(0, 100), message: message.slice(0, 2000) };
  const stack = err && typeof err.stack === "string" ? err.stack : "";
  const base = filename.split(/[\\/]/).pop() ?? filename;
  const re = new RegExp(`${escapeRe(base)}:(\\d+)(?::(\\d+))?`);
  const m = re.exec(stack);
  if (m) {
    info.line = Math.max(1, Number(m[1]) - lineOffset);
    if (m[2]) info.column = Number(m[2]);
  }
  // The first stack frame says who threw: the submission's own check, or a library it called.
  const firstFrame = stack.split("\n").find((l) => /^\s+at /.test(l) || /@/.test(l));
  if (firstFrame) info.origin = firstFrame.includes(base) ? "submission" : "library";
  return info;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The tf object the learner imports: the real module, with forbidden built-ins wrapped so
 * their use is recorded (and still computed, so the rest of the grade stays meaningful).
 */
/** Guards are installed once per realm (a browser worker serves many runs); each run sees its own `used` set. */
let activeUsed: Set<string> = new Set();
const guardedMethods = new Set<string>();
const guardedKernels = new Set<string>();

function guardedTf(tf: Tf, forbidden: ForbiddenWire[], used: Set<string>): Record<string, unknown> {
  activeUsed = used;
  const learnerTf: Record<string, unknown> = { ...tf, __esModule: true };
  for (const f of forbidden) {
    for (const fnName of f.functions) {
      const original: unknown = Reflect.get(tf, fnName);
      if (typeof original !== "function") continue;
      learnerTf[fnName] = (...args: unknown[]) => {
        activeUsed.add(f.name);
        return original(...args);
      };
    }
    const proto = tf.Tensor.prototype;
    for (const method of f.methods) {
      const original: unknown = Reflect.get(proto, method);
      if (typeof original !== "function" || guardedMethods.has(method)) continue;
      guardedMethods.add(method);
      Reflect.set(proto, method, function (this: unknown, ...args: unknown[]) {
        activeUsed.add(f.name);
        return original.apply(this, args);
      });
    }
    for (const kernelName of f.kernels) {
      const backend = tf.getBackend();
      const config = tf.getKernel(kernelName, backend);
      if (!config || guardedKernels.has(`${backend}/${kernelName}`)) continue;
      guardedKernels.add(`${backend}/${kernelName}`);
      tf.unregisterKernel(kernelName, backend);
      tf.registerKernel({
        ...config,
        kernelFunc: (args) => {
          activeUsed.add(f.name);
          return config.kernelFunc(args);
        },
      });
    }
  }
  return learnerTf;
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

async function readTensor(tf: Tf, t: TF.Tensor): Promise<WireValue> {
  if (t.isDisposed) return { t: "other", what: "a tensor that was already disposed" };
  if (t.size > MAX_READBACK) return { t: "other", what: `a tensor of ${t.size} elements (shape [${t.shape}]), too large to read back` };
  const data = await t.data();
  return { t: "tensor", tensor: { shape: [...t.shape], dtype: t.dtype, data: data.slice() } };
}

async function toWire(tf: Tf, value: unknown, depth = 0): Promise<WireValue> {
  if (value instanceof tf.Tensor) return readTensor(tf, value);
  if (depth === 0 && value && typeof value === "object" && !Array.isArray(value) && !isThenable(value)) {
    const entries: Record<string, WireValue> = {};
    for (const [k, v] of Object.entries(value).slice(0, 16)) entries[k] = await toWire(tf, v, depth + 1);
    return { t: "object", entries };
  }
  return { t: "other", what: describe(value) };
}

function tensorsIn(tf: Tf, value: unknown): TF.Tensor[] {
  if (value instanceof tf.Tensor) return [value];
  if (value && typeof value === "object" && !Array.isArray(value)) {
    return Object.values(value).filter((v): v is TF.Tensor => v instanceof tf.Tensor);
  }
  return [];
}

function select(tf: Tf, result: unknown, of: string | null): TF.Tensor {
  const picked = of === null ? result : typeof result === "object" && result !== null ? Reflect.get(result, of) : undefined;
  if (!(picked instanceof tf.Tensor)) {
    throw new Error(of === null ? `the function returned ${describe(result)}` : `the result has no tensor field "${of}"`);
  }
  return picked;
}

function makeLeaves(tf: Tf, call: PlannedCall): Record<string, TF.Tensor> {
  const leaves: Record<string, TF.Tensor> = {};
  for (const [name, t] of Object.entries(call.leaves)) leaves[name] = tf.tensor(t.data, t.shape, t.dtype ?? "float32");
  return leaves;
}

async function runCall(realm: LearnerRealm, fn: (...a: unknown[]) => unknown, call: PlannedCall, used: Set<string>, filename: string): Promise<CallOutcome> {
  const { tf } = realm;
  used.clear();
  const before = tf.memory().numTensors;
  const leaves = makeLeaves(tf, call);
  const args = call.args.map((a) => materialize(a, leaves));
  const t0 = realm.now();
  let result: unknown;
  let error: ErrInfo | undefined;
  try {
    result = fn(...args);
  } catch (e) {
    error = errInfo(e, filename, realm.lineOffset);
  }
  const ms = realm.now() - t0;
  let value: WireValue | undefined;
  if (!error) {
    try {
      value = await toWire(tf, result);
    } catch (e) {
      error = errInfo(e, filename, realm.lineOffset);
    }
  }
  // Hygiene: inputs the learner disposed or changed in place (a mutated backing store).
  const disposedInputs: string[] = [];
  const changedInputs: string[] = [];
  for (const [name, t] of Object.entries(leaves)) {
    if (t.isDisposed) {
      disposedInputs.push(name);
      continue;
    }
    const now = await t.data();
    const was = call.leaves[name].data;
    if (now.length !== was.length || now.some((v, i) => !Object.is(v, was[i]))) changedInputs.push(name);
  }
  for (const t of tensorsIn(tf, result)) if (!t.isDisposed && !Object.values(leaves).includes(t)) t.dispose();
  for (const t of Object.values(leaves)) if (!t.isDisposed) t.dispose();
  const leaked = Math.max(0, tf.memory().numTensors - before);
  const forbiddenUsed = [...used];

  let grads: Record<string, WireTensorOut> | undefined;
  let gradError: ErrInfo | undefined;
  if (!error && call.grad && call.grad.wrt.length > 0) {
    const { of, wrt, cotangent } = call.grad;
    const gradLeaves = makeLeaves(tf, call);
    const cot = tf.tensor(cotangent.data, cotangent.shape, "float32");
    try {
      const f = tf.grads((...xs: TF.Tensor[]) => {
        const current = { ...gradLeaves };
        wrt.forEach((leaf, i) => (current[leaf] = xs[i]));
        const y = select(tf, fn(...call.args.map((a) => materialize(a, current))), of);
        if (y.shape.length !== cot.shape.length || y.shape.some((d, i) => d !== cot.shape[i])) {
          throw new Error(`cannot take the gradient: the ${of ?? "result"} has shape [${y.shape}], expected [${cot.shape}]`);
        }
        return tf.sum(tf.mul(y, cot)) as TF.Scalar;
      });
      const gs = f(wrt.map((leaf) => gradLeaves[leaf]));
      grads = {};
      for (let i = 0; i < wrt.length; i++) {
        const wire = await readTensor(tf, gs[i]);
        if (wire.t === "tensor") grads[wrt[i]] = wire.tensor;
        gs[i].dispose();
      }
    } catch (e) {
      gradError = errInfo(e, filename, realm.lineOffset);
    }
    cot.dispose();
    for (const t of Object.values(gradLeaves)) if (!t.isDisposed) t.dispose();
  }
  const hygiene = { forbiddenUsed, leaked, disposedInputs, changedInputs, ms };
  if (error) return { ok: false, error, hygiene };
  return { ok: true, value: value!, grads, gradError, hygiene };
}

/** The whole run: load the module, report its exports, execute every planned call. */
export async function executeRun(realm: LearnerRealm, req: RunRequest): Promise<void> {
  const { tf } = realm;
  const token = req.token;
  const used = new Set<string>();
  const learnerTf = guardedTf(tf, req.forbidden, used);
  const require = (specifier: string): unknown => {
    if (ALLOWED_IMPORTS.has(specifier)) return learnerTf;
    const err = new Error(`import of "${specifier}" is not allowed: an exercise file may import only @tensorflow/tfjs`);
    err.name = "NotAllowedError";
    throw err;
  };
  const compiled = transpile(req.source, req.filename);
  if (!compiled.ok) {
    const where = `${req.filename}${compiled.line ? `:${compiled.line}${compiled.column ? `:${compiled.column}` : ""}` : ""}`;
    realm.post({ type: "fatal", token, stage: "load", error: { name: "SyntaxError", message: `${compiled.message} at ${where}` } });
    return;
  }
  let exports: Record<string, unknown>;
  try {
    exports = realm.evaluate(compiled.code, req.filename, require);
  } catch (e) {
    realm.post({ type: "fatal", token, stage: "load", error: errInfo(e, req.filename, realm.lineOffset) });
    return;
  }
  const kinds: Record<string, string> = {};
  for (const name of req.exportNames) kinds[name] = typeof exports[name];
  realm.post({ type: "ready", token, backend: tf.getBackend(), exports: kinds });
  for (const call of req.calls) {
    const fn = exports[call.fn];
    let outcome: CallOutcome;
    if (typeof fn !== "function") {
      outcome = {
        ok: false,
        error: { name: "MissingExport", message: `the file does not export a function named ${call.fn}` },
        hygiene: { forbiddenUsed: [], leaked: 0, disposedInputs: [], changedInputs: [], ms: 0 },
      };
    } else {
      outcome = await runCall(realm, fn as (...a: unknown[]) => unknown, call, used, req.filename);
    }
    realm.post({ type: "call", token, id: call.id, outcome });
  }
  realm.post({ type: "done", token });
}
