import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // src/exact.ts and src/resumable.ts import the client by the package's name (see tsup.config.ts):
  // in the tests that is these sources, as in tsconfig.json's paths.
  resolve: { alias: [{ find: /^@yeastar-openapi\/client$/, replacement: fileURLToPath(new URL("./src/index.ts", import.meta.url)) }] },
  test: {
    include: ["test/**/*.test.ts"],
    // What a passing test prints (a generator's "wrote ...", a check's expected complaint) is noise;
    // a failing test's output is shown in full.
    silent: "passed-only",
    typecheck: { include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
    testTimeout: 60_000,
    // Starting the mock server (it compiles the spec's schemas) takes seconds, and more than the
    // default 10 s when the machine is busy: a slow start is not a failure of the client.
    hookTimeout: 60_000,
  },
});
