/**
 * What the page modules may import, so that the page-weight budgets (tests/e2e/page-weight.test.ts,
 * which weighs only a few pages) hold on every page: Framework serves an npm package whole, so
 * one stray import of Plot brings all of d3, and one of zod brings it with every locale.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { COURSE_ROOT } from "../helpers.js";

const components = join(COURSE_ROOT, "src/components");
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.ts$/.test(e.name) && !e.name.endsWith(".d.ts") ? [join(dir, e.name)] : [],
  );
const sources = files(components).map((f) => ({ name: relative(components, f), text: readFileSync(f, "utf8") }));
/** Value imports only: `import type` is erased before a page loads anything. */
const valueImports = (text: string) => [...text.matchAll(/^import (?!type )[^;]*?from "([^"]+)";/gms)].map((m) => m[1]);

/** The schemas the build and the tests validate content with; no page loads them. */
const BUILD_TIME = ["quiz-schema.ts", "topics-schema.ts"];

describe("page modules", () => {
  it("import Plot and Inputs from the bundles in vendor/, never from the packages", () => {
    const direct = sources.filter((s) => valueImports(s.text).some((i) => i.startsWith("@observablehq/plot") || i.startsWith("@observablehq/inputs")));
    expect(direct.map((s) => s.name)).toEqual([]);
  });

  it("import zod nowhere but in the build-time schemas, and those schemas only as types", () => {
    const zod = sources.filter((s) => valueImports(s.text).some((i) => i === "zod" || i.startsWith("zod/")));
    expect(zod.map((s) => s.name).sort()).toEqual(BUILD_TIME);
    const schemaUsers = sources.filter((s) => !BUILD_TIME.includes(s.name) && valueImports(s.text).some((i) => /(quiz|topics)-schema\.js$/.test(i)));
    expect(schemaUsers.map((s) => s.name)).toEqual([]);
  });
});
