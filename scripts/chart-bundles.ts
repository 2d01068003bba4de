/**
 * Run before every site build (`npm run build`, `npm run dev`): bundles the parts of Plot and
 * Inputs that the components use into src/components/vendor/{plot,inputs}.js, which the
 * visuals import instead of the packages.
 *
 * Why: Framework serves an npm package whole, and Plot imports the `d3` umbrella package, so
 * a topic page with one line chart loaded all thirty d3 modules (d3-geo, d3-force, d3-zoom…):
 * 180 KiB gzipped of a 150 KiB budget. esbuild keeps only what the used marks reach.
 *
 * What is used is read from the components themselves (every `Plot.x` and `Inputs.x` that
 * names a value the package exports), so a new mark needs no list to be kept up to date —
 * only a restart of `npm run dev`. The .d.ts beside each bundle gives the package's types.
 */
import * as Inputs from "@observablehq/inputs";
import * as Plot from "@observablehq/plot";
import { build } from "esbuild";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const components = join(root, "src/components");
const vendor = join(components, "vendor");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return path === vendor ? [] : sources(path);
    return /\.[jt]s$/.test(e.name) && !e.name.endsWith(".d.ts") ? [path] : [];
  });
}

/** The package's runtime exports that the components name as `<namespace>.<export>`. */
function usedExports(namespace: string, pkg: Record<string, unknown>, files: string[]): string[] {
  const used = new Set<string>();
  const pattern = new RegExp(`\\b${namespace}\\.([A-Za-z_$][\\w$]*)`, "g");
  for (const file of files) for (const m of readFileSync(file, "utf8").matchAll(pattern)) if (m[1] in pkg) used.add(m[1]);
  return [...used].sort();
}

async function bundle(name: string, pkgName: string, exports: string[]): Promise<number> {
  if (!exports.length) throw new Error(`no component uses ${pkgName}: remove its bundle from scripts/chart-bundles.ts`);
  const result = await build({
    stdin: { contents: `export { ${exports.join(", ")} } from "${pkgName}";`, resolveDir: root, loader: "js" },
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    legalComments: "none",
    logLevel: "error",
    outfile: join(vendor, `${name}.js`),
    banner: { js: `// Written by scripts/chart-bundles.ts before every build, from ${pkgName}; do not edit.` },
  });
  return result.errors.length;
}

const files = sources(components);
mkdirSync(vendor, { recursive: true });
const failures =
  (await bundle("plot", "@observablehq/plot", usedExports("Plot", Plot, files))) +
  (await bundle("inputs", "@observablehq/inputs", usedExports("Inputs", Inputs, files)));
if (failures) process.exit(1);
