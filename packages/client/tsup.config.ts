import { defineConfig } from "tsup";
import type { Plugin } from "esbuild";

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

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "es2022",
  noExternal: ["openapi-fetch"],
  esbuildPlugins: [openapiFetchExternalInEsm],
});
