/**
 * `npm run grade` runs graders/cli/launch.mjs: plain Node on a prebuilt bundle of the CLI and
 * the graders in .cache/cli/, rebuilt when a source is newer. It must grade exactly as the
 * TypeScript CLI does, and a stale bundle must be rebuilt rather than used.
 */
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { statSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { COURSE_ROOT } from "./helpers.js";

const LAUNCH = join(COURSE_ROOT, "graders/cli/launch.mjs");
const BUNDLE = join(COURSE_ROOT, ".cache/cli/cli/grade.mjs");
const launch = (...args: string[]) => spawnSync(process.execPath, [LAUNCH, ...args], { cwd: COURSE_ROOT, encoding: "utf8", timeout: 120_000 });

describe("the CLI's launcher (npm run grade)", () => {
  it("rebuilds a stale bundle, then grades a solution and a starter like the TypeScript CLI", () => {
    launch("--help");
    // Make the bundle older than every source: the next start must rebuild it.
    utimesSync(BUNDLE, new Date(0), new Date(0));
    const pass = launch("softmax", join(COURSE_ROOT, "solutions/softmax.ts"), "--json");
    expect(statSync(BUNDLE).mtimeMs).toBeGreaterThan(Date.now() - 120_000);
    expect(pass.status).toBe(0);
    const report = JSON.parse(pass.stdout);
    expect(report.passed).toBe(true);
    expect(report.exercise).toBe("softmax");

    const fail = launch("softmax", "--json");
    expect(fail.status).toBe(1);
    expect(JSON.parse(fail.stdout).summary).toMatch(/not implemented/);
  });

  it("keeps the CLI's usage errors and exit status 2", () => {
    const r = launch("no-such-exercise");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown exercise "no-such-exercise"/);
  });
});
