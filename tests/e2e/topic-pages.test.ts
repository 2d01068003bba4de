/**
 * Every topic page in a real browser, in both languages: it renders without console
 * errors (the Chinese pages at a phone's width, with nothing wider than the screen), its
 * visual draws and reacts to its first control, and answering a quiz question is recorded
 * in the progress store. The home page shows that progress.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CourseData } from "../../src/components/topics-schema.js";
import { QuizBank } from "../../src/components/quiz-schema.js";
import { COURSE_ROOT } from "../helpers.js";
import { browserSuite, hasChromium, siteInBrowser } from "./browser.js";

const course = CourseData.parse(JSON.parse(readFileSync(join(COURSE_ROOT, "src/data/topics.json"), "utf8")));
const topics = course.topics;

const PHONE = { width: 390, height: 844 };

describe.skipIf(!hasChromium)(browserSuite("topic pages in Chromium"), () => {
  const site = siteInBrowser();

  for (const t of topics) {
    for (const lang of ["en", "zh"] as const) {
      it(`topic ${t.n} (${lang}): renders, its visual reacts, and a quiz answer is recorded`, async () => {
        // English at a desktop width, Chinese at a phone's: both layouts are exercised.
        const context = await site.browser.newContext({ viewport: lang === "en" ? { width: 1280, height: 900 } : PHONE });
        const page = await context.newPage();
        const errors: string[] = [];
        page.on("pageerror", (e) => errors.push(e.message));
        page.on("console", (m) => m.type() === "error" && !/favicon|404/.test(m.text()) && errors.push(m.text()));
        try {
          await page.goto(`${site.base}/${lang}/topics/${String(t.n).padStart(2, "0")}-${t.slug}`);
          await page.waitForSelector(`[data-topic="${t.n}"][data-lang="${lang}"]`);
          if (lang === "zh") {
            // Nothing may widen the page past a phone's screen (wide formulas and tables scroll in place).
            expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
          }
          const visual = page.locator('[data-testid="visual"]').first();
          await visual.locator("svg").first().waitFor({ timeout: 30_000 });
          const before = await visual.innerHTML();
          // Move the first control: a range, a select, or a checkbox/radio.
          const input = visual.locator("input, select").first();
          const kind = await input.evaluate((el) => (el instanceof HTMLSelectElement ? "select" : (el as HTMLInputElement).type));
          if (kind === "select") {
            // By index: a string matches an option's value *or* its label, and with numeric
            // options (labels 1, 2, 4, … over values 0, 1, 2, …) "4" can name the current one.
            const [count, current] = await input.evaluate((el) => [(el as HTMLSelectElement).options.length, (el as HTMLSelectElement).selectedIndex]);
            await input.selectOption({ index: current === count - 1 ? 0 : count - 1 });
          } else if (kind === "checkbox" || kind === "radio") {
            await input.click();
          } else {
            await input.evaluate((el) => {
              const r = el as HTMLInputElement;
              const range = r.type === "range" ? r : ((r.parentElement?.querySelector('input[type="range"]') as HTMLInputElement) ?? r);
              const min = Number(range.min || 0);
              const max = Number(range.max || 100);
              range.value = String(Number(range.value) > (min + max) / 2 ? min : max);
              range.dispatchEvent(new Event("input", { bubbles: true }));
            });
          }
          await page.waitForTimeout(300);
          expect(await visual.innerHTML()).not.toBe(before);

          // Answer the first question correctly: the progress store records it.
          const bank = QuizBank.parse(JSON.parse(readFileSync(join(COURSE_ROOT, `src/data/quizzes/${String(t.n).padStart(2, "0")}.json`), "utf8")));
          const q = bank.questions[0];
          const box = page.locator(`[data-testid="quiz-question"][data-question="${q.id}"]`);
          if (q.kind === "numeric") await box.locator("input").fill(String(q.answer));
          // Choices are shuffled on every visit: pick them by their original index (the input's value).
          else if (q.kind === "multiple") for (const a of q.answer) await box.locator(`input[value="${a}"]`).check();
          else await box.locator(`input[value="${q.answer}"]`).check();
          await box.locator('[data-testid="quiz-check"]').click();
          await expect.poll(() => box.getAttribute("data-result")).toBe("correct");
          const stored = await page.evaluate((key) => localStorage.getItem(key), `transformer-course:v1:quiz:${t.n}`);
          expect(JSON.parse(stored!).answers[q.id].correct).toBe(true);
          expect(await page.locator('[data-testid="quiz-question"]').count()).toBe(bank.questions.length);

          // The home page counts the topic as read.
          await page.goto(`${site.base}${lang === "en" ? "/" : "/zh/"}`);
          await expect.poll(() => page.locator('[data-count="read"] strong').textContent()).toBe(`1/${topics.length}`);
          // …and its map links every topic, in the page's language.
          const links = await page.locator(".topic-map a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
          expect(links).toHaveLength(topics.length);
          expect(links.every((href) => href?.startsWith(`/${lang}/topics/`))).toBe(true);
          expect(errors).toEqual([]);
        } finally {
          await context.close();
        }
      }, 120_000);
    }
  }
});
