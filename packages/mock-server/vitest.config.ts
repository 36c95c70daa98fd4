import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // What a passing test prints (a generator's "wrote ...", a check's expected complaint) is noise;
    // a failing test's output is shown in full.
    silent: "passed-only",
    // A hang guard, not a speed check: the first mock of a process compiles a validator for every
    // operation of both APIs (about 3 s alone, many times that with every package testing at once).
    testTimeout: 60_000,
  },
});
