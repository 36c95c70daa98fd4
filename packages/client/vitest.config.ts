import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // What a passing test prints (a generator's "wrote ...", a check's expected complaint) is noise;
    // a failing test's output is shown in full.
    silent: "passed-only",
    typecheck: { include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
    testTimeout: 60_000,
  },
});
