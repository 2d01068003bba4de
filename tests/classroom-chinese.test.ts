/**
 * An assignment in Chinese (`"lang": "zh"`, or `--lang zh` on the command line): what
 * students read — their feedback file, the GitHub job summary, Classroom's test messages and
 * the JUnit failures — and the teacher's class report are in Chinese, from the same catalogue
 * and grader texts as the site and `npm run grade -- --lang zh`. An English assignment is unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AssignmentError, parseAssignment } from "../classroom/assignment.js";
import { gradeClass, type ClassResult } from "../classroom/batch.js";
import { classroomPayload, summaryMarkdown } from "../classroom/outputs.js";
import { bankDir } from "../graders/paths.js";
import { COURSE_ROOT } from "./helpers.js";

const root = mkdtempSync(join(tmpdir(), "class-zh-"));
const classDir = join(root, "class");
const assignment = (lang: "en" | "zh") =>
  parseAssignment(
    JSON.stringify({
      title: "第三周",
      lang,
      exercises: [
        { id: "softmax", points: 10 },
        { id: "rope", points: 10 },
      ],
      showDiagnoses: true,
      hiddenDraws: 0,
    }),
    "assignment.json",
  );
const HAN = /[\u3400-\u9fff]/;

let zh: ClassResult;
let en: ClassResult;
beforeAll(async () => {
  // One student with a diagnosed softmax bug and no rope file.
  mkdirSync(join(classDir, "lin", "exercises"), { recursive: true });
  copyFileSync(join(bankDir("softmax"), "wrong-no-max-shift.ts"), join(classDir, "lin", "exercises", "softmax.ts"));
  zh = await gradeClass({ classDir, outDir: join(root, "out-zh"), assignment: assignment("zh") });
  en = await gradeClass({ classDir, outDir: join(root, "out-en"), assignment: assignment("en") });
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("an assignment in Chinese", () => {
  it("writes the student's feedback in Chinese, with the checks' Chinese messages and diagnoses", () => {
    const fb = readFileSync(join(root, "out-zh", "feedback", "lin.md"), "utf8");
    const g = zh.grades[0];
    const softmax = g.exercises.find((e) => e.exercise === "softmax")!;
    const diagnosed = softmax.lost.find((l) => l.diagnosis);
    expect(diagnosed, "the bank file's bug is diagnosed").toBeDefined();
    expect(fb).toContain("第三周：lin 的反馈");
    expect(fb).toContain(`${diagnosed!.zh.message}`);
    expect(fb).toContain(`可能的原因：${diagnosed!.zh.diagnosis!.replace(/^可能的错误：/, "")}`);
    expect(fb).toContain("没有提交 rope.ts");
    expect(diagnosed!.zh.message).toMatch(HAN);
    expect(diagnosed!.zh.message).not.toBe(diagnosed!.message);
  });

  it("writes the job summary, Classroom's test messages and JUnit failures in Chinese", () => {
    const g = zh.grades[0];
    const summary = summaryMarkdown("第三周", g, "zh");
    expect(summary).toMatch(/^## 第三周：\d+(\.\d+)? \/ 20 分/);
    expect(summary).toContain("| 练习 | 得分 | 状态 | 失分检查 |");
    expect(summary).toContain("_诊断：_");
    expect(summary).toContain("| rope | 0 / 10 | 未提交 | 1 |");
    const payload = JSON.parse(Buffer.from(classroomPayload(g, "zh"), "base64").toString("utf8")) as { tests: { name: string; message: string }[] };
    expect(payload.tests.find((t) => t.name === "rope")?.message).toContain("没有提交 rope.ts");
    expect(payload.tests.find((t) => t.name === "softmax")?.message).toMatch(HAN);
    const junit = readFileSync(join(root, "out-zh", "junit.xml"), "utf8");
    const failures = [...junit.matchAll(/<failure message="([^"]*)">/g)].map((m) => m[1]);
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.filter((f) => HAN.test(f)).length, "every failure titled in Chinese").toBe(failures.length);
  });

  it("writes the teacher's class report in Chinese, with the bugs' Chinese diagnoses", () => {
    const md = readFileSync(join(root, "out-zh", "class-report.md"), "utf8");
    const diagnosed = zh.grades[0].exercises.find((e) => e.exercise === "softmax")!.diagnosed[0];
    expect(md).toMatch(/^# 第三周：全班报告\n/);
    for (const heading of ["## 概览", "## 分数分布（已扣晚交分）", "## 通过率：softmax", "## 最常见的已诊断错误", "## 缺交", "## 未正常结束的运行"])
      expect(md).toContain(heading);
    expect(md).toContain("| 检查 | 通过 | 运行 | 通过率 |");
    expect(diagnosed.zh).toMatch(HAN);
    expect(md).toContain(`| softmax | ${diagnosed.bug} | 1 | ${diagnosed.zh} |`);
    expect(md).toContain("没有 rope.ts：lin。");
    expect(readFileSync(join(root, "out-zh", "class-report.html"), "utf8")).toContain('<html lang="zh-CN">');
    expect(readFileSync(join(root, "out-en", "class-report.md"), "utf8")).toMatch(/^# 第三周: class report\n[\s\S]*## Most common diagnosed bugs/);
  });

  it("leaves an English assignment in English", () => {
    const g = en.grades[0];
    const fb = readFileSync(join(root, "out-en", "feedback", "lin.md"), "utf8");
    expect(fb).toContain("# 第三周: feedback for lin");
    expect(fb).toContain("no rope.ts was submitted");
    expect(fb).toContain("Likely cause:");
    expect(summaryMarkdown("Week 3", g, "en")).toContain("| exercise | points | status | checks lost |");
    expect(readFileSync(join(root, "out-en", "junit.xml"), "utf8")).not.toMatch(/<failure message="[^"]*[\u3400-\u9fff]/);
  });

  it("speaks Chinese in the teacher's terminal with --lang zh, which overrides an English assignment", () => {
    const file = join(root, "assignment-en.json");
    writeFileSync(
      file,
      JSON.stringify({
        title: "Week 3",
        exercises: [
          { id: "softmax", points: 10 },
          { id: "rope", points: 10 },
        ],
        hiddenDraws: 0,
      }),
    );
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", "graders/cli/grade.ts", "--class", classDir, "--out", join(root, "out-cli"), "--assignment", file, "--lang", "zh"],
      {
        cwd: COURSE_ROOT,
        encoding: "utf8",
        env: { ...process.env, CI: "1" },
        timeout: 240_000,
      },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("已评 lin（1/1）");
    expect(run.stdout).toMatch(/Week 3: 1 名学生，用时 [\d.]+ 秒（评分 1 名，0 名未改动而沿用）；0 名满分/);
    expect(readFileSync(join(root, "out-cli", "feedback", "lin.md"), "utf8")).toContain("Week 3：lin 的反馈");
  });

  it("refuses a language it does not have, naming the field", () => {
    expect(() => parseAssignment(JSON.stringify({ lang: "fr", exercises: [{ id: "softmax", points: 1 }] }), "a.json")).toThrow(AssignmentError);
    expect(() => parseAssignment(JSON.stringify({ lang: "fr", exercises: [{ id: "softmax", points: 1 }] }), "a.json")).toThrow(/lang/);
  });
});
