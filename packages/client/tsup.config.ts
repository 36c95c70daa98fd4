import { defineConfig } from "tsup";
import type { Plugin } from "esbuild";
import { join } from "node:path";

// openapi-fetch's CommonJS build sets `exports.default = createClient` (with `__esModule`). In the
// CJS build of a `"type": "module"` package, esbuild follows Node's interop and hands
// `import createClient from "openapi-fetch"` the whole `module.exports` object instead, so
// `require("@yeastar-openapi/client")` failed on its first call ("is not a function"). The CJS build
// therefore bundles openapi-fetch's ESM build; the ESM build keeps it an ordinary external dependency.
// (The .d.ts/.d.cts files import openapi-fetch's types either way: dts bundling ignores noExternal.)
const openapiFetchExternalInEsm: Plugin = {
  name: "openapi-fetch-external-in-esm",
  setup(build) {
    if (build.initialOptions.format !== "esm") return;
    build.onResolve({ filter: /^openapi-fetch(\/|$)/ }, (args) => ({ path: args.path, external: true }));
  },
};

// The browser build (dist/browser.js, the `browser` condition of the package's exports) reads
// src/generated/<api>.browser.ts instead of <api>.ts: parameter rules by name and only the unusual
// operations, so a browser app does not carry a table of every operation of the API (see
// scripts/generate-meta.mjs and test/size.test.ts).
const browserSpecMeta: Plugin = {
  name: "browser-spec-meta",
  setup(build) {
    build.onResolve({ filter: /\/generated\/\w+\.js$/ }, (args) => ({
      path: join(args.resolveDir, args.path.replace(/\.js$/, ".browser.ts")),
    }));
  },
};

const common = { sourcemap: true, target: "es2022", noExternal: ["openapi-fetch"] } as const;

// Both builds write to dist/ at once, so neither cleans it (package.json's build does).
export default defineConfig([
  { ...common, entry: ["src/index.ts"], format: ["esm", "cjs"], dts: true, clean: false, esbuildPlugins: [openapiFetchExternalInEsm] },
  { ...common, entry: { browser: "src/index.ts" }, format: ["esm"], dts: false, clean: false, esbuildPlugins: [openapiFetchExternalInEsm, browserSpecMeta] },
  // The stores and budgets, each behind its own import (Node only), so the core bundle does not carry them.
  {
    sourcemap: true,
    target: "es2022",
    platform: "node",
    entry: ["src/token-store-file.ts", "src/redis.ts", "src/rate-budget.ts"],
    format: ["esm", "cjs"],
    dts: true,
    clean: false,
    external: ["proper-lockfile"],
  },
]);
