/**
 * A learner's saved draft, loaded in the lab's worker the way the grading worker loads it:
 * TypeScript stripped by sucrase, evaluated as a CommonJS body whose only import is tfjs.
 * Runs in the worker only — never on the page's thread.
 */
import type * as TF from "@tensorflow/tfjs";
import { transpile } from "../../_graders/runtime/transpile.js";

export type LoadResult = { ok: true; fn: (...args: unknown[]) => unknown } | { ok: false; message: string };

export function loadExport(tf: typeof TF, source: string, filename: string, name: string): LoadResult {
  const compiled = transpile(source, filename);
  if (!compiled.ok) return { ok: false, message: `${filename}${compiled.line ? `:${compiled.line}` : ""}: ${compiled.message}` };
  const require = (specifier: string): unknown => {
    if (specifier === "@tensorflow/tfjs" || specifier === "@tensorflow/tfjs-core") return tf;
    throw new Error(`import of "${specifier}" is not allowed: an exercise file may import only @tensorflow/tfjs`);
  };
  try {
    const module = { exports: {} as Record<string, unknown> };
    new Function("exports", "require", "module", `${compiled.code}\n//# sourceURL=${filename}`)(module.exports, require, module);
    const fn = module.exports[name];
    if (typeof fn !== "function") return { ok: false, message: `${filename} does not export a function named ${name}` };
    return { ok: true, fn: fn as (...args: unknown[]) => unknown };
  } catch (e) {
    return { ok: false, message: `${filename} could not be loaded: ${e instanceof Error ? e.message : String(e)}` };
  }
}
