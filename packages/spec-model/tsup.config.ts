import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts" },
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "node20",
  // The bundles are located at run time through import.meta.url; the shim makes that work in the CJS build.
  shims: true,
});
