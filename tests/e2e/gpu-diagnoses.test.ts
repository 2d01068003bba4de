/**
 * Issue 14: grading on the GPU must not change what a learner is told. For the exercises
 * whose bugs are numerical — exp overflow, the log of 0, a missing max shift — every file in
 * the bank, right or wrong, gets the same verdict and names the same bug in Chromium's worker
 * (WebGPU on SwiftShader, GPU-only) as the bank's own tests demand on the cpu backend.
 * SwiftShader's log reads a NaN's bits as 1.5·2^128 (log(NaN) ≈ 89.13) and returns −88.03 for
 * log(0); the loss bank's naive-exp file is diagnosed only because its bug model covers that.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { bankEntries } from "../helpers.js";
import { browserSuite, hasChromium, siteInBrowser } from "./browser.js";
import { runToVerdict, setCode } from "./exercise-page.js";

const EXERCISES = ["loss", "softmax"] as const;

describe.skipIf(!hasChromium)(browserSuite("the bank's diagnoses on WebGPU"), () => {
  const site = siteInBrowser();

  for (const id of EXERCISES) {
    it(`${id}: every bank file gets its verdict and its named bug, GPU-only`, async () => {
      const page = await site.browser.newPage();
      try {
        await page.goto(`${site.base}/exercises/${id}`);
        await page.waitForFunction(() => document.querySelector('[data-testid="backend-badge"]')?.getAttribute("data-gpu-only") === "true", null, {
          timeout: 60_000,
        });
        for (const entry of bankEntries(id)) {
          await setCode(page, readFileSync(entry.file, "utf8"));
          const verdict = await runToVerdict(page);
          if (entry.expect.pass) {
            expect(verdict, entry.name).toBe("pass");
            continue;
          }
          expect(verdict, entry.name).toBe("fail");
          const named = await page.$$eval(".check-diagnosis[data-bug]", (els) => els.map((e) => e.getAttribute("data-bug")));
          expect(named, entry.name).toContain(entry.expect.bug);
        }
      } finally {
        await page.close();
      }
    }, 300_000);
  }
});
