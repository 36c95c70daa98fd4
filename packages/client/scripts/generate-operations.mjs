// Generates, for the client's entries outside the core (src/hooks/, src/validate/):
//   src/generated/<api>.operations.ts  each operation's id by `METHOD /path`, and the names the
//                                      spec marks secret (hooks redact them)
//   src/generated/<api>.schemas.ts     each operation's success-response schema and the component
//                                      schemas it reaches, for opt-in response validation
// The core client imports neither, so neither reaches its bundle (test/size.test.ts).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { apis, specDir } from "../../../spec/scripts/redocly.mjs";
import { checkMode, writeOrCheck } from "../../../spec/scripts/generated-file.mjs";
import { getAtPointer, loadSpec } from "@yeastar-openapi/spec-model";

const outDir = fileURLToPath(new URL("../src/generated/", import.meta.url));
const generator = "packages/client/scripts/generate-operations.mjs";
const API_NAMES = { ycm: "YCM", workplace: "Workplace" };

// Keywords that say something about a value but do not constrain it, or that OpenAPI adds on top of
// JSON Schema: left out of the validation schemas. `format` too: validation reports drift in shape
// (a missing required field, a wrong type, an unknown enum value), not in how a string is spelt.
const ANNOTATIONS = new Set([
  "description", "title", "example", "examples", "externalDocs", "deprecated", "readOnly", "writeOnly",
  "default", "format", "discriminator", "xml", "$comment", "contentMediaType", "contentEncoding",
]);
// Yeastar adds fields between releases: a body with a field the spec does not know is not drift.
// The spec keeps every schema open; these are dropped in case one ever closes.
const CLOSING = new Set(["additionalProperties", "unevaluatedProperties"]);
// Keywords whose value is a map of schemas, one schema, or a list of schemas.
const SCHEMA_MAPS = new Set(["properties", "patternProperties", "$defs", "dependentSchemas"]);
const SCHEMA_ONE = new Set(["items", "not", "if", "then", "else", "contains", "propertyNames", "unevaluatedItems", "additionalItems"]);
const SCHEMA_LIST = new Set(["allOf", "anyOf", "oneOf", "prefixItems"]);

/** A schema with only what validates, every `$ref` checked to point at a component schema. */
export function pruneSchema(schema, refs) {
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) return schema;
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (ANNOTATIONS.has(key) || key.startsWith("x-")) continue;
    if (CLOSING.has(key) && value === false) continue;
    if (key === "$ref") {
      const match = /^#\/components\/schemas\/([^/]+)$/.exec(value);
      if (!match) throw new Error(`${generator}: a $ref the validation schemas cannot carry: ${value}`);
      refs.add(match[1]);
      out.$ref = value;
    } else if (SCHEMA_MAPS.has(key)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, pruneSchema(sub, refs)]));
    } else if (SCHEMA_ONE.has(key) || (CLOSING.has(key) && typeof value === "object")) {
      out[key] = pruneSchema(value, refs);
    } else if (SCHEMA_LIST.has(key)) {
      out[key] = value.map((sub) => pruneSchema(sub, refs));
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** Property names under `format: password` anywhere in the document's component schemas. */
function passwordFields(doc) {
  const names = new Set();
  const walk = (node) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== "object" || node === null) return;
    if (node.properties && typeof node.properties === "object") {
      for (const [name, sub] of Object.entries(node.properties)) if (sub?.format === "password") names.add(name);
    }
    Object.values(node).forEach(walk);
  };
  walk(doc.components?.schemas ?? {});
  return [...names].sort();
}

/** Names of the API keys the spec lets a client send in the query string (Workplace's `access_token`). */
function queryKeys(doc) {
  const schemes = Object.values(doc.components?.securitySchemes ?? {});
  return schemes.filter((s) => s.type === "apiKey" && s.in === "query").map((s) => s.name).sort();
}

/** src/generated/<api>.operations.ts: operation ids by `METHOD /path`, secret names from the spec. */
export function operationsSource(api, doc) {
  const model = loadSpec(doc);
  const operationIds = {};
  for (const op of model.operations) operationIds[`${op.method.toUpperCase()} ${op.path}`] = op.operationId;
  const facts = { api: API_NAMES[api], operationIds, secretQueryKeys: queryKeys(doc), secretFields: passwordFields(doc) };
  return (
    `// The operations of spec/${api} by \`METHOD /path\`, and the names the spec marks secret: fields of\n` +
    `// \`format: password\`, API keys sent in the query string. Read by src/hooks/ only.\n` +
    `import type { OperationFacts } from "../hooks/facts.js";\n\n` +
    `export const ${api}Operations: OperationFacts = ${JSON.stringify(facts, null, 2)};\n`
  );
}

/** src/generated/<api>.schemas.ts: each operation's success schema, and the components they reach. */
export function schemasSource(api, doc) {
  const model = loadSpec(doc);
  const refs = new Set();
  const operations = {};
  for (const op of model.operations) {
    const json = op.success?.json;
    if (!json) continue;
    operations[op.operationId] = { status: op.success.status, schema: pruneSchema(getAtPointer(doc, json.schemaPointer), refs) };
  }
  // The component schemas the operations reach, and those they reach in turn.
  const schemas = {};
  const pending = [...refs];
  while (pending.length) {
    const name = pending.pop();
    if (schemas[name]) continue;
    const found = doc.components?.schemas?.[name];
    if (!found) throw new Error(`${generator}: #/components/schemas/${name} is referenced but missing`);
    const more = new Set();
    schemas[name] = pruneSchema(found, more);
    pending.push(...[...more].filter((n) => !schemas[n]));
  }
  const sorted = Object.fromEntries(Object.keys(schemas).sort().map((name) => [name, schemas[name]]));
  const document = { $id: `https://yeastar-openapi.invalid/client/${api}.schemas.json`, operations, components: { schemas: sorted } };
  return (
    `// The success-response schema of each operation of spec/${api} (by operationId) and the component\n` +
    `// schemas they reach, annotations left out. Read by src/validate/ only (Ajv compiles each lazily).\n` +
    `import type { SchemaDocument } from "../validate/schemas.js";\n\n` +
    `export const ${api}Schemas: SchemaDocument = ${JSON.stringify(document, null, 2)};\n`
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const check = checkMode();
  let stale = 0;
  for (const api of apis) {
    const doc = JSON.parse(readFileSync(join(specDir, "dist", `${api}.openapi.json`), "utf8"));
    const from = `spec/${api}`;
    stale += writeOrCheck(join(outDir, `${api}.operations.ts`), operationsSource(api, doc), { check, generator, from }) ? 0 : 1;
    stale += writeOrCheck(join(outDir, `${api}.schemas.ts`), schemasSource(api, doc), { check, generator, from }) ? 0 : 1;
  }
  if (stale) process.exit(1);
}
