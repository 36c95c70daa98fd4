// Generates packages/client/src/generated/<api>.ts: the facts the client runtime reads from the
// spec (default host, which bodies are form-encoded, which operations need a token, parameter
// limits, paging parameter names, YCM's error-code names), so none is restated by hand.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { apis, repoRoot } from "./redocly.mjs";
import { checkMode, writeOrCheck } from "./generated-file.mjs";

export const clientMetaOutDir = join(repoRoot, "packages", "client", "src", "generated");
const methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];
const pageNumberNames = ["pageNumber", "pageNo"];
const scalarTypes = new Set(["integer", "number", "string", "boolean"]);

function resolve(doc, node) {
  let current = node;
  for (let hops = 0; current && typeof current === "object" && "$ref" in current; hops++) {
    if (hops > 20) throw new Error(`$ref loop at ${node.$ref}`);
    const ref = current.$ref;
    if (!ref.startsWith("#/")) throw new Error(`unbundled $ref ${ref}: run the spec bundle first`);
    current = ref
      .slice(2)
      .split("/")
      .reduce((at, key) => at?.[key.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
    if (current === undefined) throw new Error(`$ref ${ref} points nowhere`);
  }
  return current;
}

function paramRule(doc, raw) {
  const param = resolve(doc, raw);
  const schema = resolve(doc, param.schema ?? {});
  const rule = {};
  if (param.required) rule.required = true;
  // The client checks scalar values only (ParamType in packages/client/src/core/spec-meta.ts): an
  // array parameter, such as YCM's `trunkIds`, keeps its required flag and no type rule.
  if (scalarTypes.has(schema.type)) rule.type = schema.type;
  for (const key of ["minimum", "maximum", "pattern", "enum"]) if (schema[key] !== undefined) rule[key] = schema[key];
  return { name: param.name, in: param.in, rule };
}

function defaultBaseUrl(server) {
  return server.url.replace(/\{(\w+)\}/g, (_, name) => {
    const value = server.variables?.[name]?.default;
    if (value === undefined) throw new Error(`server variable {${name}} has no default`);
    return value;
  });
}

/**
 * Builds the metadata object for one API from its bundle, in the shape of ApiSpecMeta
 * (packages/client/src/core/spec-meta.ts): only what differs from the usual case is written.
 */
export function clientMeta(doc) {
  const operations = {};
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of methods) {
      const op = item[method];
      if (!op) continue;
      const entry = {};
      for (const { name, in: where, rule } of [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p) => paramRule(doc, p))) {
        if (where === "query" || where === "path") (entry[where] ??= {})[name] = rule;
      }
      const content = resolve(doc, op.requestBody ?? {}).content ?? {};
      if ("application/x-www-form-urlencoded" in content) entry.form = true;
      const security = op.security ?? doc.security ?? [];
      if (!security.some((requirement) => Object.keys(requirement).length > 0)) entry.noAuth = true;
      const pageParam = pageNumberNames.find((name) => entry.query?.[name]);
      if (pageParam && entry.query.pageSize) entry.pageParam = pageParam;
      (operations[method.toUpperCase()] ??= {})[path] = entry;
    }
  }
  const errorCodes = {};
  for (const schema of Object.values(doc.components?.schemas ?? {})) {
    const names = schema["x-enum-varnames"];
    if (schema.type === "integer" && Array.isArray(schema.enum) && Array.isArray(names)) {
      schema.enum.forEach((code, i) => (errorCodes[code] = names[i]));
    }
  }
  return { defaultBaseUrl: defaultBaseUrl(doc.servers[0]), operations, errorCodes };
}

export function clientMetaSource(api, doc) {
  const body = JSON.stringify(clientMeta(doc), null, 2);
  return `import type { ApiSpecMeta } from "../core/spec-meta.js";\n\nexport const ${api}Spec = ${body} as const satisfies ApiSpecMeta;\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const check = checkMode();
  let stale = 0;
  for (const api of apis) {
    const doc = JSON.parse(readFileSync(join(repoRoot, "spec", "dist", `${api}.openapi.json`), "utf8"));
    const file = join(clientMetaOutDir, `${api}.ts`);
    stale += writeOrCheck(file, clientMetaSource(api, doc), { check, generator: "scripts/generate-client-meta.mjs", from: `spec/${api}` }) ? 0 : 1;
  }
  if (stale) process.exit(1);
}
