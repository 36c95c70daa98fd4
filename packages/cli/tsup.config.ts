import { defineConfig } from "tsup";

// Both builds write to dist/ at once, so neither cleans it (package.json's build does).
export default defineConfig([
  {
    // The library: the command names the docs' CLI samples use, and run() for embedding.
    entry: { index: "src/index.ts" },
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: false,
    target: "node20",
    // The spec bundles are located at run time through import.meta.url; the shim makes that work in the CJS build.
    shims: true,
  },
  {
    // The bin is only ever run by node directly, so one ESM file is enough.
    entry: { bin: "src/bin.ts" },
    format: ["esm"],
    sourcemap: true,
    target: "node20",
    clean: false,
  },
]);
