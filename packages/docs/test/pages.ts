// Shared readers for the built pages and the bundled descriptions they document.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { HTTP_METHODS } from "@yeastar-openapi/spec-model";

export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
export const distDir = fileURLToPath(new URL("../dist/", import.meta.url));

export const apis = ["ycm", "workplace"] as const;
export type Api = (typeof apis)[number];

// The spec model's one list of HTTP methods.
export const httpMethods = HTTP_METHODS;

export interface Operation {
  operationId?: string;
  summary?: string;
  tags?: string[];
}
export interface OpenApi {
  info: { title: string; version: string; description?: string };
  tags?: { name: string }[];
  paths: Record<string, Partial<Record<(typeof httpMethods)[number], Operation>>>;
  webhooks?: Record<string, Partial<Record<(typeof httpMethods)[number], Operation>>>;
}

export function readPage(name: string): string {
  const file = `${distDir}${name}`;
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`pnpm build\` in packages/docs first.`);
  return readFileSync(file, "utf8");
}

export function readBundle(api: Api): { text: string; spec: OpenApi } {
  const file = `${repoRoot}spec/dist/${api}.openapi.json`;
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`pnpm --filter @yeastar-openapi/spec build\` first.`);
  const text = readFileSync(file, "utf8");
  return { text, spec: JSON.parse(text) as OpenApi };
}

/** Every operation of a description as [method, path, operation]. */
export function operations(spec: OpenApi): [string, string, Operation][] {
  return Object.entries(spec.paths).flatMap(([path, item]) =>
    httpMethods.flatMap((method) => (item[method] ? [[method, path, item[method]] as [string, string, Operation]] : [])),
  );
}

/** Every webhook event of a description (OpenAPI 3.1 `webhooks`) as [method, name, operation]. */
export function webhookOperations(spec: OpenApi): [string, string, Operation][] {
  return Object.entries(spec.webhooks ?? {}).flatMap(([name, item]) =>
    httpMethods.flatMap((method) => (item[method] ? [[method, name, item[method]] as [string, string, Operation]] : [])),
  );
}

/** The JSON assigned to `const <name> = ...;` in the page's hydration script. */
export function pageConst(html: string, name: string): unknown {
  const marker = `const ${name} = `;
  const start = html.indexOf(marker);
  if (start < 0) throw new Error(`the page has no \`${marker}\``);
  const from = start + marker.length;
  return JSON.parse(html.slice(from, html.indexOf(";\n", from)));
}

/** The server-rendered markup: everything before Redoc's inlined module script. */
export function prerendered(html: string): string {
  const end = html.indexOf('<script type="module">');
  if (end < 0) throw new Error("the page has no inlined Redoc module script");
  return html.slice(0, end);
}

/** Text of the page's inline module script (Redoc's bundle plus the hydrate call). */
export function moduleScript(html: string): string {
  const open = '<script type="module">';
  const start = html.indexOf(open);
  const end = html.indexOf("</script>", start);
  if (start < 0 || end < 0) throw new Error("the page has no inlined Redoc module script");
  return html.slice(start + open.length, end);
}

// Braces belong to a templated host (`https://{ycm_domain}`); a lone closing one ends a shell
// default (`${YCM_BASE_URL:-https://ycm.yeastar.com}` in the curl samples) and is not the host's.
export const hostsIn = (text: string): Set<string> =>
  new Set([...text.matchAll(/https?:\/\/([A-Za-z0-9.{}_-]+)/g)].map((m) => m[1]!.toLowerCase().replace(/^([^{]*)\}+$/, "$1")));
