/**
 * The built site (dist/, built once by the global setup): no CDN anywhere, every internal
 * link resolves, every topic (at least 1–41) is complete in both languages, quiz banks validate and
 * grade, and no Chinese page copies the source notes.
 */
import { describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { CourseData, REQUIRED_TOPICS, topicFile } from "../../src/components/topics-schema.js";
import { gradeAnswer, QuizBank, type Question } from "../../src/components/quiz-schema.js";
import { resolvePath } from "../e2e/serve.js";
import { COURSE_ROOT } from "../helpers.js";
import { EXERCISE_IDS } from "../../graders/contract.js";
import { DEFAULT_NOTES, fingerprint, hashRun, readFingerprint, runs } from "../../scripts/notes-fingerprint.js";

const dist = join(COURSE_ROOT, "dist");
const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
const files = existsSync(dist) ? walk(dist) : [];
const html = files.filter((f) => f.endsWith(".html"));
const course = CourseData.parse(JSON.parse(readFileSync(join(COURSE_ROOT, "src/data/topics.json"), "utf8")));
const topics = course.topics;
const ERRATUM_REQUIRED = [5, 7, 8, 13, 19, 21, 22, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41];

describe("the built site", () => {
  it("was built, with the home pages, the drill pages and every exercise's two pages", () => {
    for (const p of [
      "index.html",
      "zh/index.html",
      "drill.html",
      "zh/drill.html",
      ...EXERCISE_IDS.flatMap((id) => [`exercises/${id}.html`, `zh/exercises/${id}.html`]),
    ]) {
      expect(existsSync(join(dist, p)), p).toBe(true);
    }
  });

  it("loads nothing from a CDN or any other host", () => {
    for (const f of html) {
      const doc = readFileSync(f, "utf8");
      for (const m of doc.matchAll(/<(?:script|link|img)\b[^>]*?\b(?:src|href)="([^"]+)"/g)) {
        expect(m[1], `${relative(dist, f)} loads ${m[1]}`).not.toMatch(/^(https?:)?\/\//);
      }
    }
    for (const f of files.filter((f) => f.endsWith(".js") || f.endsWith(".css"))) {
      const text = readFileSync(f, "utf8");
      expect(text, relative(dist, f)).not.toMatch(/cdn\.jsdelivr\.net|unpkg\.com|fonts\.googleapis\.com|esm\.sh/);
    }
  });

  it("resolves every internal link", () => {
    const broken: string[] = [];
    for (const f of html) {
      const doc = readFileSync(f, "utf8");
      for (const m of doc.matchAll(/<a\b[^>]*\bhref="([^"#?]+)[^"]*"/g)) {
        const href = m[1];
        if (/^([a-z]+:|\/\/)/.test(href)) continue;
        const target = href.startsWith("/") ? href : join("/", relative(dist, join(f, "..")), href);
        if (!resolvePath(dist, target)) broken.push(`${relative(dist, f)} → ${href}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("keeps tfjs off pages without an exercise", () => {
    // Framework preloads every module a page imports, transitively: tfjs would show up as a
    // /_node/@tensorflow/ module, the grading worker as a file attachment. (Prose may say "tfjs".)
    for (const f of html.filter((f) => !/exercises\//.test(f))) {
      const doc = readFileSync(f, "utf8");
      // The drill page knows the grading worker's URL, for a coding drill the learner may start
      // later (its editor and grader are imported then), but preloads none of it.
      if (/(^|\/)drill\.html$/.test(f)) expect(doc, relative(dist, f)).not.toMatch(/modulepreload[^>]*(_node\/@tensorflow|grader-worker|exercise\.)/);
      else expect(doc, relative(dist, f)).not.toMatch(/_node\/@tensorflow|grader-worker/);
    }
    expect(readFileSync(join(dist, "exercises/softmax.html"), "utf8")).toMatch(/grader-worker/);
  });

  it("renders all Markdown emphasis (no stray ** left in the text)", () => {
    // CommonMark does not close ** between CJK punctuation and a following character.
    const stray: string[] = [];
    for (const f of html) {
      const text = readFileSync(f, "utf8").replace(/<(script|pre|code|style)\b[\s\S]*?<\/\1>/g, "");
      for (const m of text.matchAll(/.{0,30}\*\*.{0,30}/g)) stray.push(`${relative(dist, f)}: ${m[0]}`);
    }
    expect(stray).toEqual([]);
  });
});

describe("the topics", () => {
  it("all exist in both languages, with a quiz bank, and are built", () => {
    const missing = topics.flatMap((t) => [
      ...(["en", "zh"] as const).filter((lang) => !existsSync(join(COURSE_ROOT, topicFile(lang, t)))).map((lang) => topicFile(lang, t)),
      ...(existsSync(join(COURSE_ROOT, `src/data/quizzes/${String(t.n).padStart(2, "0")}.json`)) ? [] : [`quiz ${t.n}`]),
    ]);
    expect(missing).toEqual([]);
    expect(topics.length).toBeGreaterThanOrEqual(REQUIRED_TOPICS);
    expect(topics.map((t) => t.n)).toEqual(Array.from({ length: topics.length }, (_, i) => i + 1));
  });

  it("are all in the sidebar's sections, and every section has a topic", () => {
    const used = new Set(topics.map((t) => t.section));
    expect(course.sections.map((s) => s.id).filter((id) => !used.has(id))).toEqual([]);
  });

  for (const t of topics) {
    it(`topic ${t.n} exists in both languages with its hooks, quiz and links`, () => {
      for (const lang of ["en", "zh"] as const) {
        const page = readFileSync(join(COURSE_ROOT, topicFile(lang, t)), "utf8");
        expect(page).toContain(`data-topic="${t.n}" data-lang="${lang}"`);
        expect(page).toContain(`lang: "${lang}"`);
        expect(page).toMatch(/class="short-answer"/);
        expect(page).toContain(`components/visuals/${t.visual}.js`);
        if (ERRATUM_REQUIRED.includes(t.n)) expect(page).toMatch(/data-testid="erratum"/);
        const other = lang === "en" ? "zh" : "en";
        expect(page).toContain(`href="/${other}/topics/${String(t.n).padStart(2, "0")}-${t.slug}"`);
        expect(page, "${ starts a Framework expression").not.toMatch(/\$\{/);
        const built = join(dist, `${lang}/topics/${String(t.n).padStart(2, "0")}-${t.slug}.html`);
        expect(existsSync(built)).toBe(true);
      }
    });

    it(`topic ${t.n}'s quiz validates, accepts its answers and rejects wrong ones, in both languages`, () => {
      const bank = QuizBank.parse(JSON.parse(readFileSync(join(COURSE_ROOT, `src/data/quizzes/${String(t.n).padStart(2, "0")}.json`), "utf8")));
      expect(bank.topic).toBe(t.n);
      expect(new Set(bank.questions.map((q) => q.kind))).toEqual(new Set(["single", "multiple", "numeric", "code"]));
      for (const q of bank.questions) {
        expect(q.explanation.en.length).toBeGreaterThan(20);
        expect(q.explanation.zh.length).toBeGreaterThan(10);
        expect(gradeAnswer(q, q.answer as never)).toBe(true);
        expect(gradeAnswer(q, wrongAnswer(q))).toBe(false);
      }
    });
  }
});

function wrongAnswer(q: Question): number | number[] {
  switch (q.kind) {
    case "single":
    case "code":
      return (q.answer + 1) % q.choices.length;
    case "multiple":
      return q.answer.length > 1 ? q.answer.slice(1) : [...q.answer, q.choices.findIndex((_, i) => !q.answer.includes(i))];
    case "numeric":
      return q.answer + 10 * q.tolerance + 1;
  }
}

describe("originality of the Chinese pages", () => {
  // The notes are not in the repository; their fingerprint is (scripts/notes-fingerprint.ts).
  const noteRuns = readFingerprint();
  const cjk = /[\u4e00-\u9fff]/;

  it.skipIf(!existsSync(DEFAULT_NOTES))("has a fingerprint that matches the notes, where the notes are at hand", () => {
    const fresh = fingerprint(readFileSync(DEFAULT_NOTES, "utf8"));
    expect(fresh.length).toBe(noteRuns.size);
    expect(fresh.every((h) => noteRuns.has(h))).toBe(true);
  });

  it("counts a run copied from the notes and ignores one that is not", () => {
    const page = "这是一段为了测试而专门写出的全新中文句子，与笔记无关。";
    expect([...runs(page)].some((r) => noteRuns.has(hashRun(r)))).toBe(false);
    if (existsSync(DEFAULT_NOTES)) {
      const copied = [...runs(readFileSync(DEFAULT_NOTES, "utf8"))].find((r) => cjk.test(r))!;
      expect(noteRuns.has(hashRun(copied))).toBe(true);
    }
  });

  for (const t of topics) {
    it(`topic ${t.n}: under 3% of the Chinese page's 12-character runs occur in the notes`, () => {
      const text = readFileSync(join(COURSE_ROOT, topicFile("zh", t)), "utf8")
        .replace(/```[\s\S]*?```/g, "")
        .replace(/\$\$[\s\S]*?\$\$/g, "")
        .replace(/<[^>]+>/g, "");
      let total = 0;
      let shared = 0;
      for (const run of runs(text)) {
        if (!cjk.test(run)) continue;
        total++;
        if (noteRuns.has(hashRun(run))) shared++;
      }
      expect(total).toBeGreaterThan(200);
      expect(shared / total).toBeLessThan(0.03);
    });
  }
});
