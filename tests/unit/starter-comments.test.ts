/**
 * Starter files open in the page's editor at its width: a comment line longer than 80
 * columns re-wraps raggedly there (and in a terminal). Every exercises/*.ts, including ones
 * added later, keeps its comments within 80 columns.
 */
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { COURSE_ROOT } from "../helpers.js";

const MAX_COLUMNS = 80;
const dir = join(COURSE_ROOT, "exercises");
const starters = readdirSync(dir).filter((f) => f.endsWith(".ts"));

/** Comment lines: inside a block comment, or code followed by a `//` comment. */
function longCommentLines(text: string, max = MAX_COLUMNS): string[] {
  const long: string[] = [];
  let inBlock = false;
  text.split("\n").forEach((line, i) => {
    const opens = /^\s*\/\*/.test(line);
    const isComment = inBlock || opens || /\/\/ /.test(line);
    if (opens) inBlock = true;
    if (inBlock && line.includes("*/")) inBlock = false;
    // Columns are characters (θ, →, ∂ count once), as an editor shows them.
    if (isComment && [...line].length > max) long.push(`line ${i + 1} (${[...line].length} columns): ${line.trim()}`);
  });
  return long;
}

describe("starter comments", () => {
  it("finds the starters", () => expect(starters.length).toBeGreaterThanOrEqual(5));

  it("flags a block comment line and a trailing comment over 80 columns", () => {
    const text = `/**\n * ${"word ".repeat(20)}\n */\nconst x = 1; // ${"note ".repeat(16)}\nconst ok = "${"y".repeat(90)}";\n`;
    expect(longCommentLines(text).map((l) => l.split(" ")[1])).toEqual(["2", "4"]);
  });

  for (const file of starters) {
    it(`${file}: every comment line fits in ${MAX_COLUMNS} columns`, () => {
      expect(longCommentLines(readFileSync(join(dir, file), "utf8"))).toEqual([]);
    });
  }
});
