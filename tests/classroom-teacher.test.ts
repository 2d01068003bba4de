/**
 * What a teacher meets around the grades: where submission times come from, what the
 * assignment validator refuses, odd student folder names and spreadsheet formulas, the
 * roster, and the CLI's refusals, exit statuses and Ctrl-C.
 */
import { afterAll, describe, expect, it } from "vitest";
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AssignmentError, lateFactor, parseAssignment } from "../classroom/assignment.js";
import { gradeClass } from "../classroom/batch.js";
import { csvCell } from "../classroom/outputs.js";
import { loadRoster, parseCsv, rosterMatches } from "../classroom/roster.js";
import { parseTime, submissionTime } from "../classroom/submitted-at.js";
import { COURSE_ROOT } from "./helpers.js";

const root = mkdtempSync(join(tmpdir(), "teacher-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const sol = (id: string) => join(COURSE_ROOT, "solutions", `${id}.ts`);
const cli = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ["--import", "tsx", "graders/cli/grade.ts", ...args], {
    cwd: COURSE_ROOT,
    encoding: "utf8",
    env: { ...process.env, CI: "1", ...env },
    timeout: 240_000,
  });

function gitRepo(dir: string, committedAt: string): void {
  mkdirSync(dir, { recursive: true });
  const env = {
    ...process.env,
    GIT_AUTHOR_DATE: committedAt,
    GIT_COMMITTER_DATE: committedAt,
    GIT_AUTHOR_NAME: "s",
    GIT_AUTHOR_EMAIL: "s@x",
    GIT_COMMITTER_NAME: "s",
    GIT_COMMITTER_EMAIL: "s@x",
  };
  execFileSync("git", ["init", "-q", dir], { env });
  writeFileSync(join(dir, "softmax.ts"), "export {};\n");
  execFileSync("git", ["-C", dir, "add", "."], { env });
  execFileSync("git", ["-C", dir, "commit", "-qm", "work"], { env });
}

describe("submission times", () => {
  it("in a repository, take the last commit's time; a student's SUBMITTED_AT does not beat it", () => {
    const dir = join(root, "repo");
    gitRepo(dir, "2026-01-09T10:00:00+02:00");
    writeFileSync(join(dir, "SUBMITTED_AT"), "2020-01-01T00:00:00Z\n");
    const t = submissionTime(dir);
    expect(t).toMatchObject({ source: "git commit", at: new Date("2026-01-09T08:00:00Z") });
    expect(t.warnings).toEqual([expect.stringMatching(/SUBMITTED_AT is ignored in a git repository/)]);
  });

  it("prefer the time the teacher's side recorded (ISO or GitHub's Unix seconds) over the commit", () => {
    const dir = join(root, "repo");
    expect(submissionTime(dir, "2026-01-10T00:00:00Z")).toMatchObject({ source: "recorded", at: new Date("2026-01-10T00:00:00Z") });
    expect(submissionTime(dir, "1767916800")).toMatchObject({ source: "recorded", at: new Date(1767916800 * 1000) });
  });

  it("turn an unparsable value into a warning and try the next source, never 'now'", () => {
    const fromRepo = submissionTime(join(root, "repo"), "yesterday-ish");
    expect(fromRepo.source).toBe("git commit");
    expect(fromRepo.warnings[0]).toMatch(/"yesterday-ish" is not an ISO date/);
    const plain = join(root, "plain");
    mkdirSync(plain);
    writeFileSync(join(plain, "SUBMITTED_AT"), "9 Jan 2026\n");
    expect(submissionTime(plain)).toMatchObject({
      at: null,
      source: "none",
      warnings: [expect.stringMatching(/SUBMITTED_AT holds "9 Jan 2026", not an ISO date/)],
    });
    expect(parseTime("2026-01-09T10:00:00")).toBeNull(); // no time zone: which moment?
  });

  it("read SUBMITTED_AT only in a folder that is not a repository", () => {
    const plain = join(root, "export");
    mkdirSync(plain);
    writeFileSync(join(plain, "SUBMITTED_AT"), "2026-01-09T09:00:00Z");
    expect(submissionTime(plain)).toMatchObject({ source: "SUBMITTED_AT", at: new Date("2026-01-09T09:00:00Z") });
  });

  it("apply lateness per started day; a deadline without a late rule gives 0 when late; unknown time deducts nothing", () => {
    const a = parseAssignment('{"exercises":[{"id":"softmax","points":10}],"deadline":"2026-01-10T12:00:00Z"}', "a.json");
    expect(lateFactor(a, new Date("2026-01-10T12:00:00Z"))).toEqual({ daysLate: 0, factor: 1 });
    expect(lateFactor(a, new Date("2026-01-10T12:00:01Z"))).toEqual({ daysLate: 1, factor: 0 });
    expect(lateFactor(a, null)).toEqual({ daysLate: 0, factor: 1 });
    const ruled = { ...a, late: { penaltyPerDay: 0.25, maxDaysLate: 2 } };
    expect(lateFactor(ruled, new Date("2026-01-11T13:00:00Z"))).toEqual({ daysLate: 2, factor: 0.5 });
    expect(lateFactor(ruled, new Date("2026-01-12T13:00:00Z"))).toEqual({ daysLate: 3, factor: 0 });
  });
});

describe("assignment validation", () => {
  const problems = (text: string, source = "a.yaml") => {
    try {
      parseAssignment(text, source);
    } catch (e) {
      expect(e).toBeInstanceOf(AssignmentError);
      return (e as Error).message;
    }
    throw new Error("the assignment was accepted");
  };

  it("names an unknown check id, with the command that lists the real ones", () => {
    const m = problems("exercises:\n  - id: attention\n    points: 10\n    checks:\n      output/cross-atention: 4\n");
    expect(m).toMatch(
      /exercises\.0\.checks\.output\/cross-atention: attention has no check "output\/cross-atention" \(list them: npm run grade -- --list-checks attention\)/,
    );
    expect(() => parseAssignment("exercises:\n  - id: attention\n    points: 10\n    checks:\n      output/cross-attention: 4\n", "a.yaml")).not.toThrow();
  });

  it("names unknown keys at every level", () => {
    expect(problems('{"exercises":[{"id":"softmax","points":10}],"dealine":"2026-01-01T00:00:00Z"}', "a.json")).toMatch(/\(top level\): .*dealine/);
    expect(problems('{"exercises":[{"id":"softmax","points":10,"weight":2}]}', "a.json")).toMatch(/exercises\.0: .*weight/);
    expect(
      problems(
        '{"exercises":[{"id":"softmax","points":10}],"deadline":"2026-01-01T00:00:00Z","late":{"penaltyPerDay":0.1,"maxDaysLate":2,"grace":1}}',
        "a.json",
      ),
    ).toMatch(/late: .*grace/);
  });

  it("refuses a deadline without a time zone", () => {
    expect(problems("exercises:\n  - id: softmax\n    points: 10\ndeadline: 2026-12-01T23:59:00\n")).toMatch(
      /deadline: must be an ISO date and time with a time zone/,
    );
    expect(problems("exercises:\n  - id: softmax\n    points: 10\ndeadline: 2026-12-01\n")).toMatch(/deadline: must be/);
  });
});

describe("spreadsheet safety and odd folder names", () => {
  it("neutralises every text cell a spreadsheet would run as a formula, and keeps numbers", () => {
    for (const s of ["=1+1", "+1", "-2+3+cmd|' /C calc'!A0", "@SUM(A1)", "\t=1", "\r=1"]) expect(csvCell(s).replace(/^"|"$/g, "").startsWith("'")).toBe(true);
    expect(csvCell(-2)).toBe("-2");
    expect(csvCell("alice")).toBe("alice");
    // Quotes, commas and newlines survive a round trip; a formula inside the text is not at the start.
    expect(parseCsv(`${csvCell('say "hi",\n=x')},${csvCell("=x")}\n`)).toEqual([['say "hi",\n=x', "'=x"]]);
  });

  it("grades folders named with spaces, Unicode or a leading = + - @, joins the roster, and lists who is missing", async () => {
    const classDir = join(root, "odd");
    const names = ['=HYPERLINK("x")', "+1+cmd", "-2+3", "@SUM(A1)", "Zoë Ångström", "with space"];
    for (const n of names) mkdirSync(join(classDir, n), { recursive: true });
    copyFileSync(sol("softmax"), join(classDir, "with space", "softmax.ts"));
    const roster = join(root, "roster.csv");
    writeFileSync(roster, 'folder,name,student_id\nwith space,"Space, Sam",S-001\nZoë Ångström,Zoë Ångström,=S002\nnobody,No Body,S-003\n');
    const a = parseAssignment('{"exercises":[{"id":"softmax","points":10}],"deadline":"2026-01-10T12:00:00Z"}', "a.json");
    const res = await gradeClass({ classDir, outDir: join(root, "odd-out"), assignment: a, roster: loadRoster(roster), jobs: 1 });
    expect(res.grades.map((g) => g.student).sort()).toEqual([...names].sort());
    expect(res.noSubmission).toEqual(["nobody"]);
    const rows = parseCsv(readFileSync(join(root, "odd-out", "gradebook.csv"), "utf8"));
    expect(rows[0]).toEqual([
      "student",
      "name",
      "student_id",
      "softmax",
      "raw_total",
      "total",
      "max",
      "late",
      "days_late",
      "status",
      "submitted_at",
      "time_source",
    ]);
    for (const r of rows.slice(1)) for (const c of r) expect(c).not.toMatch(/^[=+\-@]/);
    const byName = new Map(rows.slice(1).map((r) => [r[0], r]));
    expect(byName.get('\'=HYPERLINK("x")')).toBeDefined();
    expect(byName.get("with space")).toEqual(["with space", "Space, Sam", "S-001", "10", "10", "10", "10", "unknown", "0", "ok", "unknown", "none"]);
    expect(byName.get("Zoë Ångström")!.slice(1, 3)).toEqual(["Zoë Ångström", "'=S002"]);
    expect(byName.get("nobody")).toEqual(["nobody", "No Body", "S-003", "", "", "", "", "", "", "no submission", "", ""]);
    expect(existsSync(join(root, "odd-out", "feedback", "-2+3.md"))).toBe(true);
    expect(readFileSync(join(root, "odd-out", "class-report.md"), "utf8")).toMatch(/On the roster but no folder: nobody\./);
  }, 120_000);

  it("matches GitHub usernames to Classroom's '<assignment>-<username>' folders", () => {
    const e = { key: "Alice-Dev", by: "github" as const, name: "Alice", studentId: "1" };
    expect(rosterMatches(e, "week3-alice-dev")).toBe(true);
    expect(rosterMatches(e, "alice-dev")).toBe(true);
    expect(rosterMatches(e, "week3-malice-dev")).toBe(false);
  });
});

describe("the class CLI", () => {
  it("refuses an --out that is a file, naming it", () => {
    const file = join(root, "not-a-folder");
    writeFileSync(file, "x");
    mkdirSync(join(root, "one", "ann"), { recursive: true });
    const r = cli(["--class", join(root, "one"), "--out", file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--out .*not-a-folder is a file, not a folder/);
  });

  it("exits non-zero for an empty class, and for skipped folders, with a list", () => {
    mkdirSync(join(root, "empty"));
    const empty = cli(["--class", join(root, "empty"), "--out", join(root, "empty-out")]);
    expect(empty.status).toBe(1);
    expect(empty.stderr).toMatch(/has no student folders/);
    const linked = join(root, "linked");
    mkdirSync(join(linked, "ann"), { recursive: true });
    symlinkSync(join(root, "one", "ann"), join(linked, "bob"));
    const r = cli(["--class", linked, "--out", join(root, "linked-out")]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/skipped bob: a link to another folder/);
    expect(r.stderr).toMatch(/1 student folder\(s\) or file\(s\) not graded/);
  });

  it("regrades everything with --force, only the named student with --only, and refuses an unknown --only", async () => {
    const classDir = join(root, "pair");
    for (const s of ["ann", "ben"]) mkdirSync(join(classDir, s), { recursive: true });
    const a = parseAssignment('{"exercises":[{"id":"softmax","points":10}]}', "a.json");
    const out = join(root, "pair-out");
    await gradeClass({ classDir, outDir: out, assignment: a });
    expect((await gradeClass({ classDir, outDir: out, assignment: a })).reused).toBe(2);
    expect((await gradeClass({ classDir, outDir: out, assignment: a, force: true })).graded).toBe(2);
    const only = await gradeClass({ classDir, outDir: out, assignment: a, only: ["ben"] });
    expect([only.graded, only.reused]).toEqual([1, 1]);
    const r = cli(["--class", classDir, "--out", out, "--only", "carl"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--only carl: no student folder of that name/);
  });

  it("stops on Ctrl-C through npm: every grading process ends, finished students are kept", async () => {
    const classDir = join(root, "slow");
    for (const s of ["a", "b", "c"]) {
      mkdirSync(join(classDir, s), { recursive: true });
      copyFileSync(join(COURSE_ROOT, "tests/hostile/loop-in-call.ts"), join(classDir, s, "softmax.ts"));
    }
    writeFileSync(join(root, "slow.json"), '{"exercises":[{"id":"softmax","points":10}],"timeoutMs":60000}');
    // A process group of its own, signalled as a whole: what a terminal's Ctrl-C does.
    const npm = spawn(
      "npm",
      ["run", "grade", "--", "--class", classDir, "--out", join(root, "slow-out"), "--jobs", "1", "--assignment", join(root, "slow.json")],
      {
        cwd: COURSE_ROOT,
        env: { ...process.env, CI: "1" },
        detached: true,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    npm.stdout.on("data", (d: Buffer) => (output += d));
    npm.stderr.on("data", (d: Buffer) => (output += d));
    const closed = new Promise<string>((resolve) => npm.on("close", (code, signal) => resolve(signal ?? String(code))));
    let family: number[] = [];
    for (let i = 0; i < 120 && !family.some((p) => cmdline(p).includes("node-child")); i++) {
      await new Promise((r) => setTimeout(r, 500));
      family = descendants(npm.pid!);
    }
    expect(family.some((p) => cmdline(p).includes("node-child"))).toBe(true);
    process.kill(-npm.pid!, "SIGINT");
    // npm passes the interrupt on as its own death by SIGINT (a shell's $? reads 130).
    expect(["130", "SIGINT"]).toContain(await closed);
    expect(output).toMatch(/interrupted: 0 students finished/);
    await new Promise((r) => setTimeout(r, 300));
    expect(family.filter((p) => existsSync(`/proc/${p}`))).toEqual([]);
  }, 180_000);
});

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
  } catch {
    return "";
  }
}

function descendants(pid: number): number[] {
  let children: number[] = [];
  try {
    for (const t of readdirSync(`/proc/${pid}/task`)) {
      children.push(...readFileSync(`/proc/${pid}/task/${t}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number));
    }
  } catch {
    children = [];
  }
  return children.flatMap((c) => [c, ...descendants(c)]);
}
