/**
 * The grading engine end to end, fast: every exercise's plan runs in this process
 * (tests/support/in-process-runner.ts) instead of a sandboxed child, so the engine's
 * planning, judging and diagnoses are checked on every solution, starter and bank file in
 * seconds. The grader tier runs the same files through the real sandbox.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { describe, expect, it } from "vitest";
import { EXERCISE_IDS } from "../../graders/contract.js";
import { grade } from "../../graders/engine/grade.js";
import type { Report } from "../../graders/engine/report.js";
import { GRADERS } from "../../graders/index.js";
import { solutionFile, starterFile } from "../../graders/paths.js";
import { bankEntries, bugs, failing } from "../helpers.js";
import { InProcessRunner } from "../support/in-process-runner.js";

const runner = new InProcessRunner();
const gradeInProcess = (id: string, file: string): Promise<Report> =>
  grade(GRADERS[id], { source: readFileSync(file, "utf8"), filename: basename(file), runner, backend: "cpu", timeoutMs: 20_000 });

describe("the engine, in process", () => {
  for (const id of EXERCISE_IDS) {
    it(`${id}: the solution scores full marks; the starter fails every value check as not implemented`, async () => {
      const solved = await gradeInProcess(id, solutionFile(id));
      expect(failing(solved).map((c) => `${c.id}: ${c.message}`)).toEqual([]);
      expect(solved.score).toBe(solved.maxScore);
      const starter = await gradeInProcess(id, starterFile(id));
      const values = starter.checks.filter((c) => c.id.startsWith("output/"));
      expect(values.length).toBeGreaterThan(0);
      expect(values.every((c) => !c.passed && c.bug === "not-implemented")).toBe(true);
    });

    it(`${id}: judges every bank file as it declares`, async () => {
      for (const entry of bankEntries(id)) {
        const r = await gradeInProcess(id, entry.file);
        if (entry.expect.pass) expect(failing(r).map((c) => `${entry.name} ${c.id}: ${c.message}`)).toEqual([]);
        else expect(bugs(r), entry.name).toContain(entry.expect.bug);
      }
    });
  }
});
