import { describe, expect, it } from "vitest";
import { countCasts, functionSpans, longFunctions, MAX_FUNCTION_LINES } from "../../scripts/function-length.js";
import { COURSE_ROOT } from "../helpers.js";

/**
 * Folders held to the function-length limit. src/components joins once its long widget and
 * diagram functions are split; `npx tsx scripts/function-length.ts` lists every offender.
 */
const LIMITED_FOLDERS = ["graders", "src/components"] as const;

const body = (n: number) => Array.from({ length: n }, (_, i) => `  x += ${i};`).join("\n");

describe("the function-length checker", () => {
  it("measures declarations, methods and arrows, nested ones included", () => {
    const src = [
      "export async function outer(a: number): Promise<{ x: number }> {",
      "  const inner = (b: number) => {",
      "    return `${b}}`; // a brace inside a template literal",
      "  };",
      "  return { x: a };",
      "}",
      "const o = { judge(get: () => number): number { return /}/.test('}') ? 1 : 2; } };",
    ].join("\n");
    const spans = functionSpans(src).map((s) => [s.name, s.start, s.end]);
    expect(spans).toEqual([
      ["outer", 1, 6],
      ["inner", 2, 4],
      ["judge", 7, 7],
    ]);
  });

  it("flags a function over the limit unless it is a declared data table", () => {
    const long = `function long() {\n${body(MAX_FUNCTION_LINES)}\n}\n`;
    expect(functionSpans(long)[0].lines).toBe(MAX_FUNCTION_LINES + 2);
    expect(functionSpans(`// function-length: data table\n${long}`)).toEqual([]);
  });

  it("counts type casts but not `as const` or import renames", () => {
    expect(countCasts(`import { a as b } from "x";\nconst y = (z as number) + (w as unknown as string).length;\nconst k = [1] as const;`)).toBe(3);
  });
});

describe("function length", () => {
  it(`no function in ${LIMITED_FOLDERS.join(", ")} exceeds ${MAX_FUNCTION_LINES} lines`, () => {
    const long = longFunctions(COURSE_ROOT, LIMITED_FOLDERS).map((f) => `${f.file}:${f.start} ${f.name} (${f.lines} lines)`);
    expect(long).toEqual([]);
  });
});
