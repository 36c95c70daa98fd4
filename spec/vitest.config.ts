import { defineConfig } from "vitest/config";

// Each lint test runs the Redocly CLI (about a second alone, several when turbo runs every
// package's tests at once on two cores): the timeout is a hang guard, not a speed check.
export default defineConfig({
  test: { include: ["test/**/*.test.ts"], silent: "passed-only", testTimeout: 60_000 },
});
