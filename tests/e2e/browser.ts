/** Headless Debian Chromium with a real (software) WebGPU adapter, driven by playwright-core. */
import { existsSync } from "node:fs";
import type { Server } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { chromium, type Browser } from "playwright-core";
import { COURSE_ROOT } from "../helpers.js";
import { serve } from "./serve.js";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM);

/** A browser suite's title; where Chromium is missing, the title carries the reason it is skipped. */
export function browserSuite(title: string): string {
  return hasChromium ? title : `${title} — skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`;
}

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-sync",
      // WebGPU on the CPU (SwiftShader) when there is no GPU: the WebGPU path runs in CI too.
      "--enable-unsafe-webgpu",
    ],
  });
}

/** The built site served from dist/ and a browser, opened before a suite's tests and closed after them.
 * Call inside a describe; read `browser` and `base` inside the tests (they are set by then). */
export function siteInBrowser(): { readonly browser: Browser; readonly base: string } {
  const site = {} as { browser: Browser; base: string; server?: Server };
  beforeAll(async () => {
    const { server, url } = await serve(join(COURSE_ROOT, "dist"));
    Object.assign(site, { server, base: url, browser: await launch() });
  });
  afterAll(async () => {
    await site.browser?.close();
    site.server?.close();
  });
  return site;
}
