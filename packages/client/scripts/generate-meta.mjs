// Generates packages/client/src/generated/<api>.ts (the Node build) and <api>.browser.ts (the
// browser build): the facts the client runtime reads from the spec (default host, which bodies are
// form-encoded, which operations need a token, parameter limits, paging parameter names, YCM's
// error-code names), so none is restated by hand; and <api>.webhooks.ts, what the webhook receiver
// (the `@yeastar-openapi/client/webhooks` entry) checks of each delivery.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { apis, specDir } from "../../../spec/scripts/redocly.mjs";
import { checkMode, writeOrCheck } from "../../../spec/scripts/generated-file.mjs";
import { loadSpec } from "@yeastar-openapi/spec-model";

export const clientMetaOutDir = fileURLToPath(new URL("../src/generated/", import.meta.url));
export const generator = "packages/client/scripts/generate-meta.mjs";

// The client checks scalar values only (ParamType in ../src/core/spec-meta.ts): an array parameter,
// such as YCM's comma-separated `regionIds` or `trunkIds`, keeps its required flag, its
// serialisation and no type rule.
const scalarTypes = new Set(["integer", "number", "string", "boolean"]);

// How the client serialises an array or object query parameter unless told otherwise
// (openapi-fetch's defaults): arrays `form` exploded (`a=1&a=2`), objects `deepObject` (`o[k]=v`).
const clientDefaultStyle = { array: { style: "form", explode: true }, object: { style: "deepObject", explode: true } };

/** What the client checks of one query or path parameter (ParamRule in core/spec-meta.ts). */
function paramRule(param) {
  const { schema } = param;
  const rule = {};
  if (param.required) rule.required = true;
  if (scalarTypes.has(schema.type)) rule.type = schema.type;
  for (const key of ["minimum", "maximum", "pattern", "enum"]) if (schema[key] !== undefined) rule[key] = schema[key];
  // The spec's serialisation, written only where it differs from the client's default: YCM's
  // comma-separated `regionIds=3,4` (form, explode false) and the pass-through's free-form query
  // object (form, exploded: `id=2&type=vm_pin`). Scalars serialise alike in every query style.
  const usual = param.in === "query" && clientDefaultStyle[schema.type];
  if (usual) {
    if (param.style !== usual.style) rule.style = param.style;
    if (param.explode !== usual.explode) rule.explode = param.explode;
  }
  // A path parameter that stands for the rest of the path: its slashes are sent as slashes.
  if (param.in === "path" && param.wildcard) rule.wildcard = true;
  return rule;
}

/**
 * Builds the metadata object for one API from its bundle, read through the spec model, in the
 * shape of ApiSpecMeta (packages/client/src/core/spec-meta.ts): every operation, with only what
 * differs from the usual case written. The Node build of the client reads this one.
 */
export function clientMeta(doc) {
  const model = loadSpec(doc);
  const operations = {};
  for (const op of model.operations) {
    const entry = {};
    for (const where of ["query", "path"]) {
      for (const param of op.parametersIn[where]) (entry[where] ??= {})[param.name] = paramRule(param);
    }
    if (op.requestBody?.form) entry.form = true;
    if (!op.needsToken) entry.noAuth = true;
    if (op.paging) entry.pageParam = op.paging.pageNumber.name;
    (operations[op.method.toUpperCase()] ??= {})[op.path] = entry;
  }
  const errorCodes = Object.fromEntries(model.errorCodes.map(({ code, name }) => [code, name]));
  const regions = serverRegions(doc);
  return { defaultBaseUrl: model.defaultServerUrl, operations, errorCodes, ...(regions && { regions }) };
}

/** The hosts of the servers the spec names a region (`x-yeastar-region`: Workplace's global and EU hosts), by region. */
function serverRegions(doc) {
  const named = (doc.servers ?? []).filter((server) => typeof server["x-yeastar-region"] === "string");
  return named.length ? Object.fromEntries(named.map((server) => [server["x-yeastar-region"], server.url])) : undefined;
}

// --- The browser build's metadata: what an app ships whichever operations it calls -------------
//
// A browser app bundles the metadata of every operation, and the API is about to grow tenfold;
// the paths alone of ~90 operations are ~350 B gzip. So the browser build carries no table of
// every operation. It carries the API's parameter rules by name (the usual case: a `pageSize` or a
// `userId` means the same on every operation that has it), and lists only the operations that the
// usual case would get wrong: a form body, no token, a required query parameter, a rule that
// differs from the usual one, another page parameter. The client derives the rest from the path
// it is called with (core/spec-meta.ts `usualOperation`, which this mirrors), so every operation
// of the spec gets the same checks as in the Node build; only a path that is not in the spec goes
// unnoticed until the server answers.

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** The most common rule of each parameter name, by location, over every operation. */
function usualRules(operations, where) {
  const seen = {};
  for (const byPath of Object.values(operations)) {
    for (const op of Object.values(byPath)) {
      for (const [name, rule] of Object.entries(op[where] ?? {})) {
        const { required: _required, ...shape } = rule;
        const counts = (seen[name] ??= new Map());
        const key = JSON.stringify(shape);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
  }
  const rules = {};
  for (const name of Object.keys(seen).sort()) {
    const [best] = [...seen[name].entries()].sort((a, b) => b[1] - a[1]);
    rules[name] = JSON.parse(best[0]);
  }
  return rules;
}

/** What the client derives for `path` when the browser table does not list it (see usualOperation). */
function derived(usual, path) {
  const op = { query: usual.query };
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  if (names.length) op.path = Object.fromEntries(names.map((name) => [name, { required: true, ...usual.path[name] }]));
  if (usual.pageParam) op.pageParam = usual.pageParam;
  return op;
}

/** Whether the browser build, deriving `path`'s operation, would check and send it as `op` says. */
function derivable(usual, path, op) {
  const guess = derived(usual, path);
  if (op.form || op.noAuth) return false;
  if (!same(op.path ?? {}, guess.path ?? {})) return false;
  for (const [name, rule] of Object.entries(op.query ?? {})) if (!same(rule, usual.query[name])) return false;
  return !op.pageParam || op.pageParam === guess.pageParam;
}

/** The browser build's metadata (BrowserSpecMeta in core/spec-meta.ts) for one API. */
export function browserMeta(doc) {
  const full = clientMeta(doc);
  const pageParams = new Set(Object.values(full.operations).flatMap((byPath) => Object.values(byPath).map((op) => op.pageParam)).filter(Boolean));
  const usual = { query: usualRules(full.operations, "query"), path: usualRules(full.operations, "path") };
  if (pageParams.size) usual.pageParam = [...pageParams][0];
  const operations = {};
  for (const [method, byPath] of Object.entries(full.operations)) {
    for (const [path, op] of Object.entries(byPath)) {
      if (!derivable(usual, path, op)) (operations[method] ??= {})[path] = op;
    }
  }
  return { defaultBaseUrl: full.defaultBaseUrl, operations, usual, errorCodes: full.errorCodes, ...(full.regions && { regions: full.regions }) };
}

export function clientMetaSource(api, doc) {
  const body = JSON.stringify(clientMeta(doc), null, 2);
  return `import type { ApiSpecMeta } from "../core/spec-meta.js";\n\nexport const ${api}Spec = ${body} as const satisfies ApiSpecMeta;\n`;
}

export function browserMetaSource(api, doc) {
  const body = JSON.stringify(browserMeta(doc), null, 2);
  return (
    `// The browser build's view of spec/${api} (tsup.config.ts swaps it in for ./${api}.js): parameter rules\n` +
    `// by name, and only the operations those would get wrong. See scripts/generate-meta.mjs.\n` +
    `import type { ApiSpecMeta } from "../core/spec-meta.js";\n\nexport const ${api}Spec = ${body} as const satisfies ApiSpecMeta;\n`
  );
}

// --- Webhooks: what the receiver (src/webhooks/) checks of a delivery -------------------------
//
// The webhooks entry point validates each payload against the spec's `webhooks` before handing it
// to the user typed. A JSON Schema validator that compiles code (Ajv) cannot run on Cloudflare
// Workers, one of the receiver's targets, and would be the largest part of the entry; so the
// generator keeps the part of each payload schema that a structural check needs (types, const,
// enum, required, properties, items) and src/webhooks/shape.ts walks it. A keyword outside that
// set fails here, so the runtime never silently checks less than the spec says.
const shapeKeywords = ["type", "const", "enum", "required", "properties", "items"];
const unsupportedKeywords = ["allOf", "anyOf", "oneOf", "not", "if", "patternProperties", "prefixItems", "$ref"];

/** The structural part of a resolved schema (Shape in src/webhooks/shape.ts). */
export function shapeOf(schema, where) {
  for (const key of unsupportedKeywords) {
    if (schema[key] !== undefined) throw new Error(`${where}: the webhook shape check does not support \`${key}\`; extend shapeOf() and src/webhooks/shape.ts`);
  }
  const shape = {};
  for (const key of shapeKeywords) {
    const value = schema[key];
    if (value === undefined) continue;
    if (key === "properties") shape.properties = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, shapeOf(sub, `${where}.${name}`)]));
    else if (key === "items") shape.items = shapeOf(value, `${where}[]`);
    else if (key === "required" && value.length === 0) continue;
    else shape[key] = value;
  }
  return shape;
}

/**
 * The webhooks of one API (WebhookMeta in src/webhooks/shape.ts), keyed by the spec's webhook name:
 * the operationId, the header carrying the signature (a required header parameter whose value is
 * Base64, YCM's `X-Signature`), and the shape of the JSON payload.
 */
export function webhooksMeta(doc) {
  const model = loadSpec(doc);
  const webhooks = {};
  for (const hook of model.webhooks) {
    const json = hook.requestBody?.json;
    if (!json) throw new Error(`webhook ${hook.event}: no JSON request body in the spec`);
    const entry = { operationId: hook.operationId };
    const signature = hook.parametersIn.header.filter((param) => param.required && param.schema.contentEncoding === "base64");
    if (signature.length > 1) throw new Error(`webhook ${hook.event}: more than one Base64 header; which one is the signature?`);
    if (signature.length === 1) entry.signatureHeader = signature[0].name;
    entry.body = shapeOf(json.schema, `webhook ${hook.event}`);
    webhooks[hook.event] = entry;
  }
  return webhooks;
}

export function webhooksMetaSource(api, doc) {
  const body = JSON.stringify(webhooksMeta(doc), null, 2);
  return (
    `// What the webhook receiver (src/webhooks/) checks of each ${api} delivery: see scripts/generate-meta.mjs.\n` +
    `import type { WebhookMeta } from "../webhooks/shape.js";\n\nexport const ${api}Webhooks = ${body} as const satisfies Record<string, WebhookMeta>;\n`
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const check = checkMode();
  let stale = 0;
  for (const api of apis) {
    const doc = JSON.parse(readFileSync(join(specDir, "dist", `${api}.openapi.json`), "utf8"));
    const from = `spec/${api}`;
    stale += writeOrCheck(join(clientMetaOutDir, `${api}.ts`), clientMetaSource(api, doc), { check, generator, from }) ? 0 : 1;
    stale += writeOrCheck(join(clientMetaOutDir, `${api}.browser.ts`), browserMetaSource(api, doc), { check, generator, from }) ? 0 : 1;
    stale += writeOrCheck(join(clientMetaOutDir, `${api}.webhooks.ts`), webhooksMetaSource(api, doc), { check, generator, from }) ? 0 : 1;
  }
  if (stale) process.exit(1);
}
