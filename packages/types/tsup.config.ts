import { defineConfig } from "tsup";

// Types only: the .js files are empty modules that exist so ESM and CJS resolvers find an entry.
export default defineConfig({
  entry: ["src/index.ts", "src/ycm.ts", "src/workplace.ts"],
  format: ["esm", "cjs"],
  // Declarations are written by scripts/declarations.mjs (tsc, one file per source), not bundled.
  dts: false,
  clean: true,
  sourcemap: false,
});
