import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/setup/global.ts"],
    // Each grading spawns a child process; a few in parallel is what 2 cores sustain.
    testTimeout: 60_000,
    hookTimeout: 300_000,
  },
});
