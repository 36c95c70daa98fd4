import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    typecheck: { include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
    // Generation runs openapi-typescript and a child process: a hang guard, not a speed check.
    testTimeout: 60_000,
  },
});
