import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["app/**/*.test.ts", "machines/**/*.test.ts", "scenarios/**/*.test.ts", "db/**/*.test.ts", "tests/**/*.test.ts"],
    exclude: ["node_modules/**", "build/**", "tests/e2e/**"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
