/**
 * The page says a load failure once, with its line and column (src/components/exercise/
 * load-error.ts): parsed from what the real engine reports for a broken file, not from a
 * hand-written string, so a change in the engine's wording fails here first.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { grade } from "../../graders/engine/grade.js";
import { GRADERS } from "../../graders/index.js";
import { solutionFile } from "../../graders/paths.js";
import { didNotRun, loadFailure, notRunReason } from "../../src/components/exercise/load-error.js";
import { InProcessRunner } from "../support/in-process-runner.js";

const runner = new InProcessRunner();
const solution = readFileSync(solutionFile("softmax"), "utf8");
const gradeSource = (source: string) => grade(GRADERS.softmax, { source, filename: "softmax.ts", runner, backend: "cpu", timeoutMs: 20_000 });

/** The solution with `line` inserted so that it becomes line `at` (1-based). */
function withLine(at: number, line: string): string {
  const lines = solution.split("\n");
  lines.splice(at - 1, 0, line);
  return lines.join("\n");
}

describe("load failures on the page", () => {
  it("finds a syntax error's name, message and position, and every not-run check carries only that reason", async () => {
    // Top level, outside any arrow function: the transpiler's position is exact there.
    const report = await gradeSource(withLine(9999, "const broken = ;"));
    const lines = solution.split("\n").length + 1;
    const failure = loadFailure(report);
    expect(failure).toMatchObject({ name: "SyntaxError", line: lines });
    expect(failure?.column).toBeGreaterThan(1);
    expect(failure?.message).not.toMatch(/softmax\.ts/);
    const failed = report.checks.filter((c) => !c.passed);
    expect(failed.length).toBeGreaterThan(5);
    expect(failed.every((c) => didNotRun(c.message, report))).toBe(true);
    // The reason itself, said once by the page, is the summary's.
    expect(notRunReason(report)).toMatch(/^the file failed to load: SyntaxError: /);
  });

  it("finds the line of an error thrown while the module body runs", async () => {
    const report = await gradeSource(withLine(9999, "throw new RangeError('at load time');"));
    expect(loadFailure(report)).toMatchObject({ name: "RangeError", message: "at load time", line: solution.split("\n").length + 1 });
  });

  it("says nothing for a graded run", async () => {
    const report = await gradeSource(solution);
    expect(report.verdict).toBe("pass");
    expect(loadFailure(report)).toBeNull();
    expect(notRunReason(report)).toBeNull();
    expect(report.checks.some((c) => didNotRun(c.message, report))).toBe(false);
  });
});
