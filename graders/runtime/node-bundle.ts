/**
 * The child process runs under Node's permission model, which forbids spawning esbuild,
 * so it cannot run TypeScript through tsx. We bundle its entry once into plain ESM and
 * rebuild only when a source file is newer than the bundle. esbuild itself is imported only
 * then: loading its API costs more than a fresh bundle check, at every start of the CLI.
 *
 * TensorFlow.js is bundled in, as the lite set the browser's grading worker uses (core ops,
 * their gradients, chained methods, the cpu and wasm backends — no layers, converter or data
 * API): loading the whole `@tensorflow/tfjs` package took ~0.4 s of every child's start, the
 * bundle loads in ~0.1 s, and a submission sees the same `tf` in Node as in the browser.
 */
import { mkdirSync, readdirSync, renameSync, statSync } from "node:fs";
import { join } from "node:path";
import { CACHE_DIR, COURSE_ROOT } from "../paths.js";
import { tfjsLitePlugin } from "./tfjs-lite-plugin.js";

/** The part of tfjs the contract uses; the browser worker's bundle resolves `@tensorflow/tfjs` to it too. */
const LITE_MODULE = "src/exercises/tfjs-lite.ts";

export const BUNDLE_DIR = join(CACHE_DIR, "grader");
const CHILD_BUNDLE = join(BUNDLE_DIR, "node-child.mjs");

function newestSource(): number {
  let newest = 0;
  for (const dir of ["graders/runtime", "graders/engine"]) {
    for (const f of readdirSync(join(COURSE_ROOT, dir), { recursive: true, encoding: "utf8" })) {
      if (f.endsWith(".ts")) newest = Math.max(newest, statSync(join(COURSE_ROOT, dir, f)).mtimeMs);
    }
  }
  return Math.max(newest, statSync(join(COURSE_ROOT, LITE_MODULE)).mtimeMs);
}

/** Where the wasm backend's binaries are read from (the child is told; its bundle lives elsewhere). */
export const WASM_DIR = join(COURSE_ROOT, "node_modules/@tensorflow/tfjs-backend-wasm/dist/");

const CJS_SHIMS = [
  'import { createRequire as __createRequire } from "node:module";',
  'import { fileURLToPath as __fileURLToPath } from "node:url";',
  'import { dirname as __pathDirname } from "node:path";',
  "const require = __createRequire(import.meta.url);",
  "const __filename = __fileURLToPath(import.meta.url);",
  "const __dirname = __pathDirname(__filename);",
].join("\n");

let pending: Promise<string> | null = null;

export function ensureChildBundle(): Promise<string> {
  pending ??= (async () => {
    let built = 0;
    try {
      built = statSync(CHILD_BUNDLE).mtimeMs;
    } catch {
      /* not built yet */
    }
    if (built >= newestSource()) return CHILD_BUNDLE;
    mkdirSync(BUNDLE_DIR, { recursive: true });
    // Write beside, then rename: parallel test workers may build at the same moment.
    const tmp = `${CHILD_BUNDLE}.${process.pid}.${Date.now()}.tmp.mjs`;
    const { build } = await import("esbuild");
    await build({
      entryPoints: [join(COURSE_ROOT, "graders/runtime/node-child.ts")],
      outfile: tmp,
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      // The ES module builds: one copy of tfjs-core, shared by the backends and the gradients.
      mainFields: ["module", "main"],
      plugins: [tfjsLitePlugin(join(COURSE_ROOT, LITE_MODULE))],
      // The wasm backend's Emscripten loader is CommonJS-minded (require("fs"), __dirname).
      banner: { js: CJS_SHIMS },
      logLevel: "error",
    });
    renameSync(tmp, CHILD_BUNDLE);
    return CHILD_BUNDLE;
  })();
  return pending;
}
