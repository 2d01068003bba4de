/**
 * The tf object a submission imports: a frozen copy of the module's exports in which the
 * forbidden built-ins are wrapped (their use is recorded, and still computed so the rest of
 * the grade stays meaningful) and the engine-level APIs are refused. Those APIs — the
 * engine, the backend object, the kernel and gradient registries, the environment — would
 * let a submission swap a guarded kernel for the unguarded original, flip the environment
 * the harness reads back through, or reach the host's global object (`tf.env().global`),
 * and from there `process` and the grading channel. No exercise needs them.
 *
 * The guards on Tensor methods and on kernels live in the realm, not in the facade, so
 * they also catch higher-level routes (`tf.layers`, chained ops) that reach the same kernel.
 * They read the per-run forbidden table through one mutable slot the submission cannot
 * reach; Set/Map prototypes are frozen by the realm (lockdown), and this module also calls
 * the methods it captured at load rather than whatever the prototypes hold later.
 */
import type * as TF from "@tensorflow/tfjs";
import type { ForbiddenWire } from "../engine/protocol.js";

type Tf = typeof TF;

/** Engine-level exports a submission may not touch; calling one is a "not allowed" attempt. */
export const REFUSED_TF_APIS = [
  "engine",
  "backend",
  "env",
  "ENV",
  "setBackend",
  "removeBackend",
  "registerBackend",
  "findBackend",
  "findBackendFactory",
  "registerKernel",
  "unregisterKernel",
  "getKernel",
  "getKernelsForBackend",
  "copyRegisteredKernels",
  "registerGradient",
  "unregisterGradient",
  "getGradient",
  "setPlatform",
  "enableDebugMode",
  "enableProdMode",
  "webgl",
  "webgpu",
] as const;

const setAdd = Set.prototype.add;
const setClear = Set.prototype.clear;
const apply = Reflect.apply;
const freeze = Object.freeze;

/** Which forbidden name each guarded method/function/kernel counts as, for the current run. */
interface GuardTable {
  used: Set<string>;
  functions: Map<string, string>;
  methods: Map<string, string>;
  kernels: Map<string, string>;
}

const mapGet = Map.prototype.get;
const mapSet = Map.prototype.set;
const table: GuardTable = { used: new Set(), functions: new Map(), methods: new Map(), kernels: new Map() };

function record(map: Map<string, string>, key: string): void {
  const name = apply(mapGet, map, [key]) as string | undefined;
  if (name !== undefined) apply(setAdd, table.used, [name]);
}

const installedMethods = new Set<string>();
const installedKernels = new Set<string>();

/**
 * Wrap every Tensor method and each forbidden kernel once per realm. Method wrappers are
 * installed for every method (not only this run's), so the prototype can be frozen after
 * the first run and later runs with another forbidden table still count.
 */
export function installGuards(tf: Tf, forbidden: ForbiddenWire[]): void {
  const proto = tf.Tensor.prototype as unknown as Record<string, unknown>;
  if (installedMethods.size === 0) {
    for (const method of Object.getOwnPropertyNames(proto)) {
      const desc = Object.getOwnPropertyDescriptor(proto, method);
      if (!desc || typeof desc.value !== "function" || method === "constructor") continue;
      const original = desc.value as (...a: unknown[]) => unknown;
      apply(setAdd, installedMethods, [method]);
      Object.defineProperty(proto, method, {
        ...desc,
        value: function guarded(this: unknown, ...args: unknown[]) {
          record(table.methods, method);
          return apply(original, this, args);
        },
      });
    }
  }
  // Frozen after the wrappers go in: a submission patching Tensor.prototype.data would
  // otherwise change how the harness reads every result back.
  for (const frozen of [proto, tf.Tensor, tf.Variable.prototype, tf.Variable]) freeze(frozen);
  const backend = tf.getBackend();
  for (const f of forbidden) {
    for (const kernelName of f.kernels) {
      const key = `${backend}/${kernelName}`;
      const config = tf.getKernel(kernelName, backend);
      if (!config || installedKernels.has(key)) continue;
      apply(setAdd, installedKernels, [key]);
      tf.unregisterKernel(kernelName, backend);
      const kernelFunc = config.kernelFunc;
      tf.registerKernel({
        ...config,
        kernelFunc: (args) => {
          record(table.kernels, kernelName);
          return kernelFunc(args);
        },
      });
    }
  }
}

/** Point the guards at this run's forbidden table and `used` set. */
export function armGuards(forbidden: ForbiddenWire[], used: Set<string>): void {
  table.used = used;
  table.functions = new Map();
  table.methods = new Map();
  table.kernels = new Map();
  for (const f of forbidden) {
    for (const fn of f.functions) apply(mapSet, table.functions, [fn, f.name]);
    for (const m of f.methods) apply(mapSet, table.methods, [m, f.name]);
    for (const k of f.kernels) apply(mapSet, table.kernels, [k, f.name]);
  }
}

export function clearUsed(used: Set<string>): void {
  apply(setClear, used, []);
}

/** A refused call: recorded as an attempt, then thrown as NotAllowedError. */
export function notAllowed(what: string, refuse: (what: string) => void): never {
  refuse(what);
  const err = new Error(`${what} is not allowed while grading`);
  err.name = "NotAllowedError";
  throw err;
}

/** The frozen module object the submission's `import * as tf` receives. */
export function learnerTf(tf: Tf, forbidden: ForbiddenWire[], refuse: (what: string) => void): Record<string, unknown> {
  const out: Record<string, unknown> = { __esModule: true };
  for (const key of Object.keys(tf)) out[key] = Reflect.get(tf, key);
  for (const f of forbidden) {
    for (const fnName of f.functions) {
      const original: unknown = Reflect.get(tf, fnName);
      if (typeof original !== "function") continue;
      out[fnName] = (...args: unknown[]) => {
        record(table.functions, fnName);
        return apply(original as (...a: unknown[]) => unknown, undefined, args);
      };
    }
  }
  for (const name of REFUSED_TF_APIS) {
    if (!(name in out)) continue;
    // A getter, so that merely reaching for it counts (tf.ENV and tf.webgl are not functions).
    Object.defineProperty(out, name, { get: () => notAllowed(`tf.${name}`, refuse), enumerable: false, configurable: false });
  }
  out.default = out;
  return freeze(out);
}
