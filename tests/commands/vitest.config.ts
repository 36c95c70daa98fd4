import { defineConfig } from "vitest/config";

// Each test runs a root npm command in a child process (npm, node, a server): a hang guard, not
// a speed check.
export default defineConfig({
  test: { include: ["test/**/*.test.ts"], silent: "passed-only", testTimeout: 60_000 },
});
