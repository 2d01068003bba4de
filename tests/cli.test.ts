import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { COURSE_ROOT } from "./helpers.js";

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function cli(args: string[], timeoutMs = 60_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, ["--import", "tsx", join(COURSE_ROOT, "graders/cli/grade.ts"), ...args], {
      cwd: COURSE_ROOT,
      env: { ...process.env, NO_COLOR: "1" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the CLI itself hung: ${args.join(" ")}`));
    }, timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - t0 });
    });
  });
}

const hostile = (name: string) => join(COURSE_ROOT, "tests/hostile", `${name}.ts`);

/** --json must print exactly one complete report object, whatever the submission did. */
function report(r: CliResult) {
  const lines = r.stdout.trim().split("\n");
  expect(lines).toHaveLength(1);
  const obj = JSON.parse(lines[0]);
  for (const key of ["exercise", "passed", "score", "maxScore", "backend", "durationMs", "checks"]) expect(obj).toHaveProperty(key);
  for (const c of obj.checks) for (const key of ["id", "passed", "points", "message"]) expect(c).toHaveProperty(key);
  return obj as {
    exercise: string;
    passed: boolean;
    verdict: string;
    score: number;
    maxScore: number;
    checks: { id: string; passed: boolean; message: string; bug?: string }[];
    logs: string[];
  };
}

const grade = (file: string, extra: string[] = []) => cli(["softmax", file, "--json", "--timeout", "3000", ...extra]);

describe.concurrent("npm run grade", () => {
  it("grades a correct file from anywhere on disk with exit 0", async () => {
    const dir = mkdtempSync(join(tmpdir(), "grade-"));
    try {
      const file = join(dir, "my-softmax.ts");
      writeFileSync(file, readFileSync(join(COURSE_ROOT, "solutions/softmax.ts")));
      const r = await grade(file);
      const rep = report(r);
      expect(rep.passed).toBe(true);
      expect(rep.score).toBe(rep.maxScore);
      expect(r.code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("exits 2 with a usage message for an unknown exercise, a missing file or a bad flag", async () => {
    for (const args of [["nope"], ["softmax", "/no/such/file.ts"], ["softmax", "--backend", "tpu"], ["softmax", "--frobnicate"]]) {
      const r = await cli([...args, "--json"]);
      expect(r.code).toBe(2);
      expect(JSON.parse(r.stdout.trim()).error).toBe("usage");
      expect(r.stderr).toMatch(/usage:/);
    }
  });

  it("turns an infinite loop inside a call into a timeout verdict", async () => {
    const r = await grade(hostile("loop-in-call"));
    const rep = report(r);
    expect(rep.verdict).toBe("timeout");
    expect(r.code).toBe(1);
    expect(r.ms).toBeLessThan(20_000);
    // softmaxBackward ran before the loop? No: calls run in order, so everything after the loop is reported as not run.
    expect(rep.checks.find((c) => c.id === "output/basic")!.message).toMatch(/time limit/);
  });

  it("turns an infinite loop at module load into a timeout verdict", async () => {
    const rep = report(await grade(hostile("loop-at-load")));
    expect(rep.verdict).toBe("timeout");
    expect(rep.checks.find((c) => c.id === "exports")!.passed).toBe(false);
  });

  it("reports a syntax error with file and line", async () => {
    const r = await grade(hostile("syntax-error"));
    const rep = report(r);
    expect(rep.verdict).toBe("error");
    expect(rep.checks.find((c) => c.id === "exports")!.message).toMatch(/syntax-error\.ts:4:\d+/);
  });

  it("names the missing exports", async () => {
    const rep = report(await grade(hostile("missing-export")));
    const exp = rep.checks.find((c) => c.id === "exports")!;
    expect(exp.passed).toBe(false);
    expect(exp.message).toMatch(/softmax \(undefined\)/);
    expect(exp.message).toMatch(/softmaxBackward/);
  });

  it("reports a thrown error with its line", async () => {
    const rep = report(await grade(hostile("throws")));
    expect(rep.checks.find((c) => c.id === "output/basic")!.message).toMatch(/TypeError: something went wrong in my code \(line 3/);
  });

  it("explains a non-tensor result and a Promise", async () => {
    const num = report(await grade(hostile("returns-number")));
    expect(num.checks.find((c) => c.id === "output/basic")!.message).toMatch(/the number 42/);
    expect(num.checks.find((c) => c.id === "output/backward-basic")!.message).toMatch(/an array of length 3/);
    const prom = report(await grade(hostile("returns-promise")));
    expect(prom.checks.find((c) => c.id === "output/basic")!.message).toMatch(/Promise.*synchronous/);
  });

  it("fails NaN outputs and wrong shapes with the expected and actual values", async () => {
    const nan = report(await grade(hostile("returns-nan")));
    expect(nan.checks.find((c) => c.id === "output/basic")!.message).toMatch(/got NaN/);
    const shape = report(await grade(hostile("wrong-shape")));
    expect(shape.checks.find((c) => c.id === "output/basic")!.message).toMatch(/shape \[2\], expected \[2, 5\]/);
  });

  it("stops a huge allocation at the memory limit", async () => {
    // Touching 2 GB takes a few seconds: give the time limit room so the memory limit is what stops it.
    const rep = report(await cli(["softmax", hostile("huge-allocation"), "--json", "--timeout", "30000"]));
    expect(rep.passed).toBe(false);
    expect(rep.checks.find((c) => c.id === "output/basic")!.message).toMatch(/memory limit/);
  });

  it("reports unbounded recursion as a failing call, not a crash", async () => {
    const rep = report(await grade(hostile("recursion")));
    expect(rep.verdict).toBe("fail");
    expect(rep.checks.find((c) => c.id === "output/basic")!.message).toMatch(/Maximum call stack size exceeded/);
  });

  it("does not let a submission end the process to fake success", async () => {
    const rep = report(await grade(hostile("exits")));
    expect(rep.passed).toBe(false);
    // `process` itself is out of reach: touching it is refused (and the attempt fails the file).
    expect(rep.checks.find((c) => c.id === "output/basic")!.message).toMatch(/process is not allowed/);
    expect(rep.checks.find((c) => c.id === "not-allowed")!.passed).toBe(false);
  });

  it("keeps the grader's comparisons and report out of the submission's reach", async () => {
    const r = await grade(hostile("tampers"));
    const rep = report(r);
    expect(rep.passed).toBe(false);
    expect(rep.score).toBeLessThan(rep.maxScore / 2);
    expect(rep.checks.find((c) => c.id === "output/basic")!.passed).toBe(false);
    // What it printed — a fake report included — lands in the report's logs, not on stdout.
    expect(rep.logs.join("\n")).toMatch(/"passed":true/);
  });

  it("blocks file, network and process access", async () => {
    const marker = "/tmp/escaped-from-grader.txt";
    rmSync(marker, { force: true });
    const rep = report(await grade(hostile("escapes")));
    expect(existsSync(marker)).toBe(false);
    const logs = rep.logs.join("\n");
    expect(logs).toMatch(/eval: .*(disallowed|not allowed)/i);
    expect(logs).toMatch(/Function: .*(disallowed|not allowed)/i);
    expect(logs).toMatch(/fetch: fetch is not allowed/);
    expect(logs).toMatch(/binding: process is not allowed/);
    const basic = rep.checks.find((c) => c.id === "output/basic")!;
    expect(basic.message).toMatch(/import of "fs" .*is not allowed/);
    expect(basic.bug).toBe("not-allowed");
  });

  it("keeps --json stdout to one object however much the submission prints", async () => {
    const r = await grade(hostile("chatty"));
    const rep = report(r);
    expect(rep.passed).toBe(true);
    expect(rep.logs.length).toBeGreaterThan(10);
    expect(rep.logs.length).toBeLessThanOrEqual(200);
  });

  it("grades every exercise in exercises/ and prints a table", async () => {
    const r = await cli([]);
    expect(r.code).toBe(1); // the starters are not implemented
    for (const id of ["softmax", "masking", "attention", "mha", "rope"]) expect(r.stdout).toMatch(new RegExp(`^${id}\\s`, "m"));
    expect(r.stdout).toMatch(/not implemented/);
  });

  it("grades every exercise file of another folder with --dir (passing solutions, a broken one named)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cli-dir-"));
    try {
      for (const id of ["softmax", "rope"]) writeFileSync(join(dir, `${id}.ts`), readFileSync(join(COURSE_ROOT, "solutions", `${id}.ts`)));
      writeFileSync(join(dir, "masking.ts"), "export const causalMask = 1;\n");
      const r = await cli(["--dir", dir, "--json"]);
      expect(r.code).toBe(1);
      const out = JSON.parse(r.stdout.trim()) as { reports: { exercise: string; passed: boolean }[] };
      expect(out.reports.map((x) => [x.exercise, x.passed])).toEqual([
        ["softmax", true],
        ["masking", false],
        ["rope", true],
      ]);
      const empty = await cli(["--dir", tmpdir().concat("/no-such-folder-here")]);
      expect(empty.code).toBe(2);
      expect(empty.stderr).toMatch(/no exercise files in/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("grades on the wasm backend too", async () => {
    const rep = report(await cli(["softmax", join(COURSE_ROOT, "solutions/softmax.ts"), "--json", "--backend", "wasm"]));
    expect((rep as unknown as { backend: string }).backend).toBe("wasm");
    expect(rep.passed).toBe(true);
  });
});
