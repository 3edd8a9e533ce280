import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

/**
 * Test files at once. Vitest's default is one fewer than the CPUs: a single worker on a 2-CPU machine
 * (CI), where most files spend their time waiting on a child process (the built server, a CLI under tsx),
 * Postgres or a timer. One more than the CPUs keeps both busy; each file still has its own databases
 * (PGlite in a temp dir, Postgres `mot_test_<random>`) and ports (0), so files do not share state.
 */
const WORKERS = availableParallelism() + 1;

export default defineConfig({
  test: {
    include: ["app/**/*.test.ts", "machines/**/*.test.ts", "scenarios/**/*.test.ts", "db/**/*.test.ts", "tests/**/*.test.ts"],
    exclude: ["node_modules/**", "build/**", "tests/e2e/**"],
    maxWorkers: WORKERS,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
