import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["app/**/*.test.ts", "machines/**/*.test.ts", "scenarios/**/*.test.ts", "db/**/*.test.ts", "tests/**/*.test.ts"],
    exclude: ["node_modules/**", "build/**", "tests/e2e/**"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two test files at a time (vitest's default here is CPUs − 1 = 1): most slow files wait on a child process or a
    // database. Measured on a quiet machine: the whole run 493 s against 775–824 s with one (decision 263).
    maxWorkers: 2,
  },
});
