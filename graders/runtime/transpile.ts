/**
 * Learner TypeScript → a CommonJS-style body the realm evaluates with its own `require`.
 * Sucrase, not tsc or esbuild: it is pure JS (runs in a browser worker with no wasm), about
 * 20× faster than tsc's transpileModule on a file this size, and — what matters most for
 * error messages — it preserves line numbers, so a runtime stack line is the learner's line.
 * It does not type-check; the grader judges behaviour, not types.
 */
import { transform } from "sucrase";

/** Sucrase's syntax errors carry the position as `loc` (the realm bundles no zod, so checked by hand). */
function locOf(e: unknown): { line: number; column: number } | undefined {
  if (typeof e !== "object" || e === null || !("loc" in e)) return undefined;
  const loc = e.loc;
  if (typeof loc !== "object" || loc === null || !("line" in loc) || !("column" in loc)) return undefined;
  return typeof loc.line === "number" && typeof loc.column === "number" ? { line: loc.line, column: loc.column } : undefined;
}

export type TranspileResult = { ok: true; code: string } | { ok: false; line?: number; column?: number; message: string };

export function transpile(source: string, filename: string): TranspileResult {
  try {
    const { code } = transform(source, { transforms: ["typescript", "imports"], filePath: filename, production: true });
    return { ok: true, code };
  } catch (e) {
    const loc = locOf(e);
    const message = String(e instanceof Error ? e.message : e)
      .replace(/^Error transforming [^:]*: /, "")
      .replace(/\s*\(\d+:\d+\)$/, "");
    return { ok: false, line: loc?.line, column: loc ? loc.column + 1 : undefined, message };
  }
}
