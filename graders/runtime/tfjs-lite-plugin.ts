/**
 * The esbuild plugin both grading realms are bundled with (the browser worker by its data
 * loader, the Node child by node-bundle.ts): `@tensorflow/tfjs` resolves to the lite module,
 * the part of tfjs the contract uses, so a submission sees the same `tf` in both.
 *
 * It also swaps three of tfjs-backend-cpu's index helpers for the allocation-free versions in
 * fast-cpu-kernels.ts (same results bit for bit; a third of a Node grading's time went there).
 */
import { join } from "node:path";
import type { Plugin } from "esbuild";
import { COURSE_ROOT } from "../paths.js";

const FAST_KERNELS = join(COURSE_ROOT, "graders/runtime/fast-cpu-kernels.ts");

/** The stock module each replacement stands in for, by the file tfjs-backend-cpu keeps it in. */
const REPLACED: Record<string, string> = {
  "utils/binary_impl.js": "createSimpleBinaryKernelImpl",
  "kernels/Transpose_impl.js": "transposeImpl",
  "kernels/Tile_impl.js": "tileImpl",
};

export function tfjsLitePlugin(liteModule: string): Plugin {
  return {
    name: "tfjs-lite",
    setup(b) {
      b.onResolve({ filter: /^@tensorflow\/tfjs$/ }, () => ({ path: liteModule }));
      // Every file of the cpu backend passes here; those not in REPLACED load as they are.
      b.onLoad({ filter: /tfjs-backend-cpu[\\/]dist[\\/].*\.js$/ }, (args) => {
        const file = Object.keys(REPLACED).find((f) => args.path.replace(/\\/g, "/").endsWith(`/dist/${f}`));
        if (!file) return undefined;
        return { contents: `export { ${REPLACED[file]} } from ${JSON.stringify(FAST_KERNELS)};`, loader: "js" };
      });
    },
  };
}
