/**
 * The holes a student could use to get around the grade, and the machinery's own failures:
 * symlinks out of the student's folder, hidden inputs printed to the log, the permission
 * flag of each Node version, and an infrastructure failure that must never become a grade.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseAssignment } from "../classroom/assignment.js";
import { gradeClass, type ClassResult, type GradeOne } from "../classroom/batch.js";
import { checksOf } from "../classroom/check-ids.js";
import { EXERCISE_IDS } from "../graders/contract.js";
import { InfrastructureError, NodeProcessRunner, permissionFlag } from "../graders/runtime/node-runner.js";
import { COURSE_ROOT, grade } from "./helpers.js";

const root = mkdtempSync(join(tmpdir(), "integrity-"));
const classDir = join(root, "class");
const sol = (id: string) => join(COURSE_ROOT, "solutions", `${id}.ts`);
const assignment = parseAssignment(JSON.stringify({ exercises: [{ id: "softmax", points: 10 }], hiddenDraws: 1 }), "a.json");

const PRINTS_INPUTS = `import * as tf from "@tensorflow/tfjs";
export function softmax(x: tf.Tensor, axis = -1) {
  console.log("INPUT " + JSON.stringify(Array.from(x.dataSync().slice(0, 4))));
  return tf.tidy(() => { const e = tf.exp(tf.sub(x, tf.max(x, axis, true))); return tf.div(e, tf.sum(e, axis, true)); });
}
export function softmaxBackward(y: tf.Tensor, dy: tf.Tensor, axis = -1) {
  return tf.tidy(() => tf.mul(y, tf.sub(dy, tf.sum(tf.mul(dy, y), axis, true))));
}
`;

function folder(student: string, ...sub: string[]): string {
  const d = join(classDir, student, ...sub);
  mkdirSync(d, { recursive: true });
  return d;
}

describe("symlinked submissions", () => {
  let result: ClassResult;
  const out = join(root, "out");
  const row = (student: string) => result.grades.find((g) => g.student === student)!;

  beforeAll(async () => {
    symlinkSync(sol("softmax"), join(folder("file-link", "exercises"), "softmax.ts"));
    symlinkSync(join(COURSE_ROOT, "solutions"), join(folder("folder-link"), "exercises"));
    symlinkSync(join(root, "gone.ts"), join(folder("dangling"), "softmax.ts"));
    symlinkSync(join(root, "nowhere"), join(folder("dangling-folder"), "exercises"));
    copyFileSync(sol("softmax"), join(folder("inside-link", "src"), "mine.ts"));
    symlinkSync("../src/mine.ts", join(folder("inside-link", "exercises"), "softmax.ts"));
    copyFileSync(sol("softmax"), join(folder("honest", "exercises"), "softmax.ts"));
    symlinkSync(join(classDir, "honest"), join(classDir, "alias-of-honest"));
    result = await gradeClass({ classDir, outDir: out, assignment, jobs: 2 });
  }, 300_000);

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("refuses a file link to the course's solution as 'not allowed', with no points", () => {
    expect(row("file-link")).toMatchObject({ total: 0, status: "not allowed" });
    expect(row("file-link").exercises[0].lost[0].message).toMatch(/exercises\/softmax\.ts leads outside the student's folder \(to .*solutions\/softmax\.ts\)/);
  });

  it("refuses a folder link exercises/ → solutions/", () => {
    expect(row("folder-link")).toMatchObject({ total: 0, status: "not allowed" });
    expect(row("folder-link").exercises[0].lost[0].message).toMatch(/leads outside the student's folder/);
  });

  it("explains a dangling file or folder link instead of failing", () => {
    expect(row("dangling")).toMatchObject({ total: 0, status: "not allowed" });
    expect(row("dangling").exercises[0].lost[0].message).toMatch(/softmax\.ts is a link that leads nowhere \(.*gone\.ts does not exist\)/);
    expect(row("dangling-folder").exercises[0].lost[0].message).toMatch(/exercises is a link that leads nowhere/);
  });

  it("grades a link that stays inside the student's own folder, and an ordinary file", () => {
    expect(row("inside-link")).toMatchObject({ total: 10, status: "ok" });
    expect(row("honest")).toMatchObject({ total: 10, status: "ok" });
  });

  it("skips a student folder that is itself a link, and says why", () => {
    expect(result.grades.some((g) => g.student === "alias-of-honest")).toBe(false);
    expect(result.skipped).toEqual([expect.stringMatching(/^alias-of-honest: a link to another folder/)]);
  });
});

describe("hidden cases in student-facing output", () => {
  it("drops what the code printed when hidden cases ran, and says so; keeps it without them", async () => {
    const dir = mkdtempSync(join(tmpdir(), "logs-"));
    mkdirSync(join(dir, "class", "loud"), { recursive: true });
    writeFileSync(join(dir, "class", "loud", "softmax.ts"), PRINTS_INPUTS);
    const secret = await gradeClass({ classDir: join(dir, "class"), outDir: join(dir, "s"), assignment, secret: "hush-hush-hush", jobs: 1 });
    const withHidden = secret.grades[0].exercises[0];
    expect(withHidden.report!.checks.some((c) => c.id.includes("hidden-"))).toBe(true);
    expect(withHidden.report!.logs).toEqual([]);
    expect(withHidden.logsWithheld).toBe(true);
    for (const f of ["reports/loud.json", "feedback/loud.md"]) expect(readFileSync(join(dir, "s", f), "utf8")).not.toContain("INPUT [");
    expect(readFileSync(join(dir, "s", "feedback/loud.md"), "utf8")).toMatch(/hidden cases ran in the same process/);

    const plain = await gradeClass({ classDir: join(dir, "class"), outDir: join(dir, "p"), assignment, jobs: 1 });
    expect(plain.grades[0].exercises[0].report!.logs.some((l) => l.startsWith("INPUT ["))).toBe(true);
    expect(plain.grades[0].exercises[0].logsWithheld).toBeUndefined();
    rmSync(dir, { recursive: true, force: true });
  }, 300_000);
});

describe("Node's permission flag", () => {
  it("is --experimental-permission on Node 20 and --permission from Node 22", () => {
    expect(permissionFlag("20.11.1")).toBe("--experimental-permission");
    expect(permissionFlag("v20.20.2")).toBe("--experimental-permission");
    expect(permissionFlag("22.12.0")).toBe("--permission");
    expect(permissionFlag("24.0.0")).toBe("--permission");
    expect(() => permissionFlag("18.19.0")).toThrow(InfrastructureError);
  });

  it("grades with the flag of the Node that runs it", async () => {
    const r = await grade("softmax", sol("softmax"));
    expect(r.passed).toBe(true);
  });
});

describe("a failure of the grading machinery", () => {
  it("is an InfrastructureError naming the cause, not a report (a child that cannot start)", async () => {
    // Pretend to be a Node whose flag this Node does not know: the child dies before it boots.
    const wrong = process.versions.node.startsWith("20.") ? "24.0.0" : "20.0.0";
    const runner = new NodeProcessRunner("cpu", { nodeVersion: wrong });
    const req = { token: "t", filename: "softmax.ts", source: "", exportNames: [], forbidden: [], backend: "cpu", calls: [] };
    const err = await runner.run(req, { timeoutMs: 5000, memoryMb: 512 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(InfrastructureError);
    expect((err as Error).message).toMatch(/ended before it started.*(bad option|permission)/i);
  }, 60_000);

  it("becomes a 'grader error' for the teacher: no points either way, not cached, regraded next run", async () => {
    const dir = mkdtempSync(join(tmpdir(), "infra-"));
    for (const s of ["ann", "ben"]) {
      mkdirSync(join(dir, "class", s), { recursive: true });
      copyFileSync(sol("softmax"), join(dir, "class", s, "softmax.ts"));
    }
    const broken: GradeOne = () => Promise.reject(new InfrastructureError("the grading process ended before it started (exit code 9)"));
    const first = await gradeClass({ classDir: join(dir, "class"), outDir: join(dir, "out"), assignment, jobs: 1, only: ["ann"], gradeOne: broken });
    expect(first.graderErrors).toEqual(["ann/softmax: the grading process ended before it started (exit code 9)"]);
    expect(first.grades[0]).toMatchObject({ student: "ann", status: "grader error" });
    const csv = readFileSync(join(dir, "out", "gradebook.csv"), "utf8").split("\n")[1];
    expect(csv).toBe("ann,,,,10,no,0,grader error,unknown,none");
    expect(first.notGraded).toEqual(["ben"]);
    expect(existsSync(join(dir, "out", ".cache", "ann.json"))).toBe(false);
    expect(existsSync(join(dir, "out", "reports", "ann.json"))).toBe(false);
    const second = await gradeClass({ classDir: join(dir, "class"), outDir: join(dir, "out"), assignment, jobs: 1 });
    expect(second.reused).toBe(0);
    expect(second.grades.map((g) => [g.student, g.total, g.status])).toEqual([
      ["ann", 10, "ok"],
      ["ben", 10, "ok"],
    ]);
    rmSync(dir, { recursive: true, force: true });
  }, 300_000);
});

describe("check ids", () => {
  it("lists exactly the checks a report of each exercise contains", async () => {
    for (const id of EXERCISE_IDS) {
      const report = await grade(id, sol(id));
      expect(report.checks.map((c) => c.id).sort(), id).toEqual(
        checksOf(id)
          .filter((c) => !c.secretOnly && !c.classroomOnly)
          .map((c) => c.id)
          .sort(),
      );
    }
  }, 300_000);

  it("are printed by npm run grade -- --list-checks", () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "graders/cli/grade.ts", "--list-checks", "attention"], { cwd: COURSE_ROOT, encoding: "utf8" });
    expect(r.status).toBe(0);
    for (const c of checksOf("attention")) expect(r.stdout).toContain(c.id);
    const bad = spawnSync(process.execPath, ["--import", "tsx", "graders/cli/grade.ts", "--list-checks", "atention"], { cwd: COURSE_ROOT, encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/unknown exercise "atention"/);
  });
});
