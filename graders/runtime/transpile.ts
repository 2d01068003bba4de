/**
 * Learner TypeScript → a CommonJS-style body the realm evaluates with its own `require`.
 * Sucrase, not tsc or esbuild: it is pure JS (runs in a browser worker with no wasm), about
 * 20× faster than tsc's transpileModule on a file this size, and — what matters most for
 * error messages — it preserves line numbers, so a runtime stack line is the learner's line.
 * It does not type-check; the grader judges behaviour, not types.
 */
import { transform } from "sucrase";

export type TranspileResult = { ok: true; code: string } | { ok: false; line?: number; column?: number; message: string };

export function transpile(source: string, filename: string): TranspileResult {
  try {
    const { code } = transform(source, { transforms: ["typescript", "imports"], filePath: filename, production: true });
    return { ok: true, code };
  } catch (e) {
    const err = e as Error & { loc?: { line: number; column: number } };
    const message = String(err.message ?? e)
      .replace(/^Error transforming [^:]*: /, "")
      .replace(/\s*\(\d+:\d+\)$/, "");
    return { ok: false, line: err.loc?.line, column: err.loc ? err.loc.column + 1 : undefined, message };
  }
}
