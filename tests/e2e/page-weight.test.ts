/**
 * Page weight budgets (issue 13), gzipped JavaScript as a compressing server sends it,
 * measured the way `npm run bench:browser` does: every JavaScript response until the
 * network is idle. The exercise page's figure includes the grading worker it boots; the
 * grading engine itself (the spec schemas, zod) loads on the learner's first edit or Run.
 */
import { describe, expect, it } from "vitest";
import { gzipSync } from "node:zlib";
import { browserSuite, hasChromium, siteInBrowser } from "./browser.js";

const KiB = 1024;
/** [page, path, the budget]. */
const BUDGETS: [string, string, number][] = [
  ["home", "/", 120 * KiB],
  ["topic page", "/en/topics/07-why-scale", 150 * KiB],
  ["exercise page with its grading worker", "/exercises/softmax", 600 * KiB],
];

describe.skipIf(!hasChromium)(browserSuite("page weight budgets"), () => {
  const site = siteInBrowser();

  for (const [name, path, budget] of BUDGETS) {
    it(`${name} (${path}) loads at most ${budget / KiB} KiB of gzipped JavaScript`, async () => {
      const page = await site.browser.newPage();
      const sizes: Promise<[string, number]>[] = [];
      page.on("response", (res) => {
        if (!(res.headers()["content-type"] ?? "").includes("javascript")) return;
        sizes.push(
          res.body().then(
            (b) => [res.url(), gzipSync(b).length] as [string, number],
            () => [res.url(), 0] as [string, number],
          ),
        );
      });
      try {
        await page.goto(site.base + path, { waitUntil: "networkidle" });
        if (path.startsWith("/exercises/"))
          await page.waitForFunction(() => /webgpu|cpu/.test(document.querySelector('[data-testid="backend-badge"]')?.textContent ?? ""), null, {
            timeout: 60_000,
          });
        const files = await Promise.all(sizes);
        const total = files.reduce((s, [, n]) => s + n, 0);
        const heaviest = files
          .sort((a, b) => b[1] - a[1])
          .slice(0, 5)
          .map(([u, n]) => `${new URL(u).pathname} ${(n / KiB).toFixed(0)} KiB`);
        expect(total, `${(total / KiB).toFixed(0)} KiB; heaviest: ${heaviest.join(", ")}`).toBeLessThanOrEqual(budget);
      } finally {
        await page.close();
      }
    }, 120_000);
  }
});
