import { describe, expect, it } from "vitest";
import { EXERCISE_IDS } from "../../graders/contract.js";
import { GRADER_LOADERS } from "../../src/components/drill/grader-loaders.js";

describe("the coding drill's grader loaders (written by scripts/drill-data.ts)", () => {
  it("offer exactly the registry's exercises, so every exercise can be drilled", () => {
    expect(Object.keys(GRADER_LOADERS).sort()).toEqual([...EXERCISE_IDS].sort());
  });

  it("load the grader of the exercise they are named after", async () => {
    for (const id of EXERCISE_IDS) {
      const { default: grader } = await GRADER_LOADERS[id]();
      expect(grader.spec.id).toBe(id);
    }
  });
});
