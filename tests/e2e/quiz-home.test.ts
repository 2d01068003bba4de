/**
 * Quizzes that teach (issue 13): a wrong answer can be retried before the explanation gives
 * it away, first-try accuracy is recorded apart from the eventual pass, saved answers come
 * back after a reload, Enter submits a number, and an empty Check says what is missing.
 * The home page says where to start and what the "read" mark means.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { QuizBank } from "../../src/components/quiz-schema.js";
import { COURSE_ROOT } from "../helpers.js";
import { browserSuite, hasChromium, siteInBrowser } from "./browser.js";

const bank = QuizBank.parse(JSON.parse(readFileSync(join(COURSE_ROOT, "src/data/quizzes/01.json"), "utf8")));
const PAGE = "/en/topics/01-encoder-sublayers";
const KEY = "transformer-course:v1:quiz:1";

describe.skipIf(!hasChromium)(browserSuite("quizzes and the home page"), () => {
  const site = siteInBrowser();

  it("a wrong choice can be retried before the explanation shows; first try is recorded; answers come back after a reload", async () => {
    const q = bank.questions.find((x) => x.kind === "single")!;
    if (q.kind !== "single") throw new Error("topic 1 has a single-choice question");
    const wrong = q.choices.findIndex((_, i) => i !== q.answer);
    const page = await site.browser.newPage();
    try {
      await page.goto(site.base + PAGE);
      const box = page.locator(`[data-testid="quiz-question"][data-question="${q.id}"]`);
      await box.scrollIntoViewIfNeeded();

      await box.locator('[data-testid="quiz-check"]').click();
      expect(await box.locator(".quiz-missing").textContent()).toMatch(/Select a choice/);

      await box.locator(`input[value="${wrong}"]`).check();
      await box.locator('[data-testid="quiz-check"]').click();
      expect(await box.getAttribute("data-result")).toBe("wrong");
      expect(await box.locator(".quiz-explanation").count()).toBe(0);
      expect(await box.textContent()).not.toContain(q.explanation.en);
      expect(await box.locator('[data-testid="quiz-show"]').isVisible()).toBe(true);

      await box.locator(`input[value="${q.answer}"]`).check();
      await box.locator('[data-testid="quiz-check"]').click();
      expect(await box.getAttribute("data-result")).toBe("correct");
      expect(await box.locator(".quiz-explanation").textContent()).toBe(q.explanation.en);

      const stored = await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? "{}"), KEY);
      expect(stored.first[q.id]).toBe(false);
      expect(stored.answers[q.id].correct).toBe(true);
      expect(await page.getAttribute('[data-testid="quiz-summary"]', "data-first-try")).toBe("0/1");
      expect(await page.textContent('[data-testid="quiz-summary"]')).toMatch(/1 of \d+ correct · first try: 0 of 1/);

      await page.reload();
      const again = page.locator(`[data-testid="quiz-question"][data-question="${q.id}"]`);
      await again.waitFor();
      expect(await again.locator(`input[value="${q.answer}"]`).isChecked()).toBe(true);
      expect(await again.getAttribute("data-result")).toBe("correct");
    } finally {
      await page.close();
    }
  });

  it("Enter submits a numeric answer, and Show answer gives the answer and the explanation", async () => {
    const q = bank.questions.find((x) => x.kind === "numeric")!;
    if (q.kind !== "numeric") throw new Error("topic 1 has a numeric question");
    const page = await site.browser.newPage();
    try {
      await page.goto(site.base + PAGE);
      const box = page.locator(`[data-testid="quiz-question"][data-question="${q.id}"]`);
      await box.locator("input").fill(String(q.answer + 1000 * (q.tolerance + 1)));
      await box.locator("input").press("Enter");
      expect(await box.getAttribute("data-result")).toBe("wrong");
      await box.locator('[data-testid="quiz-show"]').click();
      expect(await box.getAttribute("data-result")).toBe("revealed");
      expect(await box.locator('[data-testid="quiz-feedback"]').textContent()).toContain(String(q.answer));
      expect(await box.locator(".quiz-explanation").textContent()).toBe(q.explanation.en);
      await box.locator("input").fill(String(q.answer));
      await box.locator("input").press("Enter");
      expect(await box.getAttribute("data-result")).toBe("correct");
      const stored = await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? "{}"), KEY);
      expect(stored.first[q.id]).toBe(false);
    } finally {
      await page.close();
    }
  });

  it("the home page says where to start, explains the read mark, and opening a topic without scrolling does not mark it read", async () => {
    const page = await site.browser.newPage();
    try {
      await page.goto(site.base + PAGE);
      await page.waitForSelector(".topic-footer");
      await page.waitForTimeout(500);
      expect(await page.evaluate(() => localStorage.getItem("transformer-course:v1:read:1"))).toBeNull();
      await page.goto(`${site.base}/`);
      const start = page.locator('[data-testid="start-here"] a');
      expect(await start.textContent()).toMatch(/^Start with topic 1/);
      expect(await start.getAttribute("href")).toMatch(/01-encoder-sublayers$/);
      expect(await page.textContent('[data-testid="map-legend"]')).toMatch(/read \(scrolled to the end, or its quiz answered\)/);
      await start.click();
      await page.waitForSelector(".topic-footer");
      await page.locator(".topic-footer").scrollIntoViewIfNeeded();
      await page.waitForFunction(() => localStorage.getItem("transformer-course:v1:read:1") !== null, null, { timeout: 5_000 });
      await page.goto(`${site.base}/`);
      expect(await page.textContent('[data-testid="start-here"] a')).toMatch(/^Continue with topic 2/);
    } finally {
      await page.close();
    }
  });
});
