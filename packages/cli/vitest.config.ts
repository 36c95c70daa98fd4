import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // What a passing test prints is noise; a failing test's output is shown in full.
    silent: "passed-only",
    // A hang guard, not a speed check: every test runs the built binary as a child process, and the
    // mock compiles a validator for every operation at its first start.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
