import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { EXERCISE_IDS } from "../graders/contract.js";
import { COURSE_ROOT, failing, grade } from "./helpers.js";

describe.concurrent("reference solutions and starters", () => {
  for (const id of EXERCISE_IDS) {
    it(`solutions/${id}.ts passes every check on the cpu backend, with no leaks`, async () => {
      const r = await grade(id, join(COURSE_ROOT, "solutions", `${id}.ts`));
      expect(failing(r).map((c) => `${c.id}: ${c.message}`)).toEqual([]);
      expect(r.verdict).toBe("pass");
      expect(r.score).toBe(r.maxScore);
      expect(r.checks.find((c) => c.id === "tensor-leaks")?.warning).toBeFalsy();
    });

    it(`exercises/${id}.ts (the starter) fails with "not implemented"`, async () => {
      const r = await grade(id, join(COURSE_ROOT, "exercises", `${id}.ts`));
      expect(r.passed).toBe(false);
      const valueChecks = r.checks.filter((c) => c.id.startsWith("output/"));
      expect(valueChecks.length).toBeGreaterThan(0);
      for (const c of valueChecks) {
        expect(c.passed).toBe(false);
        expect(c.bug).toBe("not-implemented");
      }
    });
  }
});
