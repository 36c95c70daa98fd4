import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // src/validate/ imports the core by the package's own name (see tsup.config.ts): in the tests,
  // the same sources the tests import, so there is one YeastarError class.
  resolve: { alias: { "@yeastar-openapi/client": fileURLToPath(new URL("./src/index.ts", import.meta.url)) } },
  test: {
    include: ["test/**/*.test.ts"],
    // What a passing test prints (a generator's "wrote ...", a check's expected complaint) is noise;
    // a failing test's output is shown in full.
    silent: "passed-only",
    typecheck: { include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
    testTimeout: 60_000,
  },
});
