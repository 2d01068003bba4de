// Before every build: forget Framework's cached output of the loaders that bundle TypeScript
// sources (src/**/*.js.ts — the grading worker, the lab's worker). Framework reuses a
// loader's cached output until the loader file itself changes, so an edit to what it bundles
// (graders/runtime/browser-worker.ts, src/components/lab/worker.ts…) would otherwise ship the
// previous worker. Re-bundling costs a few seconds per worker.
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const src = fileURLToPath(new URL("../src", import.meta.url));
const cache = join(src, ".observablehq", "cache");
for (const f of readdirSync(src, { recursive: true, encoding: "utf8" })) {
  if (!f.endsWith(".js.ts") || f.startsWith(".observablehq")) continue;
  rmSync(join(cache, f.slice(0, -".ts".length)), { force: true });
}
