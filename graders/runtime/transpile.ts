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

/** A `namespace` (or `module`) block opening, not `declare`d: its values would need code sucrase does not emit. */
const NAMESPACE_OPEN = /^([ \t]*)(?:export[ \t]+)?(?:namespace|module)[ \t]+[A-Za-z_$][\w$.]*[ \t]*\{/gm;
const RUNTIME_DECLARATION = /\b(?:const|let|var|function|class|enum)\b/;

/**
 * Sucrase erases every namespace, values included, so `Util.f()` would fail later with a
 * ReferenceError that points nowhere useful. A namespace holding only types is erased
 * correctly; one holding values is refused here, at load, with the line and the fix.
 */
function runtimeNamespace(source: string): { line: number; column: number } | null {
  for (const m of source.matchAll(NAMESPACE_OPEN)) {
    let depth = 0;
    let end = m.index + m[0].length - 1;
    for (; end < source.length; end++) {
      if (source[end] === "{") depth++;
      else if (source[end] === "}" && --depth === 0) break;
    }
    if (RUNTIME_DECLARATION.test(source.slice(m.index + m[0].length, end))) {
      return { line: source.slice(0, m.index).split("\n").length, column: m[1].length + 1 };
    }
  }
  return null;
}

/**
 * The last few results, by file name and source: a warm child grades the same file again for
 * the wasm cross-check, and a worker re-runs an unchanged draft. A realm serves one learner.
 */
const recent = new Map<string, TranspileResult>();
const RECENT_MAX = 16;

export function transpile(source: string, filename: string): TranspileResult {
  const key = `${filename}\0${source}`;
  const hit = recent.get(key);
  if (hit) return hit;
  const result = transpileNow(source, filename);
  if (recent.size >= RECENT_MAX) recent.delete(recent.keys().next().value!);
  recent.set(key, result);
  return result;
}

function transpileNow(source: string, filename: string): TranspileResult {
  const ns = runtimeNamespace(source);
  if (ns) {
    return {
      ok: false,
      ...ns,
      message:
        "a namespace that holds values is not supported by the grader (it would be dropped): use module-level functions and constants, or a plain object, instead",
    };
  }
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
