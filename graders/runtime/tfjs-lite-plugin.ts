/**
 * The esbuild plugin both grading realms are bundled with (the browser worker by its data
 * loader, the Node child by node-bundle.ts): `@tensorflow/tfjs` resolves to the lite module,
 * the part of tfjs the contract uses, so a submission sees the same `tf` in both.
 */
import type { Plugin } from "esbuild";

export function tfjsLitePlugin(liteModule: string): Plugin {
  return {
    name: "tfjs-lite",
    setup(b) {
      b.onResolve({ filter: /^@tensorflow\/tfjs$/ }, () => ({ path: liteModule }));
    },
  };
}
