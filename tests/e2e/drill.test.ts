/**
 * The interview drill in Chromium, on the built site: flashcards scheduled by FSRS against
 * `?now=`, the due count on /drill and on the home page, the rapid-fire quiz with its
 * summary and missed list (`?clock=fast`), a timed coding drill's record, interview mode on
 * a topic page, export → clear → import, a corrupt entry set aside, the Chinese pages free
 * of English interface text, and the page's JavaScript weight before a coding drill.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import type { Server } from "node:http";
import { QuizBank } from "../../src/components/quiz-schema.js";
import { STRINGS } from "../../src/components/drill/strings.js";
import { COURSE_ROOT } from "../helpers.js";
import { browserSuite, hasChromium, launch } from "./browser.js";
import { serve } from "./serve.js";

const KEY = "transformer-course:v1:";
const NOW = "2026-03-10T09:00:00.000Z";

function bank(topic: number) {
  return QuizBank.parse(JSON.parse(readFileSync(join(COURSE_ROOT, `src/data/quizzes/${String(topic).padStart(2, "0")}.json`), "utf8")));
}

/** Answers the rapid-fire question on screen correctly, picking choices by original index. */
async function answerRight(question: Locator): Promise<void> {
  const topic = Number(await question.getAttribute("data-topic"));
  const id = await question.getAttribute("data-question");
  const q = bank(topic).questions.find((x) => x.id === id)!;
  if (q.kind === "numeric") await question.locator('input[type="number"]').fill(String(q.answer));
  else for (const a of Array.isArray(q.answer) ? q.answer : [q.answer]) await question.locator(`input[value="${a}"]`).check();
  await question.locator('[data-testid="drill-check"]').click();
}

const stored = (page: Page, key: string) => page.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? "null"), `${KEY}${key}`);
const dueCount = async (page: Page) => Number(await page.locator('[data-testid="drill-due-count"]').getAttribute("data-count"));

describe.skipIf(!hasChromium)(browserSuite("the interview drill in Chromium"), () => {
  let browser: Browser;
  let server: Server;
  let base: string;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  beforeAll(async () => {
    ({ server, url: base } = await serve(join(COURSE_ROOT, "dist")));
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  async function fresh(viewport = { width: 1280, height: 900 }): Promise<Page> {
    await context?.close();
    context = await browser.newContext({ viewport, acceptDownloads: true });
    page = await context.newPage();
    errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && !/favicon|404/.test(m.text()) && errors.push(m.text()));
    return page;
  }

  async function openDrill(query: string, hash = "cards", lang: "en" | "zh" = "en"): Promise<void> {
    await page.goto(`${base}${lang === "en" ? "" : "/zh"}/drill${query}#${hash}`);
    await page.waitForSelector('[data-testid="drill-home"]');
  }

  it("a card rated Good is not due again today, and is due once its interval has passed", async () => {
    await fresh();
    await openDrill(`?now=${NOW}`);
    const card = page.locator('[data-testid="drill-card"]');
    const id = (await card.getAttribute("data-card"))!;
    await page.click('[data-testid="drill-reveal"]');
    await expect.poll(() => card.getAttribute("data-state")).toBe("back");
    await page.click('[data-testid="drill-rate"][data-rating="good"]');
    await expect.poll(() => page.locator('[data-testid="drill-card"]').getAttribute("data-card")).not.toBe(id);
    const due = (await stored(page, `card:${id}`)).due as number;
    expect(due - Date.parse(NOW)).toBeGreaterThanOrEqual(86_400_000);

    // Later the same day: not offered, however many new cards remain.
    const later = new Date(Date.parse(NOW) + 6 * 3600_000).toISOString();
    await openDrill(`?now=${later}`);
    const shown = await page.locator('[data-testid="drill-card"]').getAttribute("data-card");
    expect(shown).not.toBe(id);
    // On its due date it comes first: reviews before new cards.
    await openDrill(`?now=${new Date(due).toISOString()}`);
    expect(await page.locator('[data-testid="drill-card"]').getAttribute("data-card")).toBe(id);
    expect(errors).toEqual([]);
  }, 60_000);

  it("the due count falls as cards are reviewed, on /drill and on the home page", async () => {
    await fresh();
    await openDrill(`?now=${NOW}`);
    const start = await dueCount(page);
    expect(start).toBeGreaterThan(3);
    for (const [i, rating] of (["good", "easy", "hard"] as const).entries()) {
      await page.click('[data-testid="drill-reveal"]');
      await page.click(`[data-testid="drill-rate"][data-rating="${rating}"]`);
      await expect.poll(() => dueCount(page)).toBe(start - i - 1);
    }
    await page.goto(`${base}/?now=${NOW}`);
    await expect.poll(() => dueCount(page)).toBe(start - 3);
    // The section filter: every card offered belongs to the chosen section.
    await openDrill(`?now=${NOW}`);
    const course = JSON.parse(readFileSync(join(COURSE_ROOT, "src/data/topics.json"), "utf8")) as { topics: { n: number; section: string }[] };
    const section = course.topics[course.topics.length - 1].section;
    await page.selectOption('[data-testid="drill-section"]', section);
    for (let i = 0; i < 2; i++) {
      const topic = Number(await page.locator('[data-testid="drill-card"]').getAttribute("data-topic"));
      expect(course.topics.find((t) => t.n === topic)?.section).toBe(section);
      await page.click('[data-testid="drill-reveal"]');
      await page.click('[data-testid="drill-rate"][data-rating="good"]');
    }
    // New cards per day is a setting: at 0, only reviews would be due (none today).
    await page.fill('[data-testid="drill-new-per-day"]', "0");
    await page.locator('[data-testid="drill-new-per-day"]').dispatchEvent("change");
    await expect.poll(() => dueCount(page)).toBe(0);
    await expect.poll(() => page.locator('[data-testid="drill-cards-done"]').count()).toBe(1);
    expect(errors).toEqual([]);
  }, 60_000);

  it("a quiz of N questions ends in a summary listing the missed ones, which join the missed list and can be retried", async () => {
    await fresh();
    await openDrill("?clock=fast", "quiz");
    await page.fill('[data-testid="drill-count"]', "3");
    await page.click('[data-testid="drill-start"]');
    // The first is answered right; the other two are left to time out.
    await answerRight(page.locator('[data-testid="drill-question"]'));
    for (let i = 0; i < 3; i++) {
      const q = page.locator('[data-testid="drill-question"]');
      await expect.poll(() => q.getAttribute("data-result"), { timeout: 15_000 }).toMatch(/correct|timeout/);
      if (i > 0) expect(await q.getAttribute("data-result")).toBe("timeout");
      expect(await page.locator('[data-testid="drill-timer"]').textContent()).toMatch(/^\d+:\d\d$/);
      await page.click('[data-testid="drill-next"]');
    }
    const summary = page.locator('[data-testid="drill-summary"]');
    expect(await summary.getAttribute("data-score")).toBe("1");
    expect(await summary.getAttribute("data-total")).toBe("3");
    const missedInRun = await page.locator('[data-testid="drill-summary-missed"] > li').evaluateAll((ls) => ls.map((l) => l.getAttribute("data-question")));
    expect(missedInRun).toHaveLength(2);
    // Weak topics link back to the pages.
    expect(await summary.locator("a[href^='/en/topics/']").count()).toBeGreaterThan(0);
    const missedList = () => page.locator('[data-testid="drill-missed"] > li').evaluateAll((ls) => ls.map((l) => l.getAttribute("data-question")));
    expect((await missedList()).sort()).toEqual([...missedInRun].sort());

    // The list persists; a retry answered right empties it.
    await openDrill("?clock=fast", "quiz");
    expect((await missedList()).sort()).toEqual([...missedInRun].sort());
    await page.click('[data-testid="drill-retry"]');
    for (let i = 0; i < 2; i++) {
      await answerRight(page.locator('[data-testid="drill-question"]'));
      await page.click('[data-testid="drill-next"]');
    }
    expect(await page.locator('[data-testid="drill-summary"]').getAttribute("data-score")).toBe("2");
    expect(await missedList()).toEqual([]);
    expect((await stored(page, "missed:quiz")).items).toEqual([]);
    expect(errors).toEqual([]);
  }, 90_000);

  it("choices are shuffled per attempt on topic pages", async () => {
    await fresh();
    const orders = new Set<string>();
    for (let i = 0; i < 6; i++) {
      await page.goto(`${base}/en/topics/07-why-scale`);
      const box = page.locator('[data-testid="quiz-question"][data-kind="single"]').first();
      await box.locator("input").first().waitFor();
      orders.add((await box.locator("input").evaluateAll((is) => is.map((x) => (x as HTMLInputElement).value))).join(","));
    }
    expect(orders.size).toBeGreaterThan(1);
  }, 60_000);

  it("the mock interview times the answer, reveals the short answer and a checklist, and keeps a history per topic", async () => {
    await fresh();
    await openDrill("?clock=fast", "mock");
    await page.click('[data-testid="drill-mock-start"]');
    const topic = await page.locator('[data-testid="drill-question"]').getAttribute("data-topic");
    await page.fill('[data-testid="drill-answer"]', "Logits grow with the head size, so the softmax saturates.");
    await expect.poll(() => page.locator('[data-testid="drill-timer"]').getAttribute("data-over"), { timeout: 10_000 }).toBe("true");
    await page.click('[data-testid="drill-reveal"]');
    const ticks = page.locator('[data-testid="drill-mock-review"] .drill-checklist input');
    expect(await ticks.count()).toBeGreaterThan(0);
    await ticks.first().check();
    await page.click('[data-testid="drill-mock-save"]');
    const history = (await stored(page, `mock:${topic}`)).history;
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ covered: 1, answer: "Logits grow with the head size, so the softmax saturates." });
    expect(await page.locator('[data-testid="drill-mock-history"] li').count()).toBe(1);
    expect(errors).toEqual([]);
  }, 60_000);

  it("the drill page loads no tfjs and under 200 KiB of JavaScript (gzipped) before a coding drill; a drill that ends records its time and verdict", async () => {
    await fresh();
    // A draft on the exercise page must not leak into the drill, which starts from the contract.
    await context.addInitScript(
      (k) => localStorage.getItem(k) || localStorage.setItem(k, JSON.stringify({ draft: "// MY EARLIER DRAFT", updatedAt: 1 })),
      `${KEY}exercise:softmax`,
    );
    let gzipped = 0;
    const scripts: string[] = [];
    page.on("response", async (res) => {
      if (!(res.headers()["content-type"] ?? "").includes("javascript")) return;
      scripts.push(res.url());
      gzipped += gzipSync(await res.body().catch(() => Buffer.alloc(0))).length;
    });
    await page.goto(`${base}/drill#code`, { waitUntil: "networkidle" });
    expect(scripts.filter((u) => /tensorflow|tfjs|grader-worker/.test(u))).toEqual([]);
    expect(gzipped).toBeLessThan(200 * 1024);

    await page.click('[data-testid="drill-code-start"][data-exercise="softmax"]');
    await page.waitForSelector('[data-testid="exercise-editor"] .cm-content', { timeout: 60_000 });
    expect(await page.locator('[data-testid="drill-timer"]').textContent()).toMatch(/^\d+:\d\d$/);
    const editor = page.locator('[data-testid="exercise-editor"] .cm-content');
    expect(await editor.textContent()).not.toContain("MY EARLIER DRAFT");
    await page.click('[data-testid="exercise-editor"] .cm-content');
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.press("Delete");
    await page.keyboard.insertText(readFileSync(join(COURSE_ROOT, "solutions/softmax.ts"), "utf8"));
    await page.click('[data-testid="run-button"]');
    const result = page.locator('[data-testid="drill-code-result"]');
    await expect.poll(() => result.getAttribute("data-verdict"), { timeout: 240_000, interval: 1000 }).toBe("pass");
    expect(await result.getAttribute("data-over")).toBe("false");
    const rec = await stored(page, "codedrill:softmax");
    expect(rec.attempts).toHaveLength(1);
    expect(rec.attempts[0]).toMatchObject({ verdict: "pass", overTime: false, budgetMs: 600_000 });
    expect(rec.bestMs).toBe(rec.attempts[0].elapsedMs);
    expect(rec.firstPassMs).toBe(rec.attempts[0].elapsedMs);
    // The exercise page's draft is untouched.
    expect((await stored(page, "exercise:softmax")).draft).toBe("// MY EARLIER DRAFT");
    expect(errors).toEqual([]);
  }, 300_000);

  it("a run after the time is up is recorded as over time, not lost", async () => {
    await fresh();
    await openDrill("?clock=fast", "code");
    await page.click('[data-testid="drill-code-start"][data-exercise="softmax"]');
    await expect.poll(() => page.locator('[data-testid="drill-timer"]').getAttribute("data-over"), { timeout: 60_000 }).toBe("true");
    await page.waitForSelector('[data-testid="run-button"]', { timeout: 60_000 });
    await page.click('[data-testid="run-button"]');
    const result = page.locator('[data-testid="drill-code-result"]');
    await expect.poll(() => result.getAttribute("data-verdict"), { timeout: 240_000, interval: 1000 }).toBe("fail");
    expect(await result.getAttribute("data-over")).toBe("true");
    const rec = await stored(page, "codedrill:softmax");
    expect(rec.attempts[0]).toMatchObject({ verdict: "fail", overTime: true });
    expect(rec.bestMs).toBeUndefined();
    expect(errors).toEqual([]);
  }, 300_000);

  it("interview mode hides the short answer and reveals it on request, and is remembered", async () => {
    await fresh();
    await page.goto(`${base}/en/topics/07-why-scale`);
    const short = page.locator('[data-testid="short-answer"]');
    const text = short.locator("p").first();
    await page.waitForSelector('[data-testid="interview-mode-toggle"]');
    expect(await text.isVisible()).toBe(true);
    await page.check('[data-testid="interview-mode-toggle"]');
    expect(await text.isVisible()).toBe(false);
    expect(await page.locator('[data-testid="erratum"] > ul').isVisible()).toBe(false);
    await page.reload();
    await page.waitForSelector('[data-testid="interview-mode-toggle"]');
    expect(await page.isChecked('[data-testid="interview-mode-toggle"]')).toBe(true);
    expect(await text.isVisible()).toBe(false);
    await short.locator('[data-testid="interview-reveal"]').click();
    expect(await text.isVisible()).toBe(true);
    expect(await page.locator('[data-testid="erratum"] > ul').isVisible()).toBe(false);
    // The footer links to the drill.
    expect(await page.locator('.topic-footer a[href="/drill"]').count()).toBe(1);
    expect(errors).toEqual([]);
  }, 60_000);

  it("export → clear → import restores all drill state", async () => {
    await fresh();
    await openDrill(`?now=${NOW}&clock=fast`);
    await page.click('[data-testid="drill-reveal"]');
    await page.click('[data-testid="drill-rate"][data-rating="good"]');
    await page.click('[data-testid="drill-mode"][data-mode="mock"]');
    await page.click('[data-testid="drill-mock-start"]');
    await page.click('[data-testid="drill-reveal"]');
    await page.click('[data-testid="drill-mock-save"]');
    await page.evaluate((k) => {
      localStorage.setItem(`${k}missed:quiz`, JSON.stringify({ items: [{ topic: 7, question: "x", at: 1 }] }));
      localStorage.setItem(
        `${k}codedrill:rope`,
        JSON.stringify({
          attempts: [{ at: 1, elapsedMs: 9000, budgetMs: 900000, verdict: "pass", score: 1, maxScore: 1, overTime: false }],
          firstPassMs: 9000,
          bestMs: 9000,
        }),
      );
    }, KEY);
    const snapshot = () =>
      page.evaluate(() =>
        Object.fromEntries(
          Object.keys(localStorage)
            .sort()
            .map((k) => [k, localStorage.getItem(k)]),
        ),
      );
    const before = await snapshot();
    expect(Object.keys(before).some((k) => k.includes(":card:"))).toBe(true);
    expect(Object.keys(before).some((k) => k.includes(":mock:"))).toBe(true);

    await page.click('[data-testid="drill-mode"][data-mode="progress"]');
    const [download] = await Promise.all([page.waitForEvent("download"), page.click('[data-testid="drill-export"]')]);
    const file = readFileSync((await download.path())!, "utf8");
    await page.evaluate(() => localStorage.clear());
    await openDrill("", "progress");
    expect(Object.keys(await snapshot())).not.toContain(Object.keys(before)[0]);
    await page.setInputFiles('[data-testid="drill-import-file"]', { name: "progress.json", mimeType: "application/json", buffer: Buffer.from(file) });
    await expect.poll(() => page.locator('[data-testid="drill-import-note"]').textContent()).toMatch(/Imported/);
    expect(await snapshot()).toEqual(before);
    expect(await page.locator('[data-testid="drill-progress-drills"] tr[data-exercise="rope"] [data-stat="best"]').textContent()).toBe("0:09");
    expect(errors).toEqual([]);
  }, 60_000);

  it("a corrupt drill entry is set aside with a visible note; nothing else is lost", async () => {
    await fresh();
    // Written before the page's own scripts run, once (a reload must not write them again).
    await context.addInitScript((k) => {
      if (sessionStorage.getItem("seeded")) return;
      sessionStorage.setItem("seeded", "1");
      localStorage.setItem(`${k}card:topic-1`, "{not json");
      localStorage.setItem(
        `${k}codedrill:mha`,
        JSON.stringify({ attempts: [{ at: 1, elapsedMs: 61000, budgetMs: 1200000, verdict: "pass", score: 1, maxScore: 1, overTime: false }], bestMs: 61000 }),
      );
    }, KEY);
    await openDrill("", "progress");
    await expect.poll(() => page.locator('[data-testid="drill-notices"] .notice').count()).toBe(1);
    expect(await page.locator('[data-testid="drill-notices"]').textContent()).toContain("card:topic-1");
    expect(await page.locator('[data-testid="drill-progress-drills"] tr[data-exercise="mha"] [data-stat="best"]').textContent()).toBe("1:01");
    const keys = await page.evaluate(() => Object.keys(localStorage));
    expect(keys.some((k) => k.startsWith("transformer-course:quarantine:card:topic-1"))).toBe(true);
    expect(errors).toEqual([]);
  }, 60_000);

  it("the Chinese pages show no English interface text, at a phone's width", async () => {
    await fresh({ width: 390, height: 844 });
    // Every English string of the drill's interface (the functions with sample arguments).
    const english = new Set<string>();
    const walk = (v: unknown): void => {
      if (typeof v === "string") english.add(v);
      else if (typeof v === "function") {
        const out = (v as (...a: unknown[]) => unknown)(3, 4, 5, 6);
        if (typeof out === "string") english.add(out.replace(/\d+/g, "").trim());
      } else if (v && typeof v === "object") Object.values(v).forEach(walk);
    };
    walk(STRINGS.en);
    const uiText = () =>
      page.evaluate(() => {
        const root = document.querySelector('[data-testid="drill-home"]')!;
        const parts: string[] = [];
        for (const n of root.querySelectorAll("button, label, th, h3, h4, legend, option, p, li, strong")) {
          if (n.closest(".drill-front, .drill-short, .drill-back ul, .drill-question legend, .quiz-choice, .quiz-feedback, code, .katex")) continue;
          const own = [...n.childNodes]
            .filter((c) => c.nodeType === 3)
            .map((c) => c.textContent)
            .join(" ");
          parts.push(own);
        }
        for (const n of root.querySelectorAll("[placeholder], [aria-label], [title]"))
          parts.push(n.getAttribute("placeholder") ?? "", n.getAttribute("aria-label") ?? "", n.getAttribute("title") ?? "");
        return parts.join("\n");
      });
    const englishIn = (text: string) =>
      [...english].filter((s) => s.length > 3 && /[a-z]{3}/.test(s) && text.includes(s)).concat(text.match(/\b[A-Za-z]{3,} [A-Za-z]{3,}\b/g) ?? []);

    await openDrill(`?now=${NOW}&clock=fast`, "cards", "zh");
    await page.click('[data-testid="drill-reveal"]');
    const seen: string[] = [];
    seen.push(...englishIn(await uiText()));
    for (const mode of ["quiz", "mock", "code", "progress"]) {
      await page.click(`[data-testid="drill-mode"][data-mode="${mode}"]`);
      if (mode === "quiz") {
        await page.fill('[data-testid="drill-count"]', "1");
        await page.click('[data-testid="drill-start"]');
        seen.push(...englishIn(await uiText()));
        await expect.poll(() => page.locator('[data-testid="drill-question"]').getAttribute("data-result"), { timeout: 15_000 }).toBe("timeout");
        await page.click('[data-testid="drill-next"]');
      }
      if (mode === "mock") {
        await page.click('[data-testid="drill-mock-start"]');
        await page.click('[data-testid="drill-reveal"]');
      }
      seen.push(...englishIn(await uiText()));
    }
    expect(seen).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // The home page and a topic page, in Chinese.
    await page.goto(`${base}/zh/`);
    expect(englishIn((await page.locator('[data-testid="drill-due-count"]').locator("..").textContent()) ?? "")).toEqual([]);
    await page.goto(`${base}/zh/topics/07-why-scale`);
    await page.waitForSelector('[data-testid="interview-mode-toggle"]');
    expect(englishIn((await page.locator(".interview-toggle").textContent()) ?? "")).toEqual([]);
    expect(errors).toEqual([]);
  }, 90_000);
});
