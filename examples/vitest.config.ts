import { defineConfig } from "vitest/config";

// Each test runs an example as a child process that starts its own mock server (about a second
// each, more when turbo runs every package at once on two cores): a hang guard, not a speed check.
export default defineConfig({
  test: { include: ["test/**/*.test.ts"], silent: "passed-only", testTimeout: 60_000, hookTimeout: 60_000 },
});
