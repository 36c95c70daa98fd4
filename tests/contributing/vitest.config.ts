import { defineConfig } from "vitest/config";

// The walk runs the Redocly CLI, openapi-typescript and the TypeScript compiler (several seconds
// each when turbo runs every package at once on two cores): a hang guard, not a speed check.
export default defineConfig({
  test: { include: ["test/**/*.test.ts"], silent: "passed-only", testTimeout: 120_000, hookTimeout: 120_000 },
});
