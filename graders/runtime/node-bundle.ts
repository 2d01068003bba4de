/**
 * The child process runs under Node's permission model, which forbids spawning esbuild,
 * so it cannot run TypeScript through tsx. We bundle its entry once into plain ESM
 * (tfjs stays external and resolves to the course's node_modules) and rebuild only when a
 * source file is newer than the bundle. esbuild itself is imported only then: loading its API
 * costs more than a fresh bundle check, at every start of the CLI.
 */
import { mkdirSync, readdirSync, renameSync, statSync } from "node:fs";
import { join } from "node:path";
import { CACHE_DIR, COURSE_ROOT } from "../paths.js";

export const BUNDLE_DIR = join(CACHE_DIR, "grader");
const CHILD_BUNDLE = join(BUNDLE_DIR, "node-child.mjs");

function newestSource(): number {
  let newest = 0;
  for (const dir of ["graders/runtime", "graders/engine"]) {
    for (const f of readdirSync(join(COURSE_ROOT, dir), { recursive: true, encoding: "utf8" })) {
      if (f.endsWith(".ts")) newest = Math.max(newest, statSync(join(COURSE_ROOT, dir, f)).mtimeMs);
    }
  }
  return newest;
}

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
      external: ["@tensorflow/*"],
      logLevel: "error",
    });
    renameSync(tmp, CHILD_BUNDLE);
    return CHILD_BUNDLE;
  })();
  return pending;
}
