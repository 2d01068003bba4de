/**
 * Global setup of the site and browser tiers: build the site once, which their tests read
 * from dist/. Both tiers name this setup; when they run together (`npm test`) the build
 * happens once per vitest process. SKIP_SITE_BUILD=1 reuses an existing dist/ when
 * iterating on tests (never in CI).
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { COURSE_ROOT } from "../../graders/paths.js";
import { CHROMIUM, hasChromium } from "../e2e/browser.js";

const shared = globalThis as { siteBuild?: Promise<void> };

export default function setup(): Promise<void> {
  shared.siteBuild ??= build();
  return shared.siteBuild;
}

async function build(): Promise<void> {
  if (!hasChromium) process.stderr.write(`browser tests SKIPPED: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)\n`);
  if (process.env.SKIP_SITE_BUILD) {
    if (!existsSync(join(COURSE_ROOT, "dist/index.html"))) process.stderr.write("SKIP_SITE_BUILD: no dist/ — the site and browser tests will fail\n");
    return;
  }
  const t0 = Date.now();
  execFileSync("npm", ["run", "build", "--silent"], {
    cwd: COURSE_ROOT,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, OBSERVABLE_TELEMETRY_DISABLE: "true" },
  });
  process.stderr.write(`site built in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
}
