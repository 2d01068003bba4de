/**
 * The learner realm cannot forge a pass: one hostile file per route (issue 9, section 3),
 * each graded through the real sandboxed child, each with the verdict it must get.
 */
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { formatReport } from "../graders/cli/format.js";
import type { Report } from "../graders/engine/report.js";
import { COURSE_ROOT, failing, grade } from "./helpers.js";

const hostile = (name: string) => grade("softmax", join(COURSE_ROOT, "tests/hostile", `${name}.ts`));
const check = (r: Report, id: string) => r.checks.find((c) => c.id === id);

/** A caught attempt still fails the whole file: no points, one "not-allowed" check naming it. */
function expectRefused(r: Report, ...what: RegExp[]) {
  expect(r.passed).toBe(false);
  expect(r.score).toBe(0);
  const rule = check(r, "not-allowed")!;
  expect(rule.passed).toBe(false);
  expect(rule.bug).toBe("not-allowed");
  for (const re of what) expect(rule.message).toMatch(re);
  expect(r.summary).toMatch(/^Not allowed:/);
}

describe("a learner realm that cannot forge", () => {
  it("refuses every path to process, even when the code swallows the refusal and computes the right numbers", async () => {
    const r = await hostile("reaches-process");
    expectRefused(r, /process/, /tf\.env/, /tf\.engine/);
    // The numbers themselves were right: only the attempt fails the file.
    expect(check(r, "output/basic")!.passed).toBe(true);
  });

  it("refuses every route to a Node built-in: require, createRequire, computed import(), getBuiltinModule, binding", async () => {
    const r = await hostile("builtin-routes");
    expectRefused(r, /import of "vm"/, /import of "module"/, /import of "node:child_process"/, /process/, /Buffer/);
  });

  it("still sees a forbidden built-in after the host's intrinsics were attacked, and none of the patches take", async () => {
    const r = await hostile("patches-intrinsics");
    expect(r.passed).toBe(false);
    expect(check(r, "forbidden-builtins")!.bug).toBe("uses-builtin");
    expect(r.logs.join("\n")).toMatch(/host patches that took: 0/);
  });

  it("offers no tf.layers route to a forbidden kernel: the realm's tf is the core op set, as in the browser", async () => {
    const r = await hostile("layers-softmax");
    expect(r.passed).toBe(false);
    expect(check(r, "output/basic")!.message).toMatch(/TypeError: Cannot read properties of undefined \(reading 'softmax'\)/);
  });

  it("refuses the kernel registry and the engine, and still sees the forbidden kernel", async () => {
    const r = await hostile("swaps-kernel");
    expectRefused(r, /tf\.getKernel/, /tf\.engine/, /tf\.setBackend/);
    expect(check(r, "forbidden-builtins")!.passed).toBe(false);
  });

  it("sees an in-place write to an input that a queued microtask undoes", async () => {
    const r = await hostile("hides-mutation");
    expect(check(r, "inputs-untouched")!.passed).toBe(false);
    expect(check(r, "inputs-untouched")!.message).toMatch(/changed logits in place/);
  });

  it("reads results through tf's own primitives, not a returned tensor's overridden data()", async () => {
    const r = await hostile("fakes-readback");
    expect(check(r, "output/basic")!.passed).toBe(false);
    expect(check(r, "output/basic")!.message).toMatch(/got 1\b/);
  });

  it("prints no escape sequence, control character or bidi override the submission wrote", async () => {
    const r = await hostile("forges-text");
    expect(failing(r).length).toBeGreaterThan(0);
    const text = formatReport(r);
    // The grader's own colours are off here (not a TTY), so any ESC would be the learner's.
    expect(text).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
    expect(
      text
        .split("\n")
        .filter((l) => /All 22 checks pass/.test(l))
        .every((l) => !/^\s*All/.test(l)),
    ).toBe(true);
    expect(text.trimEnd().split("\n").pop()).toMatch(/checks fail/);
  });
});

describe("the transpiler", () => {
  it("refuses a namespace holding values at load, with its line, instead of dropping it silently", async () => {
    const r = await hostile("namespace");
    expect(r.verdict).toBe("error");
    expect(check(r, "exports")!.message).toMatch(/namespace that holds values is not supported.*namespace\.ts:4:1/);
  });
});
