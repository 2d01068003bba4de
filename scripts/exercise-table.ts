/**
 * The README's table of exercises, generated from graders/registry.json.
 * `npm run readme:exercises` rewrites it between its two markers; a unit test fails while
 * the README and the registry disagree.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { COURSE_ROOT } from "../graders/paths.js";
import type { Registry } from "../graders/registry-schema.js";

export const README = join(COURSE_ROOT, "README.md");
const BEGIN = "<!-- exercises: generated from graders/registry.json by `npm run readme:exercises` -->";
const END = "<!-- /exercises -->";

export function exerciseTable(registry: Registry): string {
  const rows = Object.entries(registry).map(
    ([id, e]) =>
      `| \`${id}\` | ${e.title.en} | ${e.exports.map((n) => `\`${n}\``).join(", ")} | ${e.topics.join(", ")} | ${e.drillMinutes} min | \`/exercises/${id}\` |`,
  );
  return ["| id | exercise | exports | topics | drill | page |", "|---|---|---|---|---|---|", ...rows].join("\n");
}

/** The README with its table replaced; throws if the markers are missing. */
export function withTable(readme: string, registry: Registry): string {
  const start = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md must contain the markers ${BEGIN} and ${END}`);
  return `${readme.slice(0, start + BEGIN.length)}\n${exerciseTable(registry)}\n${readme.slice(end)}`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { REGISTRY } = await import("../graders/registry.js");
  const before = readFileSync(README, "utf8");
  const after = withTable(before, REGISTRY);
  if (after !== before) writeFileSync(README, after);
  process.stdout.write(
    after === before ? "README.md: the exercise table is up to date\n" : "README.md: the exercise table was rewritten from graders/registry.json\n",
  );
}
