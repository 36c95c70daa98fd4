import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // What a passing test prints (a generator's "wrote ...", a check's expected complaint) is noise;
    // a failing test's output is shown in full.
    silent: "passed-only",
    // Each test packs a package or runs a compiler in a child process (TypeScript 5.9 alone takes
    // ~13 s here, more when turbo runs every package at once): a hang guard, not a speed check.
    testTimeout: 180_000,
    hookTimeout: 30_000,
  },
});
