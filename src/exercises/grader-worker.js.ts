// Framework data loader: bundles the grading worker (tfjs + WebGPU backend + the engine's
// learner-side runner) into one ES module, self-hosted with the site — no CDN.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const entry = fileURLToPath(new URL("../../graders/runtime/browser-worker.ts", import.meta.url));
const result = await build({
  entryPoints: [entry],
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  minify: true,
  write: false,
  legalComments: "none",
  logLevel: "error",
  define: { "process.env.NODE_ENV": '"production"' },
});
process.stdout.write(result.outputFiles[0].text);
