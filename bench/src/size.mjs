// Part 3: what the client adds to a browser bundle. Two one-call apps (src/apps/) bundled by
// esbuild for the browser, minified, then gzip (level 9) and brotli (quality 11) compressed.
// packages/client/test/size.test.ts enforces the budget; this reports the figures.
import * as esbuild from "esbuild";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { featureCosts } from "./size-features.mjs";

export const SIZE_TARGET_EXTRA_GZIP = 3 * 1024;

const APPS = [
  { name: "openapi-fetch", entry: "./apps/openapi-fetch.js" },
  { name: "our client", entry: "./apps/ycm-client.js" },
];

// How both apps (and the per-file view) are bundled: what a browser app's build would do.
/** @type {import("esbuild").BuildOptions & { write: false, metafile: true }} */
const BROWSER_BUNDLE = { bundle: true, minify: true, format: "esm", platform: "browser", target: "es2022", write: false, metafile: true, logLevel: "silent" };

export async function runSize() {
  const bundles = [];
  for (const app of APPS) {
    const result = await esbuild.build({ ...BROWSER_BUNDLE, entryPoints: [fileURLToPath(new URL(app.entry, import.meta.url))] });
    const code = result.outputFiles[0].contents;
    bundles.push({
      name: app.name,
      minified: code.length,
      gzip: gzipSync(code, { level: 9 }).length,
      brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
      inputs: inputsBySize(result.metafile),
    });
  }
  const [bare, ours] = bundles;
  const app = readFileSync(fileURLToPath(new URL(APPS[1].entry, import.meta.url)), "utf8");
  return {
    bundles,
    clientSources: await clientSources(),
    features: await featureCosts(app, BROWSER_BUNDLE),
    extra: { minified: ours.minified - bare.minified, gzip: ours.gzip - bare.gzip, brotli: ours.brotli - bare.brotli },
    target: SIZE_TARGET_EXTRA_GZIP,
  };
}

// The client ships one dist file; bundling its TypeScript sources the same way says which of
// them the bytes come from.
async function clientSources() {
  const entry = fileURLToPath(new URL("../src/index.ts", import.meta.resolve("@yeastar-openapi/client")));
  const result = await esbuild.build({
    stdin: { contents: `import { createYcmClient } from ${JSON.stringify(entry)}; createYcmClient({ accessToken: "token" }).GET("/");`, resolveDir: fileURLToPath(new URL(".", import.meta.url)) },
    ...BROWSER_BUNDLE,
    external: ["openapi-fetch"],
  });
  return inputsBySize(result.metafile).filter(({ file }) => file !== "<stdin>");
}

// Where the minified bytes come from, by source file: the "why" behind the figure.
function inputsBySize(metafile) {
  const output = Object.values(metafile.outputs)[0];
  return Object.entries(output.inputs)
    .map(([file, { bytesInOutput }]) => ({ file: file.replace(/^.*node_modules\/\.pnpm\/[^/]+\/node_modules\//, "").replace(/^(\.\.\/)+/, ""), bytes: bytesInOutput }))
    .sort((a, b) => b.bytes - a.bytes);
}
