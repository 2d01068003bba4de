import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["tests/setup/global.ts"],
    // Each grading spawns a child process; a few in parallel is what 2 cores sustain.
    testTimeout: 60_000,
    hookTimeout: 300_000,
    projects: [
      { extends: true, test: { name: "node", include: ["tests/*.test.ts"], sequence: { groupOrder: 0 } } },
      // The browser tests run after the others, one file at a time: headless Chromium with
      // WebGPU on SwiftShader needs the CPU to itself to stay within its time limits.
      { extends: true, test: { name: "browser", include: ["tests/e2e/**/*.test.ts"], sequence: { groupOrder: 1 }, fileParallelism: false } },
    ],
  },
});
