/**
 * The exercise pages in a real browser: headless Chromium with a (software) WebGPU adapter,
 * against the built site on localhost. For every exercise: the starter fails, the reference
 * solution typed into the editor passes on webgpu, a known-wrong file fails with its
 * diagnosis, an infinite loop times out and the next run works, a reload keeps the draft,
 * and a corrupted saved entry does not break the page.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { EXERCISE_IDS } from "../../graders/contract.js";
import { bankEntries, COURSE_ROOT } from "../helpers.js";
import { browserSuite, hasChromium, siteInBrowser } from "./browser.js";
import { setCode } from "./exercise-page.js";

/** A short time limit for the loop test (the page's default is 30 s). */
const TEST_TIMEOUT_MS = 15_000;
const LOOP = `import * as tf from "@tensorflow/tfjs";\nexport function never(): void {}\nwhile (true) {}\n`;

describe.skipIf(!hasChromium)(browserSuite("exercise pages in Chromium on WebGPU"), () => {
  const site = siteInBrowser();

  async function run(page: Page, timeout = 120_000): Promise<string> {
    await page.click('[data-testid="run-button"]');
    await page
      .waitForFunction(() => document.querySelector('[data-testid="verdict"]')?.getAttribute("data-status") === "running", null, { timeout: 10_000 })
      .catch(() => undefined);
    await page.waitForFunction(
      () => !["running", "idle"].includes(document.querySelector('[data-testid="verdict"]')?.getAttribute("data-status") ?? "idle"),
      null,
      { timeout },
    );
    return (await page.getAttribute('[data-testid="verdict"]', "data-status"))!;
  }

  for (const id of EXERCISE_IDS) {
    it(`${id}: starter fails, solution passes on webgpu, a known bug is named, a loop times out, drafts survive`, async () => {
      const page = await site.browser.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      try {
        await page.goto(`${site.base}/exercises/${id}?timeout=${TEST_TIMEOUT_MS}`);
        await page.waitForFunction(() => /webgpu/.test(document.querySelector('[data-testid="backend-badge"]')?.textContent ?? ""), null, { timeout: 60_000 });

        // The starter fails with "not implemented".
        expect(await run(page)).toBe("fail");
        expect(await page.locator('[data-testid="check-row"][data-status="fail"]').count()).toBeGreaterThan(0);
        expect(await page.textContent(".checks")).toMatch(/not implemented/);

        // A known-wrong implementation fails with its diagnosis.
        const wrong = bankEntries(id).find((e) => !e.expect.pass)!;
        await setCode(page, readFileSync(wrong.file, "utf8"));
        expect(await run(page)).toBe("fail");
        const bug = (wrong.expect as { bug: string }).bug;
        expect(await page.locator(`.check-diagnosis[data-bug="${bug}"]`).count()).toBeGreaterThan(0);

        // An infinite loop ends in "timeout" within the limit; the next run works.
        await setCode(page, LOOP);
        const t0 = Date.now();
        expect(await run(page, TEST_TIMEOUT_MS + 60_000)).toBe("timeout");
        expect(Date.now() - t0).toBeLessThan(TEST_TIMEOUT_MS + 30_000);

        // The reference solution passes, on webgpu.
        const solution = readFileSync(join(COURSE_ROOT, "solutions", `${id}.ts`), "utf8");
        await setCode(page, solution);
        expect(await run(page)).toBe("pass");
        expect(await page.textContent('[data-testid="backend-badge"]')).toMatch(/webgpu/);
        expect(await page.locator('[data-testid="check-row"][data-status="fail"]').count()).toBe(0);

        // A reload keeps the draft.
        await page.waitForTimeout(500); // the draft is saved 300 ms after the last edit
        await page.reload();
        await page.waitForSelector('[data-testid="exercise-editor"] .cm-content', { timeout: 120_000 });
        const saved = await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? "{}").draft, `transformer-course:v1:exercise:${id}`);
        expect(saved).toBe(solution);
        // CodeMirror renders only the lines near the view, which the editor may already have
        // scrolled to the first function: each rendered line must be a line of the draft, in order.
        const shown = await page.$$eval('[data-testid="exercise-editor"] .cm-line', (lines) => lines.map((l) => l.textContent ?? ""));
        expect(shown.join("").replace(/\s+/g, "").length).toBeGreaterThan(200);
        const draftLines = solution.split("\n");
        let next = 0;
        for (const line of shown) {
          const at = draftLines.indexOf(line, next);
          expect(at, `a rendered line that is not the draft's: ${JSON.stringify(line)}`).toBeGreaterThanOrEqual(0);
          next = at + 1;
        }

        // A corrupted saved entry is kept aside, and the page still works.
        await page.evaluate((key) => localStorage.setItem(key, "{this is not json"), `transformer-course:v1:exercise:${id}`);
        await page.reload();
        await page.waitForSelector('[data-testid="run-button"]', { timeout: 120_000 });
        expect(await page.textContent(".notices")).toMatch(/kept aside/);
        const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("transformer-course:quarantine:")));
        expect(kept.length).toBeGreaterThan(0);
        expect(await run(page)).toBe("fail"); // back to the starter
        expect(errors).toEqual([]);
      } finally {
        await page.close();
      }
    }, 600_000);
  }
});
