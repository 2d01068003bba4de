// `npm run grade` starts here, in plain Node: no TypeScript transform at every start (tsx
// costs ~0.4 s of a 2-core machine before the grader's first line runs). The CLI
// (graders/cli/grade.ts and what it imports from graders/ and classroom/) and every
// exercise's grader (graders/<id>/grader.ts, loaded by id at run time) are bundled once into
// .cache/cli/, sharing one copy of the engine, and rebuilt only when a source is newer than
// the bundle — the same staleness rule as the child's bundle (graders/runtime/node-bundle.ts).
// Packages stay external and resolve to the course's node_modules.
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const OUT = join(ROOT, ".cache", "cli");
const ENTRY = join(OUT, "cli", "grade.mjs");
const SOURCES = ["graders", "classroom"];

function newestSource() {
  let newest = 0;
  for (const dir of SOURCES) {
    for (const f of readdirSync(join(ROOT, dir), { recursive: true, encoding: "utf8" })) {
      if (/\.(ts|json)$/.test(f) && !f.endsWith(".test.ts")) newest = Math.max(newest, statSync(join(ROOT, dir, f)).mtimeMs);
    }
  }
  return newest;
}

function builtAt() {
  try {
    return statSync(ENTRY).mtimeMs;
  } catch {
    return 0;
  }
}

async function rebuild() {
  const { build } = await import("esbuild");
  const ids = Object.keys(JSON.parse(readFileSync(join(ROOT, "graders/registry.json"), "utf8")));
  const graders = ids.map((id) => join(ROOT, "graders", id, "grader.ts")).filter((f) => existsSync(f));
  // Built into a folder of its own, then swapped in: two shells may start `npm run grade` at once.
  const tmp = `${OUT}.${process.pid}.${Date.now()}.tmp`;
  await build({
    entryPoints: [join(ROOT, "graders/cli/grade.ts"), ...graders],
    outdir: tmp,
    outbase: join(ROOT, "graders"),
    outExtension: { ".js": ".mjs" },
    bundle: true,
    splitting: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    define: {
      // graders/paths.ts finds the course from its own URL; in the bundle it must still be its own.
      "import.meta.url": JSON.stringify(pathToFileURL(join(ROOT, "graders/paths.ts")).href),
      __PREBUILT_GRADERS_URL__: JSON.stringify(`${pathToFileURL(OUT).href}/`),
    },
    logLevel: "error",
  });
  const old = `${OUT}.${process.pid}.${Date.now()}.old`;
  if (existsSync(OUT)) renameSync(OUT, old);
  renameSync(tmp, OUT);
  rmSync(old, { recursive: true, force: true });
}

if (builtAt() < newestSource()) await rebuild();
await import(pathToFileURL(ENTRY).href);
