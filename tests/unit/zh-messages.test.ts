/**
 * Chinese throughout (issue 13), the grader's part: every catalogue message and every
 * exercise text has a Chinese version, a Chinese report of real gradings reads as Chinese
 * (no English sentence outside identifiers and what the submission itself wrote) and names
 * the same bugs, and the CLI speaks it with --lang zh.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CATALOGUE } from "../../graders/engine/catalogue.js";
import { placeholders } from "../../graders/engine/i18n.js";
import { localizeReport } from "../../graders/engine/localize.js";
import type { Report } from "../../graders/engine/report.js";
import { GRADERS } from "../../graders/index.js";
import { gradeFile } from "../../graders/node.js";

const HAN = /[\u3400-\u9fff]/;
/** An English word of a template (placeholders removed): a template with none needs no Han character. */
const hasEnglishWord = (s: string) => /[A-Za-z]{2,}/.test(s.replace(/\{\w+\}/g, ""));

describe("the message catalogue", () => {
  it.each(Object.entries(CATALOGUE))("%s has a Chinese version with the same parameters", (_key, entry) => {
    expect(entry.zh.trim()).not.toBe("");
    expect(new Set(placeholders(entry.zh))).toEqual(new Set(placeholders(entry.en)));
    if (hasEnglishWord(entry.en)) expect(entry.zh).toMatch(HAN);
  });
});

/** Every bug id the engine itself can name, read from its source: a `bug: "<id>"` anywhere under graders/engine or in cross-backend.ts. */
function engineBugIds(): string[] {
  const files = readdirSync("graders/engine", { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .map((f) => join("graders/engine", f));
  const ids = new Set<string>();
  for (const f of [...files, "graders/cross-backend.ts"]) {
    for (const m of readFileSync(f, "utf8").matchAll(/\bbug:[^\n]*?"([a-z][a-z0-9-]+)"/g)) ids.add(m[1]);
  }
  return [...ids].sort();
}

describe("every bug a grader can name has a Chinese diagnosis", () => {
  const ids = engineBugIds();

  it("the engine's bug ids were found in its source", () => {
    expect(ids).toEqual(expect.arrayContaining(["not-implemented", "wrong-dtype", "uses-builtin", "not-allowed", "backend-dependent"]));
  });

  it.each(ids)("engine bug %s has a catalogue entry bug.<id>", (id) => {
    expect(Object.keys(CATALOGUE)).toContain(`bug.${id}`);
  });

  for (const [exercise, def] of Object.entries(GRADERS)) {
    it(`${exercise}: every bug, case and property has Chinese`, () => {
      for (const b of def.bugs) {
        expect(b.zh?.title, `${b.fn}/${b.id}`).toMatch(HAN);
        expect(b.zh?.advice, `${b.fn}/${b.id}`).toMatch(HAN);
      }
      // A title that is a call (`ropeFrequencies(8)`) may read the same; none may keep an English phrase.
      for (const c of def.spec.cases) {
        expect(c.titleZh, c.id).toBeDefined();
        expect(englishPhrases([c.titleZh ?? ""], []), c.id).toEqual([]);
      }
      for (const p of def.spec.properties) expect(p.titleZh, p.id).toMatch(HAN);
    });
  }
});

/** Text that must be Chinese: every text field of the localized report. */
function chineseTexts(r: Report): string[] {
  return [r.summary, ...r.checks.flatMap((c) => [c.title, c.message, c.diagnosis ?? ""])];
}

/**
 * Three English words in a row (letters only, one space apart) is an English phrase: an
 * identifier, a shape or `axis 省略` never is. `verbatim` is what the submission or the
 * transpiler wrote, which stays as it is.
 */
function englishPhrases(texts: string[], verbatim: string[]): string[] {
  const found: string[] = [];
  for (let text of texts) {
    for (const v of verbatim) text = text.split(v).join(" ");
    found.push(...(text.match(/(?<![\w.])[A-Za-z]{2,}(?: [A-Za-z]{2,}){2,}(?![\w(])/g) ?? []));
  }
  return found;
}

/** The load error the English summary quotes ("Error: the file failed to load: <error>."). */
function loadError(en: Report): string[] {
  const m = /^Error: the file failed to load: [A-Za-z]*: ([\s\S]*)\.$/.exec(en.summary);
  return m ? [m[1]] : [];
}

describe("a Chinese report of real gradings", { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), "zh-report-"));
  const syntaxError = join(dir, "softmax.ts");
  writeFileSync(syntaxError, 'import * as tf from "@tensorflow/tfjs";\nexport function softmax(x: tf.Tensor) {\n  return tf.exp(x x);\n}\n');
  const files: [string, string, string, string | null][] = [
    ["a known bug", "softmax", "graders/softmax/bank/wrong-no-max-shift.ts", "no-max-shift"],
    ["a known bug with a mask", "masking", "graders/masking/bank/wrong-fill-minus-1000.ts", "fill-minus-1000"],
    ["a syntax error", "softmax", syntaxError, null],
    ["a passing solution", "softmax", "solutions/softmax.ts", null],
  ];

  it.each(files)("%s (%s): Chinese texts, the same verdict and bugs", async (_what, exercise, file, bug) => {
    const en = await gradeFile(exercise as "softmax", file, { sweep: 0 });
    const zh = localizeReport(en, "zh");
    expect(zh.lang).toBe("zh");
    expect(zh.verdict).toBe(en.verdict);
    expect(zh.checks.map((c) => [c.id, c.passed, c.bug])).toEqual(en.checks.map((c) => [c.id, c.passed, c.bug]));
    if (bug) expect(zh.checks.map((c) => c.bug)).toContain(bug);
    expect(zh.summary).toMatch(HAN);
    for (const c of zh.checks) expect(c.title, c.id).toMatch(HAN);
    expect(englishPhrases(chineseTexts(zh), loadError(en))).toEqual([]);
    // The same detector finds the English of the same report: it can fail.
    expect(englishPhrases(chineseTexts(en), loadError(en))).not.toEqual([]);
    // The English report, which every existing consumer reads, is left as it was.
    expect(en.summary).not.toBe(zh.summary);
    expect(en.summary).toMatch(/^(All|Error|\d+ of)/);
  });
});

describe("npm run grade -- … --lang", () => {
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ["graders/cli/launch.mjs", ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });

  it("--lang zh prints the report in Chinese", () => {
    const r = cli("softmax", "solutions/softmax.ts", "--lang", "zh");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/softmax {2}通过 {2}[\d.]+\/[\d.]+ 分/);
    expect(r.stdout).toMatch(/全部 \d+ 项检查通过。/);
    expect(englishPhrases([r.stdout], [])).toEqual([]);
  });

  it("--json --lang zh carries the Chinese texts in the report's fields", () => {
    const r = cli("softmax", "graders/softmax/bank/wrong-no-max-shift.ts", "--json", "--lang", "zh");
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.lang).toBe("zh");
    const failed = report.checks.find((c) => c.bug === "no-max-shift");
    expect(failed?.diagnosis).toMatch(/^可能的错误：/);
  });

  it("an unknown language is a usage error", () => {
    const r = cli("softmax", "solutions/softmax.ts", "--lang", "fr");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown language "fr" \(choose en or zh\)/);
  });
});
