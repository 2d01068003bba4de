/**
 * Where a submission's code runs inside the Node child: a fresh V8 context (its own global
 * object and intrinsics, no code generation from strings or bytes) whose global holds
 * `console` and nothing of the host — no `process`, `Buffer`, `require` or network. Names a
 * submission might reach for on its global are traps: touching one records a "not allowed"
 * attempt (which fails the grade even when the code catches the refusal) and throws.
 *
 * The host realm is locked down before this runs (see node-child.ts), so the tf objects a
 * submission does receive lead only to frozen intrinsics.
 */
import * as vm from "node:vm";
import { formatWithOptions } from "node:util";
import { TRAPPED_GLOBALS } from "./learner-globals.js";
import { notAllowed } from "./learner-tf.js";

type Refuse = (what: string) => void;

function makeConsole(write: (text: string) => void): Record<string, unknown> {
  const print = (...args: unknown[]) => {
    let text: string;
    try {
      text = formatWithOptions({ depth: 2, colors: false }, ...args);
    } catch {
      text = "(an unprintable value)";
    }
    write(`${text}\n`);
  };
  return Object.freeze({ log: print, info: print, warn: print, error: print, debug: print, trace: print, dir: print, table: print });
}

export interface NodeContextOptions {
  write: (text: string) => void;
  refuse: Refuse;
}

/** A context for one run, with the traps and console installed. */
export function createLearnerContext(opts: NodeContextOptions): vm.Context {
  const sandbox: Record<string, unknown> = Object.create(null);
  sandbox.console = makeConsole(opts.write);
  for (const name of TRAPPED_GLOBALS) {
    Object.defineProperty(sandbox, name, { get: () => notAllowed(name, opts.refuse), enumerable: false, configurable: false });
  }
  return vm.createContext(sandbox, { name: "submission", codeGeneration: { strings: false, wasm: false } });
}

/**
 * Evaluate a CommonJS-style body in the context. The wrapper adds no line, so a stack
 * line is the learner's line. `import()` left in the code (a transform that keeps it) is
 * refused through the same trap as `require`.
 */
export function evaluateInContext(
  context: vm.Context,
  code: string,
  filename: string,
  require: (specifier: string) => unknown,
  refuse: Refuse,
): Record<string, unknown> {
  const wrapped = `(function (require, module) {const exports = module.exports;${code}\n})`;
  const script = new vm.Script(wrapped, {
    filename,
    importModuleDynamically: (() => notAllowed("dynamic import()", refuse)) as unknown as vm.ScriptOptions["importModuleDynamically"],
  });
  const fn = script.runInContext(context) as (r: unknown, m: unknown) => void;
  const module = vm.runInContext("({ exports: {} })", context) as { exports: Record<string, unknown> };
  fn(require, module);
  return module.exports;
}
