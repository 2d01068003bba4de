// Framework data loader: bundles the grading worker (tfjs core + the cpu and WebGPU backends
// + the engine's learner-side runner) into one ES module, self-hosted with the site — no CDN.
// `@tensorflow/tfjs` resolves to ./tfjs-lite.ts, the part of tfjs the contract uses.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import { tfjsLitePlugin } from "../../graders/runtime/tfjs-lite-plugin.js";

const entry = fileURLToPath(new URL("../../graders/runtime/browser-worker.ts", import.meta.url));
const lite = fileURLToPath(new URL("./tfjs-lite.ts", import.meta.url));
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
  plugins: [tfjsLitePlugin(lite)],
  define: { "process.env.NODE_ENV": '"production"' },
});
process.stdout.write(result.outputFiles[0].text);
