/**
 * Formulas in a real browser: KaTeX's fonts load from this site (ℝ, 𝔼 and stretchy brackets
 * need them), and on a phone a formula wider than the screen scrolls in place and shows it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import type { Server } from "node:http";
import { COURSE_ROOT } from "../helpers.js";
import { browserSuite, hasChromium, launch } from "./browser.js";
import { serve } from "./serve.js";

const PHONE = { width: 390, height: 844 };

describe.skipIf(!hasChromium)(browserSuite("math in Chromium"), () => {
  let browser: Browser;
  let server: Server;
  let base: string;
  beforeAll(async () => {
    ({ server, url: base } = await serve(join(COURSE_ROOT, "dist")));
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  for (const scheme of ["light", "dark"] as const) {
    it(`loads KaTeX's fonts locally and marks wide display and inline formulas as scrollable on a phone (${scheme})`, async () => {
      const context = await browser.newContext({ viewport: PHONE, colorScheme: scheme });
      const page = await context.newPage();
      const failed: string[] = [];
      page.on("response", (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
      page.on("requestfailed", (r) => failed.push(r.url()));
      try {
        await page.goto(`${base}/en/topics/07-why-scale`, { waitUntil: "networkidle" });
        const loaded = await page.evaluate(async () => {
          await document.fonts.ready;
          return [...document.fonts].filter((f) => f.status === "loaded").map((f) => f.family);
        });
        // AMS draws ℝ and 𝔼, Math the italic letters, Size1 the taller brackets.
        for (const family of ["KaTeX_AMS", "KaTeX_Main", "KaTeX_Math", "KaTeX_Size1"]) expect(loaded).toContain(family);
        expect(failed).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
        const wide = await page.evaluate(() => {
          const block = [...document.querySelectorAll<HTMLElement>(".katex-block")].find((b) => b.scrollWidth > b.clientWidth + 4);
          if (!block) return null;
          const style = getComputedStyle(block);
          return { overflow: style.overflowX, image: style.backgroundImage, attachment: style.backgroundAttachment };
        });
        expect(wide, "topic 7 has a display formula wider than a phone").not.toBeNull();
        expect(wide?.overflow).toBe("auto");
        // Edge shadows fixed to the box, covered at either end by layers that scroll with the content.
        expect(wide?.image).toMatch(/radial-gradient/);
        expect(wide?.attachment).toBe("local, local, scroll, scroll");

        // An inline formula too wide for the line (topic 11's mask rows, followed by a comma that
        // may not start a line) scrolls inside the text instead of widening the page.
        await page.goto(`${base}/zh/topics/11-decoder-self-attention`, { waitUntil: "networkidle" });
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
        const inline = await page.evaluate(() => {
          const formula = [...document.querySelectorAll<HTMLElement>(".topic p .katex, .topic li .katex")].find(
            (k) => !k.closest(".katex-display") && k.scrollWidth > k.clientWidth + 4,
          );
          if (!formula) return null;
          const style = getComputedStyle(formula);
          return { overflow: style.overflowX, attachment: style.backgroundAttachment };
        });
        expect(inline, "topic 11 has an inline formula wider than a phone's line").not.toBeNull();
        expect(inline?.overflow).toBe("auto");
        expect(inline?.attachment).toBe("local, local, scroll, scroll");
      } finally {
        await context.close();
      }
    });
  }
});
