/**
 * Adding an exercise touches only its own files and one registry entry. This test proves
 * it: it copies the course to a temporary folder, adds the throw-away exercise of
 * tests/fixtures/throwaway-exercise/ (starter, solution, grader folder, two pages) and its
 * registry entry — nothing else — and checks there, in fresh processes, that the exercise
 * is registered (contract, graders), graded (the CLI passes the solution, fails the starter
 * and a wrong file with its bug) and paged (content validation, the sidebar, the pages).
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COURSE_ROOT } from "../graders/paths.js";

const FIXTURE = join(COURSE_ROOT, "tests/fixtures/throwaway-exercise");
const COPIED = ["graders", "exercises", "solutions", "classroom", "src", "scripts", "package.json", "observablehq.config.ts", "tsconfig.json"];
const NOT_COPIED = ["node_modules", ".cache", "dist"];
let course = "";

function tsx(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ["--import", "tsx", ...args], {
    cwd: course,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function gradeJson(file: string) {
  const r = tsx(["graders/cli/grade.ts", "double", file, "--json"]);
  expect(r.stdout.trim(), r.stderr).not.toBe("");
  return {
    status: r.status,
    report: JSON.parse(r.stdout.trim()) as { passed: boolean; score: number; maxScore: number; checks: { id: string; passed: boolean; bug?: string }[] },
  };
}

beforeAll(() => {
  course = mkdtempSync(join(tmpdir(), "course-copy-"));
  for (const name of COPIED) {
    cpSync(join(COURSE_ROOT, name), join(course, name), {
      recursive: true,
      verbatimSymlinks: true,
      filter: (src) => !NOT_COPIED.some((n) => relative(COURSE_ROOT, src).split("/").includes(n)),
    });
  }
  symlinkSync(join(COURSE_ROOT, "node_modules"), join(course, "node_modules"), "dir");
  // The exercise's own files…
  for (const part of ["exercises", "solutions", "graders", "src"]) cpSync(join(FIXTURE, part), join(course, part), { recursive: true });
  // …and one registry entry.
  const registryFile = join(course, "graders/registry.json");
  const registry = JSON.parse(readFileSync(registryFile, "utf8"));
  writeFileSync(registryFile, `${JSON.stringify({ ...registry, ...JSON.parse(readFileSync(join(FIXTURE, "registry-entry.json"), "utf8")) }, null, 2)}\n`);
});

afterAll(() => {
  if (course) rmSync(course, { recursive: true, force: true });
});

describe("a throw-away exercise added as one folder, two pages and one registry entry", () => {
  it("is registered: in the contract, with its exports, and its grader is found", () => {
    const probe = join(course, "probe.mts");
    writeFileSync(
      probe,
      `import { EXERCISE_IDS, CONTRACT_EXPORTS } from "./graders/contract.ts";
       import { GRADERS } from "./graders/index.ts";
       console.log(JSON.stringify({ ids: EXERCISE_IDS, exports: CONTRACT_EXPORTS.double, grader: GRADERS.double?.spec.id }));`,
    );
    const r = tsx([probe]);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout.trim().split("\n").pop()!);
    expect(out.ids).toContain("double");
    expect(out.ids).toContain("softmax");
    expect(out.exports).toEqual(["double"]);
    expect(out.grader).toBe("double");
  });

  it("is graded: the solution passes, the starter and a wrong file fail, the wrong one with its bug", () => {
    const solved = gradeJson("solutions/double.ts");
    expect(solved.status).toBe(0);
    expect(solved.report.passed).toBe(true);
    expect(solved.report.score).toBe(solved.report.maxScore);
    const starter = gradeJson("exercises/double.ts");
    expect(starter.status).toBe(1);
    expect(starter.report.checks.find((c) => c.id === "output/basic")?.bug).toBe("not-implemented");
    const wrong = gradeJson("graders/double/bank/wrong-triples.ts");
    expect(wrong.status).toBe(1);
    expect(wrong.report.checks.filter((c) => !c.passed).map((c) => c.bug)).toContain("triples");
    const right = gradeJson("graders/double/bank/correct-add.ts");
    expect(right.report.passed).toBe(true);
  });

  it("is paged: the content validates, and the sidebar links both pages, which exist", () => {
    const valid = tsx(["scripts/validate-content.ts"]);
    expect(valid.status, valid.stderr).toBe(0);
    expect(valid.stdout).toMatch(/6 exercises with their files/);
    const probe = join(course, "pages.mts");
    writeFileSync(probe, `import config from "./observablehq.config.ts";\nconsole.log(JSON.stringify(config.pages));`);
    const r = tsx([probe]);
    expect(r.status, r.stderr).toBe(0);
    const flat = (pages: { name: string; path?: string; pages?: unknown[] }[]): { name: string; path?: string }[] =>
      pages.flatMap((p) => [p, ...flat((p.pages ?? []) as { name: string; path?: string; pages?: unknown[] }[])]);
    const links = flat(JSON.parse(r.stdout.trim().split("\n").pop()!));
    expect(links).toContainEqual({ name: "Double", path: "/exercises/double" });
    expect(links).toContainEqual({ name: "练习：加倍", path: "/zh/exercises/double" });
    for (const path of ["/exercises/double", "/zh/exercises/double"]) expect(existsSync(join(course, "src", `${path}.md`)), path).toBe(true);
  });
});
