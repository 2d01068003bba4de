/** What the browser tests do on an exercise page: open it with a saved draft, type a file, run it to a verdict. */
import type { Browser, BrowserContext, Page } from "playwright-core";

/** A fresh context whose saved draft for `id` is `draft`, so the page opens with it in the editor. */
export async function contextWithDraft(browser: Browser, id: string, draft: string): Promise<BrowserContext> {
  const context = await browser.newContext();
  await context.addInitScript(([key, text]) => localStorage.setItem(key, JSON.stringify({ draft: text, updatedAt: Date.now() })), [
    `transformer-course:v1:exercise:${id}`,
    draft,
  ] as const);
  return context;
}

/** Replace the editor's text with `code`, as one input event (no auto-indent or bracket closing). */
export async function setCode(page: Page, code: string): Promise<void> {
  await page.click('[data-testid="exercise-editor"] .cm-content');
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(code);
}

/** Press Run; the verdict is reset first, so a verdict faster than a poll is still seen as this run's. */
export async function startRun(page: Page): Promise<void> {
  await page.evaluate(() => document.querySelector('[data-testid="verdict"]')?.setAttribute("data-status", "idle"));
  await page.click('[data-testid="run-button"]');
}

/** Wait until the verdict is neither running nor idle, and return it. */
export async function settled(page: Page, timeout = 120_000): Promise<string> {
  await page.waitForFunction(
    () => !["running", "idle"].includes(document.querySelector('[data-testid="verdict"]')?.getAttribute("data-status") ?? "idle"),
    null,
    {
      timeout,
    },
  );
  return (await page.getAttribute('[data-testid="verdict"]', "data-status"))!;
}

/** Run the editor's file and return its verdict. */
export async function runToVerdict(page: Page, timeout = 120_000): Promise<string> {
  await startRun(page);
  return settled(page, timeout);
}
