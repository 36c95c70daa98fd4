// What each optional-looking feature of the client costs in the one-call app: the client's
// sources are bundled once as they are and once per feature with that feature's code replaced by
// the least that still builds, and the gzip sizes are compared. The replacements are matched
// against the sources; when one no longer matches, this fails and names it, so the table cannot
// quietly go stale after a refactor.
import * as esbuild from "esbuild";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

// Each feature: the source file (under packages/client/src) and what to replace in it.
export const FEATURES = [
  {
    name: "YCM error-code names (`codeName`, from the spec)",
    file: "generated/ycm.ts",
    find: /"errorCodes": \{[^}]*\}/,
    replace: '"errorCodes": {}',
  },
  {
    name: "pagination (`client.paginate`)",
    file: "core/client.ts",
    find: /client\.paginate = [\s\S]*?\) as YeastarClient<any>\["paginate"\];/,
    replace: "",
  },
  {
    name: "option checks and their messages",
    file: "core/options.ts",
    find: /export function resolveOptions\([\s\S]*?\n}\n/,
    replace:
      "export function resolveOptions(api: string, options: any, defaultBaseUrl: string): ResolvedOptions {\n" +
      "  return { baseUrl: defaultBaseUrl, userAgent: DEFAULT_USER_AGENT, fetch: globalFetch, maxRetries: DEFAULT_MAX_RETRIES, timeoutMs: DEFAULT_TIMEOUT_MS, retry: {}, plugins: [], ...options };\n}\n",
  },
  {
    name: "parameter checks against the spec's limits",
    file: "core/params.ts",
    find: /export function checkParams\([\s\S]*?\n}\n/,
    replace: "export function checkParams(..._: unknown[]): void {}\n",
  },
  {
    name: "token manager (client credentials, refresh, replay, token store)",
    file: "core/tokens.ts",
    find: "if (credentials) return credentialsAuth(api, source, credentials, grants, lifetimeMs);",
    replace: "",
  },
  {
    name: "retries (backoff, `Retry-After`)",
    file: "core/transport.ts",
    find: /if \(!canRetry [\s\S]*?"was aborted while waiting to retry"[^;]*;\n\s*\}/,
    replace: "throw failed;",
  },
];

/**
 * @param {string} appSource the one-call app, importing "@yeastar-openapi/client"
 * @param {import("esbuild").BuildOptions} options how the app is bundled
 */
export async function featureCosts(appSource, options) {
  const clientSrc = fileURLToPath(new URL("../src/", import.meta.resolve("@yeastar-openapi/client")));
  const contents = appSource.replace(/"@yeastar-openapi\/client"/, JSON.stringify(`${clientSrc}index.ts`));
  if (contents === appSource) throw new Error('size-features: the app does not import "@yeastar-openapi/client"');
  const gzipWith = async (feature) => {
    const stub = {
      name: "stub-feature",
      setup(build) {
        build.onLoad({ filter: /\.ts$/ }, (args) => {
          if (!feature || args.path !== `${clientSrc}${feature.file}`) return undefined;
          const source = readFileSync(args.path, "utf8");
          const stubbed = source.replace(feature.find, feature.replace);
          if (stubbed === source) throw new Error(`size-features: "${feature.name}" no longer matches ${feature.file}; update bench/src/size-features.mjs`);
          return { contents: stubbed, loader: "ts" };
        });
      },
    };
    const result = await esbuild.build({ ...options, metafile: false, stdin: { contents, resolveDir: clientSrc, loader: "js" }, plugins: [stub] });
    return gzipSync(result.outputFiles[0].contents, { level: 9 }).length;
  };
  const whole = await gzipWith(undefined);
  const costs = [];
  for (const feature of FEATURES) costs.push({ name: feature.name, gzip: whole - (await gzipWith(feature)) });
  return { whole, costs };
}
