/**
 * Once per `npm test`: bundle the grader's child process (parallel test files would race to
 * build it) and build the site, which the site and browser tests read from dist/.
 * SKIP_SITE_BUILD=1 reuses an existing dist/ when iterating on tests (never in CI).
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ensureChildBundle, COURSE_ROOT } from "../../graders/runtime/node-bundle.js";

export default async function setup(): Promise<void> {
  await ensureChildBundle();
  if (process.env.SKIP_SITE_BUILD) {
    if (!existsSync(join(COURSE_ROOT, "dist/index.html"))) process.stderr.write("SKIP_SITE_BUILD: no dist/ — the site and browser tests will fail\n");
    return;
  }
  const t0 = Date.now();
  execFileSync("npm", ["run", "build", "--silent"], { cwd: COURSE_ROOT, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, OBSERVABLE_TELEMETRY_DISABLE: "true" } });
  process.stderr.write(`site built in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
}
