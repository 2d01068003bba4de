// Search entries for the Chinese pages. Framework's search (MiniSearch) splits text on
// spaces and punctuation and matches query terms as prefixes of indexed terms. Chinese has
// no spaces, so a whole clause would become one term and "掩码" would find only clauses that
// begin with it. Here each run of Han characters is indexed as all of its suffixes (cut to
// SUFFIX_CHARS): any word of up to that many characters inside a clause is then a prefix of
// some indexed term. The pages opt out of Framework's own indexing (`index: false` in their
// front matter) and observablehq.config.js adds these entries instead.
// Plain JavaScript: the config imports it, and on Node 20 the config is not transpiled.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

export const SUFFIX_CHARS = 10;

/** Han runs → their suffixes; other words are kept as they are. */
export function searchableText(text) {
  const terms = new Set();
  const rest = text.replace(/\p{Script=Han}+/gu, (run) => {
    const chars = [...run];
    for (let i = 0; i < chars.length; i++) terms.add(chars.slice(i, i + SUFFIX_CHARS).join(""));
    return " ";
  });
  return `${rest.replace(/\s+/g, " ").trim()} ${[...terms].join(" ")}`.trim();
}

/** The prose of a Markdown page: no front matter, code, math or tags. */
export function pageProse(markdown) {
  return markdown
    .replace(/^---\n[\s\S]*?\n---\n/, "")
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/\$\$[\s\S]*?\$\$/g, " ")
    .replace(/\$[^$\n]+\$/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[#*_`>|]/g, " ");
}

export function frontMatterTitle(markdown) {
  const m = /^---\n[\s\S]*?^title:\s*"?(.*?)"?\s*$/m.exec(markdown);
  return m ? m[1] : undefined;
}

/** One search entry per Markdown page under src/zh/. */
export function* chineseSearchEntries(srcRoot) {
  const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
  for (const file of walk(join(srcRoot, "zh"))
    .filter((f) => f.endsWith(".md"))
    .sort()) {
    const markdown = readFileSync(file, "utf8");
    const path = `/${relative(srcRoot, file).replace(/\.md$/, "")}`;
    yield { path, title: frontMatterTitle(markdown), text: searchableText(pageProse(markdown)) };
  }
}
