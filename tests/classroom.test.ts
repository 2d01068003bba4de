/**
 * Classroom mode on a synthetic class: correct, wrong, broken, hostile, missing and late
 * submissions. Every grade in the CSV is checked against the grader specs' own point values
 * (partial credit included); hostile submissions change nothing outside the output folder;
 * the teacher's secret is written nowhere; unchanged submissions are not regraded.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EXERCISE_IDS } from "../graders/contract.js";
import { GRADERS } from "../graders/index.js";
import { bankDir } from "../graders/paths.js";
import { parseAssignment, AssignmentError } from "../classroom/assignment.js";
import { gradeClass, type ClassResult } from "../classroom/batch.js";
import { COURSE_ROOT } from "./helpers.js";

const SECRET = "correct-horse-battery-staple-42";
const root = mkdtempSync(join(tmpdir(), "class-"));
const classDir = join(root, "class");
const sol = (id: string) => join(COURSE_ROOT, "solutions", `${id}.ts`);
const bank = (id: string, name: string) => join(bankDir(id), `${name}.ts`);
const hostile = (name: string) => join(COURSE_ROOT, "tests/hostile", `${name}.ts`);

const HOSTILE = `import * as tf from "@tensorflow/tfjs";
import { softmax as stolen } from "../../solutions/softmax";
export function softmax(x: tf.Tensor, axis = -1) {
  require("fs").writeFileSync("${join(root, "pwned.txt")}", "x");
  require("child_process").execSync("touch ${join(root, "pwned2.txt")}");
  return stolen(x, axis);
}
export function softmaxBackward(y: tf.Tensor, dy: tf.Tensor) { return dy; }
`;

function put(student: string, id: string, from: string | { text: string }, nested = true): void {
  const dir = nested ? join(classDir, student, "exercises") : join(classDir, student);
  mkdirSync(dir, { recursive: true });
  if (typeof from === "string") copyFileSync(from, join(dir, `${id}.ts`));
  else writeFileSync(join(dir, `${id}.ts`), from.text);
}

const assignment = parseAssignment(
  JSON.stringify({
    title: "Week 3",
    exercises: [
      { id: "softmax", points: 10 },
      { id: "attention", points: 20, checks: { "output/cross-attention": 6 } },
    ],
    deadline: "2026-01-10T12:00:00Z",
    late: { penaltyPerDay: 0.1, maxDaysLate: 5 },
    showDiagnoses: false,
    hiddenDraws: 1,
    timeoutMs: 8000,
  }),
  "assignment.json",
);

/** Points of an exercise when exactly the listed checks fail, from the spec's own point values. */
/** Where the class run under test writes its reports (set in its beforeAll). */
let reportsOut = "";

/**
 * The points bob keeps: the spec's check weights, plus the checks a run adds beside the
 * spec's cases (the property sweep, the wasm cross-check) at the weights the report gives them.
 */
function expected(exercise: "softmax" | "attention", failing: string[], overrides: Record<string, number> = {}, points = 10, outDir = reportsOut): number {
  const spec = GRADERS[exercise].spec;
  const weights: Record<string, number> = { exports: spec.points.exports, "inputs-untouched": spec.points.inputs, "tensor-leaks": 0 };
  const graded = JSON.parse(readFileSync(join(outDir, "reports", "bob.json"), "utf8")).exercises.find((e: { exercise: string }) => e.exercise === exercise);
  for (const c of graded.report.checks as { id: string; maxPoints: number }[])
    if (/^(output|gradient)\/sweep-|^backend\//.test(c.id)) weights[c.id] = c.maxPoints;
  if (spec.forbidden.length) weights["forbidden-builtins"] = spec.points.forbidden;
  for (const c of spec.cases) {
    weights[`output/${c.id}`] = c.points;
    if (c.gradient) weights[`gradient/${c.id}`] = c.gradient.points;
  }
  for (const p of spec.properties) weights[`property/${p.id}`] = p.points;
  Object.assign(weights, overrides);
  const total = Object.values(weights).reduce((a, b) => a + b, 0);
  const lost = failing.reduce((s, id) => s + weights[id], 0);
  return Math.round(((points * (total - lost)) / total) * 100) / 100;
}

function snapshot(dirs: string[]): string {
  const h = createHash("sha256");
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else
        h.update(p)
          .update(String(statSync(p).mtimeMs))
          .update(readFileSync(p));
    }
  };
  dirs.forEach(walk);
  return h.digest("hex");
}

const csvRows = (out: string) =>
  Object.fromEntries(
    readFileSync(join(out, "gradebook.csv"), "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => {
        const c = l.split(",");
        return [
          c[0],
          {
            softmax: Number(c[1]),
            attention: Number(c[2]),
            raw: Number(c[3]),
            total: Number(c[4]),
            max: Number(c[5]),
            late: c[6],
            daysLate: Number(c[7]),
            status: c[8],
            timeSource: c[10],
          },
        ];
      }),
  );

describe("classroom mode", () => {
  let _plain: ClassResult;
  const out = join(root, "out");
  const watched = [join(COURSE_ROOT, "solutions"), join(COURSE_ROOT, "exercises"), join(COURSE_ROOT, "graders")];
  let before: string;

  beforeAll(async () => {
    put("alice", "softmax", sol("softmax"));
    put("alice", "attention", sol("attention"));
    put("bob", "softmax", bank("softmax", "wrong-no-max-shift"), false);
    put("bob", "attention", bank("attention", "wrong-scale-dk"), false);
    put("carol", "softmax", hostile("syntax-error"));
    put("carol", "attention", sol("attention"));
    put("dave", "softmax", { text: HOSTILE });
    put("dave", "attention", sol("attention"));
    put("erin", "softmax", hostile("loop-in-call"));
    put("erin", "attention", sol("attention"));
    put("frank", "softmax", sol("softmax"));
    put("gina", "softmax", sol("softmax"));
    put("gina", "attention", sol("attention"));
    writeFileSync(join(classDir, "gina", "SUBMITTED_AT"), "2026-01-12T09:00:00Z\n");
    for (const s of ["alice", "bob", "carol", "dave", "erin", "frank"]) writeFileSync(join(classDir, s, "SUBMITTED_AT"), "2026-01-09T09:00:00Z\n");
    before = snapshot([classDir, ...watched]);
    reportsOut = out;
    _plain = await gradeClass({ classDir, outDir: out, assignment: { ...assignment, hiddenDraws: 0 }, jobs: 2 });
  }, 600_000);

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("writes a gradebook with one row per student and one column per exercise", () => {
    const header = readFileSync(join(out, "gradebook.csv"), "utf8").split("\n")[0];
    expect(header).toBe("student,softmax,attention,raw_total,total,max,late,days_late,status,submitted_at,time_source");
    expect(Object.keys(csvRows(out))).toEqual(["alice", "bob", "carol", "dave", "erin", "frank", "gina"]);
  });

  it("gives full marks to a correct submission", () => {
    expect(csvRows(out).alice).toMatchObject({ softmax: 10, attention: 20, total: 30, max: 30, status: "ok", late: "no" });
  });

  it("awards partial credit check by check, with the assignment's override", () => {
    const bob = csvRows(out).bob;
    const report = JSON.parse(readFileSync(join(out, "reports", "bob.json"), "utf8"));
    const checksOf = (ex: string): { id: string; passed: boolean }[] => report.exercises.find((e: { exercise: string }) => e.exercise === ex).report.checks;
    // A sweep draw of a failing case fails too (and only those): its checks are named after the case.
    const sweepOf = (ex: string, cases: string[]) =>
      checksOf(ex).filter((c) => cases.some((k) => new RegExp(`^(output|gradient)/sweep-${k}-\\d+$`).test(c.id)));
    const softFails = ["extreme-logits", "rows-apart"];
    const softSweep = sweepOf("softmax", softFails);
    expect(softSweep.every((c) => !c.passed)).toBe(true);
    const softLost = [...softFails.flatMap((c) => [`output/${c}`, `gradient/${c}`]), ...softSweep.map((c) => c.id)];
    expect(bob.softmax).toBe(expected("softmax", softLost));
    // Scaling by √d_v where d_k ≠ d_v: at least these cases fail, and only value, property and cross-backend checks (never
    // exports or hygiene); the score is then the weights' arithmetic, with the override.
    const scaleCases = ["self-attention", "cross-attention", "square-k", "padding-mask", "causal-mask", "rank4-heads"];
    const attnFails = checksOf("attention")
      .filter((c) => !c.passed)
      .map((c) => c.id);
    expect(attnFails).toEqual(expect.arrayContaining(scaleCases.flatMap((c) => [`output/${c}`, `gradient/${c}`])));
    expect(attnFails.filter((id) => !/^(output|gradient|property|backend)\//.test(id))).toEqual([]);
    // Not output/large-scores: there the real keys' scores are so far apart that either scale picks the same key.
    expect(attnFails).not.toContain("output/large-scores");
    expect(bob.attention).toBe(expected("attention", attnFails, { "output/cross-attention": 6 }, 20));
    const lost = report.exercises.find((e: { exercise: string }) => e.exercise === "softmax").lost.map((l: { check: string }) => l.check);
    expect([...lost].sort()).toEqual([...softLost].sort());
  });

  it("gives a broken file no points for that exercise and keeps the other", () => {
    expect(csvRows(out).carol).toMatchObject({ softmax: 0, attention: 20, status: "error" });
  });

  it("contains a hostile submission: 'not allowed', and nothing outside the output folder changed", () => {
    expect(csvRows(out).dave).toMatchObject({ softmax: 0, attention: 20, status: "not allowed" });
    expect(existsSync(join(root, "pwned.txt"))).toBe(false);
    expect(existsSync(join(root, "pwned2.txt"))).toBe(false);
    expect(snapshot([classDir, ...watched])).toBe(before);
  });

  it("turns an infinite loop into a timeout without touching other students", () => {
    expect(csvRows(out).erin).toMatchObject({ attention: 20, status: "timeout" });
    expect(csvRows(out).erin.softmax).toBeLessThan(1);
  });

  it("scores a missing file as 0 and says so", () => {
    expect(csvRows(out).frank).toMatchObject({ softmax: 10, attention: 0, total: 10, status: "missing" });
  });

  it("applies the late rule from the submission time, keeping the raw total beside it", () => {
    expect(csvRows(out).gina).toMatchObject({ raw: 30, total: 24, late: "yes", daysLate: 2, status: "ok", timeSource: "SUBMITTED_AT" });
    expect(csvRows(out).alice).toMatchObject({ raw: 30, total: 30, late: "no", timeSource: "SUBMITTED_AT" });
  });

  it("writes a class report: pass rates, diagnosed bugs with counts, distribution, late and missing", () => {
    const md = readFileSync(join(out, "class-report.md"), "utf8");
    const bankBug = (id: string, name: string) => /@expect fail (\S+)/.exec(readFileSync(bank(id, name), "utf8"))![1];
    // Teachers see the diagnosed bugs even though this assignment hides diagnoses from students.
    expect(md).toMatch(new RegExp(`\\| softmax \\| ${bankBug("softmax", "wrong-no-max-shift")} \\| 1 \\|`));
    expect(md).toMatch(new RegExp(`\\| attention \\| ${bankBug("attention", "wrong-scale-dk")} \\| 1 \\|`));
    // Every student submitted softmax; only alice, frank and gina (the solution) pass extreme-logits.
    expect(md).toContain("| output/extreme-logits | 3 | 7 | 42.9% |");
    expect(md).toMatch(/## Score distribution/);
    expect(md).toMatch(/\| gina \| 2026-01-12T09:00:00.000Z \| SUBMITTED_AT \| 2 \| 0.8 \|/);
    expect(md).toMatch(/No attention\.ts: frank\./);
    expect(md).toMatch(/\| dave \| softmax \| not allowed \|/);
    expect(readFileSync(join(out, "class-report.html"), "utf8")).toMatch(/<h2>Most common diagnosed bugs<\/h2>/);
  });

  it("writes each student a feedback file with every lost point, its check and message", () => {
    const fb = readFileSync(join(out, "feedback", "bob.md"), "utf8");
    const bob = JSON.parse(readFileSync(join(out, "reports", "bob.json"), "utf8"));
    for (const e of bob.exercises) for (const l of e.lost) expect(fb).toContain(`- **−${l.lost}** \`${l.check}\`: ${l.message}`);
    expect(fb).not.toMatch(/Likely cause/); // showDiagnoses: false
    expect(JSON.stringify(bob)).not.toMatch(/"diagnosed"/);
  });

  it("hides diagnoses from student reports when the assignment says so", () => {
    const report = readFileSync(join(out, "reports", "bob.json"), "utf8");
    expect(report).not.toMatch(/"diagnosis"/);
    expect(report).not.toMatch(/Likely bug/);
  });

  it("writes JUnit XML with a suite per student", () => {
    const xml = readFileSync(join(out, "junit.xml"), "utf8");
    expect(xml.match(/<testsuite /g)).toHaveLength(7);
    expect(xml).toMatch(/<testsuite name="alice" tests="\d+" failures="0">/);
  });

  it("reuses unchanged submissions on a re-run and regrades a changed one", async () => {
    const again = await gradeClass({ classDir, outDir: out, assignment: { ...assignment, hiddenDraws: 0 }, jobs: 2 });
    expect(again.reused).toBe(7);
    expect(again.graded).toBe(0);
    put("frank", "attention", sol("attention"));
    const third = await gradeClass({ classDir, outDir: out, assignment: { ...assignment, hiddenDraws: 0 }, jobs: 2 });
    expect(third.graded).toBe(1);
    expect(csvRows(out).frank).toMatchObject({ attention: 20, total: 30, status: "ok" });
  }, 300_000);

  it("draws hidden cases from the secret, shows no hidden inputs, and writes the secret nowhere", async () => {
    const secretOut = join(root, "with-secret");
    const res = await gradeClass({ classDir, outDir: secretOut, assignment, secret: SECRET, jobs: 2 });
    const alice = res.grades.find((g) => g.student === "alice")!;
    const checks = alice.exercises[0].report!.checks;
    const hidden = checks.filter((c) => c.id.includes("hidden-"));
    expect(hidden.length).toBeGreaterThan(5);
    expect(alice.total).toBe(30);
    const bob = res.grades.find((g) => g.student === "bob")!;
    const hiddenFail = bob.exercises[0].report!.checks.find((c) => c.id.startsWith("output/hidden-") && !c.passed)!;
    expect(hiddenFail.message).not.toMatch(/\d\.\d|expected|shape/);
    for (const dir of [secretOut, classDir]) {
      const walk = (d: string): string[] =>
        readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
      for (const f of walk(dir)) expect(readFileSync(f, "utf8").includes(SECRET)).toBe(false);
    }
  }, 600_000);

  it("loses nothing already written when interrupted, and a re-run picks up from there", async () => {
    const cutOut = join(root, "interrupted");
    const child = spawn(process.execPath, ["--import", "tsx", join(COURSE_ROOT, "graders/cli/grade.ts"), "--class", classDir, "--out", cutOut, "--jobs", "1"], {
      cwd: COURSE_ROOT,
      env: { ...process.env, CI: "1" },
    });
    await new Promise<void>((resolve) => {
      child.stdout.on("data", (d: Buffer) => {
        if (/graded \S+ \(2\//.test(d.toString())) child.kill("SIGKILL");
      });
      child.on("close", () => resolve());
    });
    const written = readdirSync(join(cutOut, "reports")).filter((f) => f.endsWith(".json"));
    expect(written.length).toBeGreaterThanOrEqual(2);
    for (const f of written) expect(() => JSON.parse(readFileSync(join(cutOut, "reports", f), "utf8"))).not.toThrow();
    const rows = readFileSync(join(cutOut, "gradebook.csv"), "utf8").trim().split("\n");
    expect(rows.length).toBe(written.length + 1);
    const resumed = await gradeClass({
      classDir,
      outDir: cutOut,
      assignment: parseAssignment(JSON.stringify({ exercises: EXERCISE_IDS.map((id) => ({ id, points: 10 })) }), "default.json"),
      jobs: 2,
    });
    expect(resumed.reused).toBe(written.length);
  }, 600_000);

  it("rejects a malformed assignment with the path of each bad field", () => {
    expect(() => parseAssignment('{"exercises":[{"id":"softmax","points":0}],"late":{"penaltyPerDay":0.1,"maxDaysLate":2}}', "a.json")).toThrow(
      AssignmentError,
    );
    try {
      parseAssignment("exercises:\n  - id: sofmax\n    points: 3\nshowDiagnoses: maybe\n", "a.yaml");
    } catch (e) {
      expect((e as Error).message).toMatch(/exercises\.0\.id/);
      expect((e as Error).message).toMatch(/showDiagnoses/);
    }
    expect(() => parseAssignment("{ not json", "a.json")).toThrow(/not valid JSON/);
  });
});
