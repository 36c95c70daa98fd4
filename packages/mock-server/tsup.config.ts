import { defineConfig } from "tsup";

export default defineConfig([
  {
    entry: { index: "src/index.ts" },
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: true,
    target: "node20",
    // The spec bundle is located at run time through import.meta.url; the shim makes that work in the CJS build.
    shims: true,
  },
  {
    // The CLI is only ever run by node directly, so one ESM file is enough.
    entry: { cli: "src/cli.ts" },
    format: ["esm"],
    sourcemap: true,
    target: "node20",
  },
]);
