/**
 * The student template and the exact command its workflow runs: a student's repository
 * graded "on push", with GitHub's output and summary files, checked against what GitHub
 * Classroom's actions read. The contracts below were read from the actions' sources:
 *
 * - classroom-resources/autograding-grading-reporter (src/main.js, dist/main.js at
 *   d13b5912daf5042ac1b71bc38bdb4a6bcd61d8ca, README): one input, `runners`, a comma list of
 *   step ids matching /^[a-zA-Z0-9]+$/; each runner's result is read from the environment as
 *   `<ID in capitals>_RESULTS`, base64 JSON; "Points x/y" = Σ tests[].score / Σ max_score.
 *   Its README: the workflow must be named "Autograding Tests" and have one job,
 *   `run-autograding-tests` (Classroom's generated workflows leave it unnamed, so that id is
 *   the check run's name; a `name:` would rename it).
 * - classroom-resources/autograding-command-grader (dist/main.js): the `result` output is
 *   base64 JSON {version: 1, status, max_score, tests: [{name, status, score, message,
 *   test_code, filename, line_no, duration}]}.
 */
import { describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import yaml from "js-yaml";
import { COURSE_ROOT } from "./helpers.js";

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string | number | boolean>;
  "working-directory"?: string;
}
interface Workflow {
  name: string;
  on: string[];
  permissions: Record<string, string>;
  jobs: Record<string, { name?: string; steps: Step[] }>;
}

const REPORTER_INPUTS = ["runners"];
const RUNNER_ID = /^[a-zA-Z0-9]+$/;
const COMMAND_GRADER_RESULT_KEYS = ["max_score", "status", "tests", "version"];
const COMMAND_GRADER_TEST_KEYS = ["duration", "filename", "line_no", "message", "name", "score", "status", "test_code"];
const CHECKOUT_INPUTS = ["repository", "ref", "token", "path", "persist-credentials", "fetch-depth", "clean", "submodules", "lfs"];
const SETUP_NODE_INPUTS = ["node-version", "cache", "cache-dependency-path", "check-latest", "registry-url"];
const ASSIGNMENT = "classroom/examples/week3.yaml";

function makeTemplate(out: string, ref: string, assignment = ASSIGNMENT) {
  return spawnSync(
    process.execPath,
    ["--import", "tsx", "classroom/make-template.ts", "--out", out, "--course", "acme/course", "--ref", ref, "--assignment", assignment],
    {
      cwd: COURSE_ROOT,
      encoding: "utf8",
    },
  );
}

describe("the GitHub Classroom template", () => {
  const head = execFileSync("git", ["-C", COURSE_ROOT, "rev-parse", "HEAD"], { encoding: "utf8" }).trim();
  const work = mkdtempSync(join(tmpdir(), "tpl-"));
  const submission = join(work, "submission");
  const made = makeTemplate(submission, head);
  const workflow = made.status === 0 ? (yaml.load(readFileSync(join(submission, ".github/workflows/classroom.yml"), "utf8")) as Workflow) : null;
  const steps = workflow ? Object.values(workflow.jobs)[0].steps : [];

  it("renders a workflow whose check run is the one Classroom and its reporter look for", () => {
    expect(made.stderr).toBe("");
    expect(workflow!.name).toBe("Autograding Tests");
    expect(Object.keys(workflow!.jobs)).toEqual(["run-autograding-tests"]);
    expect(workflow!.jobs["run-autograding-tests"].name).toBeUndefined();
    expect(workflow!.on).toContain("push");
    expect(workflow!.permissions).toMatchObject({ checks: "write", actions: "read", contents: "read" });
  });

  it("pins every action by commit SHA, caches npm and uses an LTS Node", () => {
    for (const s of steps.filter((x) => x.uses)) expect(s.uses, s.name).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
    const node = steps.find((s) => s.uses?.startsWith("actions/setup-node@"))!;
    expect(node.with).toMatchObject({ cache: "npm", "cache-dependency-path": ".course/package-lock.json" });
    expect(Number(node.with!["node-version"]) % 2).toBe(0); // even majors are the LTS lines
    expect(Number(node.with!["node-version"])).toBeGreaterThanOrEqual(22);
    for (const s of steps.filter((x) => x.uses?.startsWith("actions/checkout@")))
      for (const k of Object.keys(s.with ?? {})) expect(CHECKOUT_INPUTS).toContain(k);
    for (const k of Object.keys(node.with!)) expect(SETUP_NODE_INPUTS).toContain(k);
  });

  it("feeds the reporter exactly the inputs and variables it reads", () => {
    const reporter = steps.find((s) => s.uses?.startsWith("classroom-resources/autograding-grading-reporter@"))!;
    expect(Object.keys(reporter.with!)).toEqual(REPORTER_INPUTS);
    const runners = String(reporter.with!.runners)
      .split(",")
      .map((r) => r.trim());
    for (const id of runners) {
      expect(id).toMatch(RUNNER_ID);
      expect(reporter.env![`${id.toUpperCase()}_RESULTS`]).toBe(`\${{ steps.${id}.outputs.result }}`);
      expect(steps.findIndex((s) => s.id === id)).toBeLessThan(steps.indexOf(reporter));
    }
  });

  it("grades with the teacher's assignment from the pinned course, checked by its SHA-256", () => {
    const checkout = steps.find((s) => s.with?.repository)!;
    expect(checkout.with).toMatchObject({ repository: "acme/course", ref: head, path: ".course" });
    const grade = steps.find((s) => s.id === "grade")!;
    const sha = createHash("sha256")
      .update(readFileSync(join(COURSE_ROOT, ASSIGNMENT)))
      .digest("hex");
    expect(grade.run).toContain(`--assignment ../.course/${ASSIGNMENT} --assignment-sha256 ${sha}`);
    expect(existsSync(join(submission, "assignment.json"))).toBe(false);
    const wrong = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "graders/cli/grade.ts",
        "--student",
        submission,
        "--out",
        join(work, "x"),
        "--assignment",
        join(COURSE_ROOT, ASSIGNMENT),
        "--assignment-sha256",
        "0".repeat(64),
      ],
      { cwd: COURSE_ROOT, encoding: "utf8" },
    );
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/is not the 0{64} this workflow was made for: the assignment file was changed/);
  });

  it("refuses an assignment that is not committed at the pinned ref", () => {
    const stray = join(COURSE_ROOT, "classroom", "examples", `uncommitted-${process.pid}.yaml`);
    writeFileSync(stray, "exercises:\n  - id: softmax\n    points: 1\n");
    try {
      const r = makeTemplate(join(work, "t2"), head, stray);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/is not committed at/);
    } finally {
      rmSync(stray, { force: true });
    }
  });

  it("runs the workflow's own command: points in the reporter's format, failing checks in the summary", () => {
    // The student solves softmax and leaves rope as the starter.
    copyFileSync(join(COURSE_ROOT, "solutions/softmax.ts"), join(submission, "exercises/softmax.ts"));
    const githubOutput = join(work, "github_output");
    const summary = join(work, "summary.md");
    writeFileSync(githubOutput, "");
    writeFileSync(summary, "");
    const grade = steps.find((s) => s.id === "grade")!;
    const command = grade
      .run!.replaceAll("../.course/", `${COURSE_ROOT}/`)
      .replaceAll("../submission", submission)
      .replaceAll("../grading", join(work, "grading"));
    const pushedAt = String(Date.parse("2026-11-30T00:00:00Z") / 1000); // GitHub's push time, before the deadline
    const r = spawnSync("bash", ["-c", command], {
      cwd: COURSE_ROOT,
      env: { ...process.env, PUSHED_AT: pushedAt, GITHUB_OUTPUT: githubOutput, GITHUB_STEP_SUMMARY: summary, CI: "true" },
      encoding: "utf8",
      timeout: 240_000,
    });
    expect(r.status, r.stderr).toBe(0);

    const line = readFileSync(githubOutput, "utf8")
      .split("\n")
      .find((l) => l.startsWith("result="))!;
    const payload = JSON.parse(Buffer.from(line.slice("result=".length), "base64").toString("utf8"));
    expect(Object.keys(payload).sort()).toEqual(COMMAND_GRADER_RESULT_KEYS);
    for (const t of payload.tests) expect(Object.keys(t).sort()).toEqual(COMMAND_GRADER_TEST_KEYS);
    expect(payload).toMatchObject({ version: 1, status: "fail", max_score: 10 });
    expect(payload.tests.map((t: { name: string }) => t.name)).toEqual(["softmax", "rope"]);
    expect(payload.tests[0]).toMatchObject({ status: "pass", score: 6 });
    expect(payload.tests[1].status).toBe("fail");
    expect(payload.tests[1].score).toBeLessThan(4);
    expect(payload.tests[1].message).toMatch(/not implemented/);

    const text = readFileSync(summary, "utf8");
    expect(text).toMatch(/\| softmax \| 6 \/ 6 \|/);
    expect(text).toMatch(/### rope: [\d.]+ \/ 4/);
    expect(text).toMatch(/- \*\*−[\d.]+\*\* `output\/interleaved`: .*not implemented/);
    expect(text).toMatch(/_Diagnosis:_ The function still throws "not implemented"/);
    const report = JSON.parse(readFileSync(join(work, "grading", "reports", "submission.json"), "utf8"));
    expect(report).toMatchObject({ timeSource: "recorded", submittedAt: "2026-11-30T00:00:00.000Z", daysLate: 0 });
  }, 300_000);

  it("refuses to write over a non-empty folder or without a pinned course", () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "classroom/make-template.ts", "--out", COURSE_ROOT, "--course", "a/b", "--ref", "v1"], {
      cwd: COURSE_ROOT,
      encoding: "utf8",
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/not empty/);
    const noRef = spawnSync(process.execPath, ["--import", "tsx", "classroom/make-template.ts", "--out", join(tmpdir(), "x-none")], {
      cwd: COURSE_ROOT,
      encoding: "utf8",
    });
    expect(noRef.status).toBe(2);
  });
});
