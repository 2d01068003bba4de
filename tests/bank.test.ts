import { describe, expect, it } from "vitest";
import { EXERCISE_IDS } from "../graders/contract.js";
import { bankEntries, bugs, failing, grade } from "./helpers.js";

describe.concurrent("the bank of alternative implementations", () => {
  for (const exercise of EXERCISE_IDS) {
    const entries = bankEntries(exercise);

    it(`${exercise}: has at least 6 wrong and 2 correct implementations`, () => {
      expect(entries.filter((e) => !e.expect.pass).length).toBeGreaterThanOrEqual(6);
      expect(entries.filter((e) => e.expect.pass).length).toBeGreaterThanOrEqual(2);
    });

    for (const entry of entries) {
      if (entry.expect.pass) {
        it(`${exercise}: accepts the correct alternative ${entry.name}`, async () => {
          const r = await grade(exercise, entry.file);
          expect(failing(r).map((c) => `${c.id}: ${c.message}`)).toEqual([]);
        });
      } else {
        const bug = entry.expect.bug;
        it(`${exercise}: rejects ${entry.name} and names the bug "${bug}"`, async () => {
          const r = await grade(exercise, entry.file);
          expect(r.passed).toBe(false);
          expect(bugs(r)).toContain(bug);
          // The diagnosis is shown with the failing check, together with the worst element or the reason.
          const named = failing(r).find((c) => c.bug === bug)!;
          expect(named.diagnosis).toMatch(/\S/);
          expect(named.message).toMatch(/\S/);
        });
      }
    }
  }
});
