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

// The entries outside the core (hooks, validate) import the core by the package's own name, left
// external: the error classes a user catches are then the ones of the core entry they loaded
// (dist/index.js, index.cjs, or browser.js in a browser), never a second copy.
const outsideCore = { ...common, format: ["esm", "cjs"], dts: true, clean: false, external: ["@yeastar-openapi/client"], esbuildPlugins: [openapiFetchExternalInEsm] } as const;

// The builds write to dist/ at once, so none cleans it (package.json's build does).
export default defineConfig([
  { ...common, entry: ["src/index.ts"], format: ["esm", "cjs"], dts: true, clean: false, esbuildPlugins: [openapiFetchExternalInEsm] },
  { ...common, entry: { browser: "src/index.ts" }, format: ["esm"], dts: false, clean: false, esbuildPlugins: [openapiFetchExternalInEsm, browserSpecMeta] },
  // @yeastar-openapi/client/webhooks: a build of its own, so it shares no chunk with the core entry
  // (which never imports it) and the core bundle does not change when it does.
  { ...common, entry: { webhooks: "src/webhooks/index.ts" }, format: ["esm", "cjs"], dts: true, clean: false, platform: "node" },
  { ...outsideCore, entry: { hooks: "src/hooks/index.ts" } },
  { ...outsideCore, entry: { validate: "src/validate/index.ts" } },
  // The entries a one-call app does not need. They import the client by the package's name, left
  // external, so they share its classes whichever build (ESM, CommonJS, browser) the app resolves.
  { ...common, entry: ["src/exact.ts", "src/resumable.ts", "src/token-store.ts"], format: ["esm", "cjs"], dts: true, clean: false, external: ["@yeastar-openapi/client"] },
  // The stores and budgets, each behind its own import (Node only), so the core bundle does not carry them.
  {
    sourcemap: true,
    target: "es2022",
    platform: "node",
    entry: ["src/token-store-file.ts", "src/redis.ts", "src/rate-budget.ts"],
    format: ["esm", "cjs"],
    dts: true,
    clean: false,
    external: ["proper-lockfile", "@yeastar-openapi/client"],
  },
]);
