/**
 * Four tiers, each a vitest project (`npm run test:<tier>`; `npm test` runs them all):
 * - unit: the engine (with an in-process runner), the float64 references, the registry and
 *   the schemas — no child process, no site build;
 * - grader: every exercise's solution, starter and bank (graders/<id>/grader.test.ts), the
 *   CLI, classroom mode and the throw-away exercise — through the sandboxed child process;
 * - site: the built site and its search index (builds the site first);
 * - e2e: the pages in headless Chromium (builds the site first).
 */
import { defineConfig } from "vitest/config";

const SITE_BUILD = "tests/setup/site-build.ts";

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 300_000,
    projects: [
      { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.ts", "graders/reference/**/*.test.ts"], sequence: { groupOrder: 0 } } },
      {
        extends: true,
        test: {
          name: "grader",
          include: ["graders/*/grader.test.ts", "tests/*.test.ts"],
          globalSetup: ["tests/setup/child-bundle.ts"],
          sequence: { groupOrder: 0 },
        },
      },
      { extends: true, test: { name: "site", include: ["tests/site/**/*.test.ts"], globalSetup: [SITE_BUILD], sequence: { groupOrder: 0 } } },
      // The browser tests run after the others, one file at a time: headless Chromium with
      // WebGPU on SwiftShader needs the CPU to itself to stay within its time limits.
      {
        extends: true,
        test: { name: "e2e", include: ["tests/e2e/**/*.test.ts"], globalSetup: [SITE_BUILD], sequence: { groupOrder: 1 }, fileParallelism: false },
      },
    ],
  },
});
