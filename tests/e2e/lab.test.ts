/**
 * The performance lab in Chromium (WebGPU on SwiftShader), end to end at short lengths: no
 * tfjs until Measure, the learner's attention draft and the built-ins measured forward and
 * backward at each length in the worker, the chart drawn, the missing flash draft named, the
 * result kept in the progress store and shown again after a reload; the Chinese page too.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext } from "playwright-core";
import { COURSE_ROOT } from "../helpers.js";
import { browserSuite, hasChromium, siteInBrowser } from "./browser.js";

const LENGTHS = [16, 32];

describe.skipIf(!hasChromium)(browserSuite("the performance lab in Chromium"), () => {
  const site = siteInBrowser();

  async function withAttentionDraft(): Promise<BrowserContext> {
    const solution = readFileSync(join(COURSE_ROOT, "solutions", "attention.ts"), "utf8");
    const context = await site.browser.newContext();
    await context.addInitScript(
      ([key, draft]) => {
        if (!localStorage.getItem(key)) localStorage.setItem(key, JSON.stringify({ draft, updatedAt: Date.now() }));
      },
      ["transformer-course:v1:exercise:attention", solution] as const,
    );
    return context;
  }

  it("measures the learner's attention and the built-ins, charts them and keeps the result", async () => {
    const context = await withAttentionDraft();
    const page = await context.newPage();
    const heavy: string[] = [];
    page.on("request", (r) => /lab-worker|@tensorflow/.test(r.url()) && heavy.push(r.url()));
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    try {
      await page.goto(`${site.base}/lab?lengths=${LENGTHS.join(",")}`);
      await page.waitForSelector('[data-testid="lab-start"]');
      expect(heavy).toEqual([]); // nothing heavy before the learner asks
      await page.click('[data-testid="lab-start"]');
      await page.waitForFunction(() => /^Done/.test(document.querySelector('[data-testid="lab-status"]')?.textContent ?? ""), null, { timeout: 180_000 });
      expect(heavy.some((u) => u.includes("lab-worker"))).toBe(true);
      expect(await page.getAttribute('[data-testid="lab-progress"]', "value")).toBe("1");
      expect(await page.textContent('[data-testid="lab-device"]')).toMatch(/webgpu/);

      for (const method of ["learner", "builtin"]) {
        for (const chart of ["lab-chart-time", "lab-chart-memory"]) {
          expect(await page.locator(`[data-testid="${chart}"] svg circle[data-method="${method}"]`).count()).toBeGreaterThanOrEqual(LENGTHS.length);
        }
      }
      expect(await page.locator('[data-testid="lab-row"]').count()).toBe(2 * LENGTHS.length);
      expect(await page.locator('[data-testid="lab-stop"][data-method="tiled"][data-reason="missing"]').count()).toBe(1);
      expect(await page.textContent('[data-testid="lab-reference"]')).toMatch(/6\.2.*12\.4.*16\.9.*20\.8/s);

      // Quadratic memory: the largest tensor at L = 32 is the [1, 32, 32] score matrix or bigger.
      const saved = await page.evaluate(() => JSON.parse(localStorage.getItem("transformer-course:v1:lab:attention") ?? "null"));
      expect(saved.points).toHaveLength(2 * LENGTHS.length);
      const at32 = saved.points.find((p: { method: string; length: number }) => p.method === "builtin" && p.length === 32);
      expect(at32.largestBytes).toBeGreaterThanOrEqual(32 * 32 * 4);
      expect(at32.fwdBwdMs).toBeGreaterThan(0);

      await page.reload();
      await page.waitForSelector('[data-testid="lab-chart-time"] svg');
      expect(await page.locator('[data-testid="lab-row"]').count()).toBe(2 * LENGTHS.length);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 300_000);

  it("the Chinese page says what is missing, and a bad ?lengths= gets a clear message", async () => {
    const context = await site.browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(`${site.base}/zh/lab?lengths=16,abc`);
      await page.waitForSelector('[data-testid="lab-start"]');
      expect(await page.textContent('[data-testid="lab"]')).toMatch(/attention 无/);
      expect(await page.textContent('[data-testid="lab-status"]')).toMatch(/abc/);
      expect(await page.textContent('[data-testid="lab-start"]')).toBe("开始测量");
    } finally {
      await context.close();
    }
  }, 120_000);
});
