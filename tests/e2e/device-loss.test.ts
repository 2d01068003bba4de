/**
 * Issue 11: a grading worker whose WebGPU device is lost. Lost while idle, the next run goes
 * to a fresh worker and passes; lost mid-run, the run ends as an error that names the GPU
 * backend (not a verdict on the learner's code), and the run after it passes. The loss is
 * real — the worker destroys its own device on a message only tests send, from outside.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { COURSE_ROOT } from "../helpers.js";
import { browserSuite, hasChromium, siteInBrowser } from "./browser.js";
import { contextWithDraft, runToVerdict, settled, startRun } from "./exercise-page.js";

const ID = "loss";

const graderWorker = (page: Page) =>
  page
    .workers()
    .filter((w) => w.url().includes("grader-worker"))
    .at(-1);

/** Destroy the GPU device of the page's (current) grading worker. */
async function loseDevice(page: Page): Promise<void> {
  const worker = graderWorker(page);
  expect(worker, "the grading worker").toBeDefined();
  await worker!.evaluate(() => (self as unknown as { onmessage(e: { data: unknown }): void }).onmessage({ data: { type: "test:lose-device" } }));
}

describe.skipIf(!hasChromium)(browserSuite("a lost WebGPU device in the grading worker"), () => {
  const site = siteInBrowser();

  it(`${ID}: lost while idle, the next run passes; lost mid-run, an error that names the backend, then a pass`, async () => {
    const solution = readFileSync(join(COURSE_ROOT, "solutions", `${ID}.ts`), "utf8");
    const context = await contextWithDraft(site.browser, ID, solution);
    const page = await context.newPage();
    try {
      await page.goto(`${site.base}/exercises/${ID}`);
      await page.waitForFunction(() => document.querySelector('[data-testid="backend-badge"]')?.getAttribute("data-backend") === "webgpu", null, {
        timeout: 60_000,
      });
      expect(await runToVerdict(page)).toBe("pass");

      const first = graderWorker(page);
      await loseDevice(page);
      expect(await runToVerdict(page)).toBe("pass");
      expect(graderWorker(page), "a fresh worker graded the run").not.toBe(first);

      await startRun(page);
      await page.waitForFunction(() => document.querySelector('[data-testid="verdict"]')?.getAttribute("data-status") === "running");
      await loseDevice(page);
      await settled(page);
      expect(await page.getAttribute('[data-testid="verdict"]', "data-status")).toBe("error");
      expect(await page.textContent('[data-testid="verdict"]')).toMatch(/lost its WebGPU device.*not a verdict on your code/s);

      expect(await runToVerdict(page)).toBe("pass");
      expect(await page.locator('[data-testid="check-row"][data-status="fail"]').count()).toBe(0);
    } finally {
      await context.close();
    }
  }, 300_000);
});
