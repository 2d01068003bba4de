/**
 * The registry (graders/registry.json) is the one list of exercises: it validates, every
 * listed exercise has its files and a grader whose cases call exactly the contract's
 * exports, topics and exercises name each other, and the README's table is generated from it.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CONTRACT_EXPORTS, EXERCISE_IDS, isExerciseId } from "../../graders/contract.js";
import { GRADERS } from "../../graders/index.js";
import { COURSE_ROOT, exerciseFiles, GRADERS_DIR } from "../../graders/paths.js";
import { parseRegistry, REGISTRY, RegistryError } from "../../graders/registry.js";
import { CourseData } from "../../src/components/topics-schema.js";
import { README, withTable } from "../../scripts/exercise-table.js";

const course = CourseData.parse(JSON.parse(readFileSync(join(COURSE_ROOT, "src/data/topics.json"), "utf8")));
const softmaxEntry = () => structuredClone(REGISTRY.softmax);

describe("the registry of exercises", () => {
  it("lists the first exercises, and the contract derives from it", () => {
    for (const id of ["softmax", "masking", "attention", "mha", "rope"]) expect(EXERCISE_IDS).toContain(id);
    expect(Object.keys(CONTRACT_EXPORTS)).toEqual(EXERCISE_IDS);
    expect(CONTRACT_EXPORTS.mha).toEqual(["splitHeads", "mergeHeads", "multiHeadAttention"]);
    expect(isExerciseId("rope")).toBe(true);
    expect(isExerciseId("sofmax")).toBe(false);
    expect(isExerciseId("toString")).toBe(false);
  });

  it("rejects a misspelt field, a bad id, uneven hints and invalid JSON, naming the place", () => {
    const misspelt = { ...softmaxEntry(), exprots: ["softmax"] };
    expect(() => parseRegistry(JSON.stringify({ softmax: misspelt }))).toThrow(/softmax.*exprots|exprots/);
    expect(() => parseRegistry(JSON.stringify({ Soft_Max: softmaxEntry() }))).toThrow(/lower-case/);
    expect(() => parseRegistry(JSON.stringify({ engine: softmaxEntry() }))).toThrow(/not an exercise/);
    const uneven = softmaxEntry();
    uneven.hints.zh.pop();
    expect(() => parseRegistry(JSON.stringify({ softmax: uneven }))).toThrow(/same number of hints/);
    expect(() => parseRegistry(JSON.stringify({ softmax: { ...softmaxEntry(), drillMinutes: 0 } }))).toThrow(/drillMinutes/);
    expect(() => parseRegistry("{ softmax: ")).toThrow(RegistryError);
    expect(() => parseRegistry("{}")).toThrow(/no exercise/);
  });

  for (const id of EXERCISE_IDS) {
    it(`${id}: has its starter, solution, grader folder with its test and bank, and both pages`, () => {
      const missing = Object.entries(exerciseFiles(id)).filter(([, file]) => !existsSync(file));
      expect(missing).toEqual([]);
    });

    it(`${id}: its grader's cases call exactly the contract's exports`, () => {
      expect(GRADERS[id].spec.id).toBe(id);
      expect(new Set(GRADERS[id].spec.cases.map((c) => c.fn))).toEqual(new Set(CONTRACT_EXPORTS[id]));
    });

    it(`${id}: its related topics exist, and at least one of them links back to it`, () => {
      for (const n of REGISTRY[id].topics)
        expect(
          course.topics.map((t) => t.n),
          `topic ${n}`,
        ).toContain(n);
      expect(course.topics.filter((t) => REGISTRY[id].topics.includes(t.n) && t.exercises.includes(id)).length).toBeGreaterThan(0);
    });
  }

  it("is the only place exercises are listed: every folder of graders/ is an exercise or a part of the engine", () => {
    const folders = readdirSync(GRADERS_DIR, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    const engine = ["engine", "runtime", "cli", "reference"];
    expect(folders.filter((f) => !engine.includes(f)).sort()).toEqual([...EXERCISE_IDS].sort());
    for (const t of course.topics) for (const id of t.exercises) expect(EXERCISE_IDS, `topic ${t.n}`).toContain(id);
  });

  it("generates the README's exercise table (run `npm run readme:exercises` after changing the registry)", () => {
    const readme = readFileSync(README, "utf8");
    expect(withTable(readme, REGISTRY)).toBe(readme);
    for (const id of EXERCISE_IDS) expect(readme).toContain(`| \`${id}\` | ${REGISTRY[id].title.en} |`);
  });
});
