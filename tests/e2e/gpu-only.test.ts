/**
 * GPU-only grading (issue 14): the grading worker turns off tfjs's CPU forwarding of small
 * ops on WebGPU before any learner code runs, says so in its boot message, and the page's
 * backend badge carries it. With every op on the (software) GPU, a reference solution still
 * passes under the WebGPU tolerances.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { COURSE_ROOT } from "../helpers.js";
import { browserSuite, hasChromium, siteInBrowser } from "./browser.js";
import { contextWithDraft } from "./exercise-page.js";

const ID = "attention";

describe.skipIf(!hasChromium)(browserSuite("GPU-only grading in the browser worker"), () => {
  const site = siteInBrowser();

  it(`${ID}: the booted worker grades GPU-only and the reference solution passes`, async () => {
    const solution = readFileSync(join(COURSE_ROOT, "solutions", `${ID}.ts`), "utf8");
    // The solution as the saved draft, so the page opens with it in the editor.
    const context = await contextWithDraft(site.browser, ID, solution);
    const page = await context.newPage();
    try {
      await page.goto(`${site.base}/exercises/${ID}`);
      await page.waitForFunction(() => document.querySelector('[data-testid="backend-badge"]')?.getAttribute("data-backend") === "webgpu", null, {
        timeout: 60_000,
      });
      expect(await page.getAttribute('[data-testid="backend-badge"]', "data-gpu-only")).toBe("true");

      await page.click('[data-testid="run-button"]');
      await page.waitForFunction(
        () => ["pass", "fail", "error", "timeout"].includes(document.querySelector('[data-testid="verdict"]')?.getAttribute("data-status") ?? ""),
        null,
        { timeout: 120_000 },
      );
      expect(await page.getAttribute('[data-testid="verdict"]', "data-status")).toBe("pass");
      expect(await page.locator('[data-testid="check-row"][data-status="fail"]').count()).toBe(0);
    } finally {
      await context.close();
    }
  }, 240_000);
});
