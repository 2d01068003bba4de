/**
 * The test every exercise folder runs (graders/<id>/grader.test.ts): the reference
 * solution passes every check, the starter fails with "not implemented", and each file of
 * the bank is accepted or rejected with the bug it declares — all through the real,
 * sandboxed child-process runner.
 */
import { basename, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { isExerciseId } from "../../graders/contract.js";
import { solutionFile, starterFile } from "../../graders/paths.js";
import { bankEntries, bugs, failing, grade } from "../helpers.js";

/** `testFileUrl` is the calling test's import.meta.url; its folder names the exercise. */
export function graderSuite(testFileUrl: string): void {
  const id = basename(dirname(fileURLToPath(testFileUrl)));
  if (!isExerciseId(id)) throw new Error(`graders/${id}/ is not listed in graders/registry.json`);

  describe.concurrent(`the ${id} grader`, () => {
    it(`${id}: solutions/${id}.ts passes every check on the cpu backend, with no leaks`, async () => {
      const r = await grade(id, solutionFile(id));
      expect(failing(r).map((c) => `${c.id}: ${c.message}`)).toEqual([]);
      expect(r.verdict).toBe("pass");
      expect(r.score).toBe(r.maxScore);
      expect(r.checks.find((c) => c.id === "tensor-leaks")?.warning).toBeFalsy();
    });

    it(`${id}: exercises/${id}.ts (the starter) fails with "not implemented"`, async () => {
      const r = await grade(id, starterFile(id));
      expect(r.passed).toBe(false);
      const valueChecks = r.checks.filter((c) => c.id.startsWith("output/"));
      expect(valueChecks.length).toBeGreaterThan(0);
      for (const c of valueChecks) {
        expect(c.passed).toBe(false);
        expect(c.bug).toBe("not-implemented");
      }
    });

    const entries = bankEntries(id);
    it(`${id}: the bank has at least 6 wrong and 2 correct implementations`, () => {
      expect(entries.filter((e) => !e.expect.pass).length).toBeGreaterThanOrEqual(6);
      expect(entries.filter((e) => e.expect.pass).length).toBeGreaterThanOrEqual(2);
    });

    for (const entry of entries) {
      if (entry.expect.pass) {
        it(`${id}: accepts the correct alternative ${entry.name}`, async () => {
          const r = await grade(id, entry.file);
          expect(failing(r).map((c) => `${c.id}: ${c.message}`)).toEqual([]);
        });
      } else {
        const bug = entry.expect.bug;
        it(`${id}: rejects ${entry.name} and names the bug "${bug}"`, async () => {
          const r = await grade(id, entry.file);
          expect(r.passed).toBe(false);
          expect(bugs(r)).toContain(bug);
          // The diagnosis is shown with the failing check, together with the worst element or the reason.
          const named = failing(r).find((c) => c.bug === bug)!;
          expect(named.diagnosis).toMatch(/\S/);
          expect(named.message).toMatch(/\S/);
        });
      }
    }
  });
}
