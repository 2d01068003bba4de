/** Headless Debian Chromium with a real (software) WebGPU adapter, driven by playwright-core. */
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

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
