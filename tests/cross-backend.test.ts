/**
 * Classroom mode's second backend (issue 9, graders/cross-backend.ts): a file whose result
 * depends on the backend passes on cpu alone and fails `backend/wasm`; a correct file
 * passes it; batch grading asks for it.
 */
import { describe, expect, it } from "vitest";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseAssignment } from "../classroom/assignment.js";
import { gradeClass } from "../classroom/batch.js";
import { solutionFile } from "../graders/paths.js";
import { COURSE_ROOT, grade } from "./helpers.js";

const branching = join(COURSE_ROOT, "tests/fixtures/backend-dependent/softmax.ts");

describe("grading on a second backend", () => {
  it("fails a file that branches on tf.getBackend(), which a cpu-only grade passes", async () => {
    const cpuOnly = await grade("softmax", branching);
    expect(cpuOnly.checks.filter((c) => !c.passed).map((c) => c.id)).toEqual([]);
    const crossed = await grade("softmax", branching, { crossBackend: "wasm" });
    const check = crossed.checks.find((c) => c.id === "backend/wasm")!;
    expect(check.passed).toBe(false);
    expect(check.bug).toBe("backend-dependent");
    expect(check.message).toMatch(/wasm backend/);
    expect(crossed.verdict).toBe("fail");
    expect(crossed.score).toBeLessThan(crossed.maxScore);
  });

  it("passes a correct file, with the check counted in the score", async () => {
    const crossed = await grade("softmax", solutionFile("softmax"), { crossBackend: "wasm" });
    const check = crossed.checks.find((c) => c.id === "backend/wasm")!;
    expect(check.passed, check.message).toBe(true);
    expect(crossed.verdict).toBe("pass");
    expect(crossed.score).toBe(crossed.maxScore);
  });

  it("is part of classroom grading: the student loses the check's points and is told why", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cross-backend-"));
    mkdirSync(join(dir, "class", "ann"), { recursive: true });
    copyFileSync(branching, join(dir, "class", "ann", "softmax.ts"));
    const assignment = parseAssignment(JSON.stringify({ exercises: [{ id: "softmax", points: 10 }], hiddenDraws: 1 }), "a.json");
    const result = await gradeClass({ classDir: join(dir, "class"), outDir: join(dir, "out"), assignment, jobs: 1, secret: "cross-backend-secret" });
    const exercise = result.grades[0].exercises[0];
    expect(exercise.lost.map((l) => l.check)).toEqual(["backend/wasm"]);
    expect(exercise.points).toBeLessThan(10);
    expect(exercise.verdict).toBe("fail");
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});
