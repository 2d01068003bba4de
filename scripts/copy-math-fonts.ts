/**
 * Run after `observable build`: Framework copies KaTeX's stylesheet (linked from the page head)
 * to dist/_file/_math/ under a hashed name, but not the fonts its url()s point to, because it
 * does not read inside stylesheets. This puts the woff2 fonts where the stylesheet looks for
 * them. Only woff2: every browser the site supports picks it before the woff and ttf fallbacks.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const builtDir = join(root, "dist/_file/_math");
const fontSource = join(root, "node_modules/katex/dist/fonts");

const stylesheet = existsSync(builtDir) ? readdirSync(builtDir).find((f) => /^katex\.min\.[0-9a-f]+\.css$/.test(f)) : undefined;
if (!stylesheet) {
  process.stderr.write(`copy-math-fonts: no built KaTeX stylesheet in ${builtDir}; is it still linked from the head in observablehq.config.ts?\n`);
  process.exit(1);
}
const fonts = new Set(Array.from(readFileSync(join(builtDir, stylesheet), "utf8").matchAll(/url\(fonts\/([\w-]+\.woff2)\)/g), (m) => m[1]));
if (fonts.size === 0) {
  process.stderr.write(`copy-math-fonts: ${stylesheet} names no woff2 font under fonts/; has KaTeX's stylesheet changed shape?\n`);
  process.exit(1);
}
mkdirSync(join(builtDir, "fonts"), { recursive: true });
for (const font of fonts) copyFileSync(join(fontSource, font), join(builtDir, "fonts", font));
process.stdout.write(`math fonts: ${fonts.size} woff2 files beside ${stylesheet}\n`);
