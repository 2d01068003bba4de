// Framework data loader: bundles the performance lab's worker (tfjs + WebGPU backend + the
// lab's measurements) into one ES module, self-hosted with the site — no CDN. The lab page
// starts it only when the learner starts a measurement, so the page itself loads no tfjs.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const entry = fileURLToPath(new URL("./components/lab/worker.ts", import.meta.url));
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
