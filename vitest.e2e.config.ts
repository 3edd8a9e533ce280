import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/e2e/**/*.test.ts"],
    // Two files at a time, each with its own server and Chromium: passed under load 11–12 in session 10 (690 s wall
    // for 1,222 s of tests; decision 263).
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
