/**
 * The exercise page as a learner meets it (issue 13): code readable in both themes, a syntax
 * error said once at its line with a marker in the editor, Stop, import into the open
 * editor, a draft that survives an immediate reload, and the function body in view.
 * One exercise (softmax) stands for all: the widget is the same on every page.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { COURSE_ROOT } from "../helpers.js";
import { browserSuite, hasChromium, siteInBrowser } from "./browser.js";

const ID = "softmax";
const KEY = `transformer-course:v1:exercise:${ID}`;
const solution = readFileSync(join(COURSE_ROOT, "solutions", `${ID}.ts`), "utf8");
const LOOP = `import * as tf from "@tensorflow/tfjs";\nexport function softmax(): void { while (true) {} }\n`;

async function setCode(page: Page, code: string) {
  await page.click('[data-testid="exercise-editor"] .cm-content');
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(code);
}

async function settled(page: Page, timeout = 120_000): Promise<string> {
  await page.waitForFunction(
    () => !["running", "idle"].includes(document.querySelector('[data-testid="verdict"]')?.getAttribute("data-status") ?? "idle"),
    null,
    { timeout },
  );
  return (await page.getAttribute('[data-testid="verdict"]', "data-status"))!;
}

async function run(page: Page, timeout = 120_000): Promise<string> {
  await page.click('[data-testid="run-button"]');
  await page
    .waitForFunction(() => document.querySelector('[data-testid="verdict"]')?.getAttribute("data-status") === "running", null, { timeout: 10_000 })
    .catch(() => undefined);
  return settled(page, timeout);
}

const editorText = (page: Page) => page.evaluate(() => (document.querySelector('[data-testid="exercise-editor"] .cm-content') as HTMLElement).innerText);

describe.skipIf(!hasChromium)(browserSuite("the exercise page's editor, errors, Stop and drafts"), () => {
  const site = siteInBrowser();

  for (const scheme of ["light", "dark"] as const) {
    it(`every code token is at least 4.5:1 on the editor's background in the ${scheme} theme`, async () => {
      const page = await site.browser.newPage({ colorScheme: scheme });
      try {
        await page.goto(`${site.base}/exercises/${ID}`);
        await page.waitForSelector('[data-testid="exercise-editor"] .cm-line span');
        const measured = await page.evaluate(() => {
          const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
          const lum = ([r, g, b]: number[]) => {
            const lin = (c: number) => {
              const v = c / 255;
              return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
            };
            return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
          };
          const ratio = (a: number[], b: number[]) => {
            const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
            return (hi + 0.05) / (lo + 0.05);
          };
          const editor = document.querySelector('[data-testid="exercise-editor"] .cm-editor') as HTMLElement;
          const bg = rgb(getComputedStyle(editor).backgroundColor);
          const spans = [...editor.querySelectorAll(".cm-line span, .cm-line")].filter((s) => (s.textContent ?? "").trim());
          const colors = spans.map((s) => getComputedStyle(s).color);
          const worst = Math.min(...colors.map((c) => ratio(rgb(c), bg)));
          return { bg, worst, tokens: spans.length, distinct: new Set(colors).size, alpha: rgb(getComputedStyle(editor).backgroundColor)[3] };
        });
        expect(measured.alpha ?? 1).toBe(1); // an opaque background, so the ratio is the one seen
        expect(measured.tokens).toBeGreaterThan(30);
        expect(measured.distinct).toBeGreaterThanOrEqual(4); // highlighted, not one colour
        expect(measured.worst).toBeGreaterThanOrEqual(4.5);
        // The theme is followed: a dark background in the dark theme, a light one in the light.
        const bgLum = measured.bg.slice(0, 3).reduce((a, b) => a + b, 0) / 3;
        expect(scheme === "dark" ? bgLum < 80 : bgLum > 200).toBe(true);
      } finally {
        await page.close();
      }
    });
  }

  it("opens with the first function in view, and reports a syntax error once, at its line, with a marker", async () => {
    const page = await site.browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    try {
      await page.goto(`${site.base}/exercises/${ID}`);
      await page.waitForSelector('[data-testid="exercise-editor"] .cm-content');
      await page.waitForFunction(() => (document.querySelector('[data-testid="exercise-editor"] .cm-scroller') as HTMLElement).scrollTop > 0, null, {
        timeout: 10_000,
      });
      // CodeMirror draws the lines that are in the window: bring the editor into it.
      await page.locator('[data-testid="exercise-editor"]').scrollIntoViewIfNeeded();
      await page.waitForTimeout(300);
      const visible = await page.evaluate(() => {
        const scroller = document.querySelector('[data-testid="exercise-editor"] .cm-scroller') as HTMLElement;
        const box = scroller.getBoundingClientRect();
        const line = [...scroller.querySelectorAll(".cm-line")].find((l) => /^export function /.test(l.textContent ?? ""))!;
        const r = line.getBoundingClientRect();
        return r.top >= box.top && r.bottom <= box.bottom;
      });
      expect(visible).toBe(true);

      // Line 20 of the solution is inside an arrow function, where the transpiler's own
      // position falls back to the arrow's start (16:22): the page must say line 20.
      const lines = solution.split("\n");
      lines.splice(19, 0, "    const broken = ;");
      await setCode(page, lines.join("\n"));
      expect(await run(page)).toBe("error");
      const verdict = (await page.textContent('[data-testid="verdict"]'))!;
      expect(verdict).toMatch(/SyntaxError at line 20, column \d+/);
      const widget = (await page.textContent(".exercise-widget"))!;
      const message = verdict.split(": ")[1].split(" — ")[0];
      expect(widget.split(message).length - 1).toBe(1);
      expect(await page.locator('[data-testid="check-row"][data-status="not-run"]').count()).toBeGreaterThan(5);
      expect(await page.locator(".check-message").count()).toBe(0);
      const marked = await page.evaluate(() => document.querySelector(".cm-lintRange-error")?.closest(".cm-line")?.textContent);
      expect(marked).toBe("    const broken = ;");
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 300_000);

  it("Stop ends a running loop at once, and the next run works", async () => {
    const page = await site.browser.newPage();
    try {
      await page.goto(`${site.base}/exercises/${ID}?timeout=120000`);
      await page.waitForFunction(() => /webgpu|cpu|webgl/.test(document.querySelector('[data-testid="backend-badge"]')?.textContent ?? ""), null, {
        timeout: 60_000,
      });
      await setCode(page, LOOP);
      expect(await page.isHidden('[data-testid="stop-button"]')).toBe(true);
      await page.click('[data-testid="run-button"]');
      await page.waitForSelector('[data-testid="stop-button"]:not([hidden])');
      await page.waitForTimeout(1500); // the loop is running in the worker
      const t0 = Date.now();
      await page.click('[data-testid="stop-button"]');
      expect(await settled(page, 10_000)).toBe("stopped");
      expect(Date.now() - t0).toBeLessThan(5_000);
      expect(await page.isHidden('[data-testid="stop-button"]')).toBe(true);
      await setCode(page, solution);
      expect(await run(page)).toBe("pass");
    } finally {
      await page.close();
    }
  }, 300_000);

  it("an import puts the imported draft in the open editor, and a draft survives an immediate reload", async () => {
    const page = await site.browser.newPage();
    try {
      await page.goto(`${site.base}/exercises/${ID}`);
      await page.waitForSelector('[data-testid="exercise-editor"] .cm-content');
      const imported = `// imported draft ${Date.now()}\n${solution}`;
      const file = JSON.stringify({
        format: "transformer-course-progress",
        version: 1,
        exportedAt: new Date().toISOString(),
        entries: [{ kind: "exercise", id: ID, value: { draft: imported, updatedAt: Date.now() } }],
      });
      await page.setInputFiles('.exercise-widget input[type="file"]', { name: "progress.json", mimeType: "application/json", buffer: Buffer.from(file) });
      await page.waitForFunction(
        (want) => (document.querySelector('[data-testid="exercise-editor"] .cm-content') as HTMLElement).innerText.startsWith(want),
        imported.split("\n")[0],
        {
          timeout: 10_000,
        },
      );
      // A keystroke after the import edits the imported draft, not the old code.
      await page.click('[data-testid="exercise-editor"] .cm-content');
      await page.keyboard.press("ControlOrMeta+Home");
      await page.keyboard.insertText("// typed just before the reload\n");
      await page.reload(); // at once: no wait for the 300 ms debounce
      await page.waitForSelector('[data-testid="exercise-editor"] .cm-content');
      const saved = await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? "{}").draft, KEY);
      expect(saved).toBe(`// typed just before the reload\n${imported}`);
      expect((await editorText(page)).startsWith("// typed just before the reload")).toBe(true);
    } finally {
      await page.close();
    }
  }, 120_000);
});
