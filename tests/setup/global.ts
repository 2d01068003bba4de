/**
 * Once per `npm test`: bundle the grader's child process (parallel test files would race to
 * build it) and build the site, which the site and browser tests read from dist/.
 * SKIP_SITE_BUILD=1 reuses an existing dist/ when iterating on tests (never in CI).
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ensureChildBundle, COURSE_ROOT } from "../../graders/runtime/node-bundle.js";
import { CHROMIUM, hasChromium } from "../e2e/browser.js";

// Every vitest project inherits this global setup; the work is done once per process.
const shared = globalThis as { courseSetup?: Promise<void> };

export default function setup(): Promise<void> {
  shared.courseSetup ??= prepare();
  return shared.courseSetup;
}

async function prepare(): Promise<void> {
  await ensureChildBundle();
  if (!hasChromium) process.stderr.write(`browser tests SKIPPED: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)\n`);
  if (process.env.SKIP_SITE_BUILD) {
    if (!existsSync(join(COURSE_ROOT, "dist/index.html"))) process.stderr.write("SKIP_SITE_BUILD: no dist/ — the site and browser tests will fail\n");
    return;
  }
  const t0 = Date.now();
  execFileSync("npm", ["run", "build", "--silent"], { cwd: COURSE_ROOT, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, OBSERVABLE_TELEMETRY_DISABLE: "true" } });
  process.stderr.write(`site built in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
}
