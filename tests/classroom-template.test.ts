/**
 * The student template and the exact command its workflow runs: a student's repository
 * graded "on push", with GitHub's output and summary files, and the payload that GitHub
 * Classroom's autograding reporter reads.
 */
import { describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import yaml from "js-yaml";
import { COURSE_ROOT } from "./helpers.js";

describe("the GitHub Classroom template", () => {
  it("assembles a student repository whose workflow grades it and reports the points", () => {
    const work = mkdtempSync(join(tmpdir(), "tpl-"));
    const submission = join(work, "submission");
    const assignmentFile = join(work, "a.json");
    writeFileSync(assignmentFile, JSON.stringify({ title: "Kernels", exercises: [{ id: "softmax", points: 6 }, { id: "rope", points: 4 }] }));
    execFileSync(process.execPath, ["--import", "tsx", "classroom/make-template.ts", "--out", submission, "--course", "acme/course", "--ref", "v1.2.3", "--assignment", assignmentFile], { cwd: COURSE_ROOT });

    const workflow = yaml.load(readFileSync(join(submission, ".github/workflows/classroom.yml"), "utf8")) as {
      jobs: Record<string, { steps: { id?: string; uses?: string; run?: string; with?: Record<string, string> }[] }>;
    };
    const steps = Object.values(workflow.jobs)[0].steps;
    const pinned = steps.find((s) => s.with?.repository);
    expect(pinned?.with).toMatchObject({ repository: "acme/course", ref: "v1.2.3" });
    expect(steps.some((s) => s.uses?.startsWith("classroom-resources/autograding-grading-reporter"))).toBe(true);
    const grade = steps.find((s) => s.id === "grade")!;

    // The student solves softmax and leaves rope as the starter.
    copyFileSync(join(COURSE_ROOT, "solutions/softmax.ts"), join(submission, "exercises/softmax.ts"));
    const githubOutput = join(work, "github_output");
    const summary = join(work, "summary.md");
    writeFileSync(githubOutput, "");
    writeFileSync(summary, "");
    // The workflow's own command, with the runner's ../submission and ../grading made absolute.
    const command = grade.run!.replaceAll("../submission", submission).replaceAll("../grading", join(work, "grading"));
    const r = spawnSync("bash", ["-c", command], { cwd: COURSE_ROOT, env: { ...process.env, GITHUB_OUTPUT: githubOutput, GITHUB_STEP_SUMMARY: summary, CI: "true" }, encoding: "utf8", timeout: 240_000 });
    expect(r.status).toBe(0);

    const line = readFileSync(githubOutput, "utf8").split("\n").find((l) => l.startsWith("result="))!;
    const payload = JSON.parse(Buffer.from(line.slice("result=".length), "base64").toString("utf8"));
    expect(payload).toMatchObject({ version: 1, status: "fail", max_score: 10 });
    expect(payload.tests.map((t: { name: string }) => t.name)).toEqual(["softmax", "rope"]);
    expect(payload.tests[0]).toMatchObject({ status: "pass", score: 6 });
    expect(payload.tests[1].status).toBe("fail");
    expect(payload.tests[1].score).toBeLessThan(4);
    expect(payload.tests[1].message).toMatch(/not implemented/);
    expect(readFileSync(summary, "utf8")).toMatch(/\| softmax \| 6 \/ 6 \|/);
  }, 300_000);

  it("refuses to write over a non-empty folder or without a pinned course", () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "classroom/make-template.ts", "--out", COURSE_ROOT, "--course", "a/b", "--ref", "v1"], { cwd: COURSE_ROOT, encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/not empty/);
    const noRef = spawnSync(process.execPath, ["--import", "tsx", "classroom/make-template.ts", "--out", join(tmpdir(), "x-none")], { cwd: COURSE_ROOT, encoding: "utf8" });
    expect(noRef.status).toBe(2);
  });
});
