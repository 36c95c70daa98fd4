// Generates the types package's sources from the bundled spec (spec/dist/<api>.openapi.json):
//   src/generated/<api>.ts    openapi-typescript's output for one API
//   src/generated/models.ts   every component schema of both APIs by its name, so a schema added
//                             to the spec is importable from the package (and the client) with no
//                             hand-kept list
//
// The generated files are committed so every API change is reviewed as a diff. Like vitest's
// snapshots, in CI (CI=true) or with --check nothing is written: a file that differs from what
// the spec generates fails the run, naming the file and the command that fixes it.
// --write always writes (that is `pnpm generate`).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { loadSpec } from "@yeastar-openapi/spec-model";
import openapiTS, { astToString } from "openapi-typescript";
import { apis, specDir } from "../../../spec/scripts/redocly.mjs";
import { checkMode, writeOrCheck } from "../../../spec/scripts/generated-file.mjs";

export const typesOutDir = fileURLToPath(new URL("../src/generated/", import.meta.url));
export const generator = "packages/types/scripts/generate.mjs";

/** The bundled description of one API, parsed. */
export function readBundle(api) {
  const bundlePath = join(specDir, "dist", `${api}.openapi.json`);
  try {
    return JSON.parse(readFileSync(bundlePath, "utf8"));
  } catch (error) {
    throw new Error(`cannot read the ${api} bundle at ${bundlePath} (${error.code ?? error.message}): run the spec build first`);
  }
}

/** Generates the TypeScript source for one API from its bundle in spec/dist. */
export async function generateTypes(api) {
  return typesFromBundle(readBundle(api));
}

/** openapi-typescript with our options, for a bundled document (also used on test copies). */
export async function typesFromBundle(spec) {
  const ast = await openapiTS(spec, {
    // `YcmUser` etc. as top-level exports beside paths/components/operations.
    rootTypes: true,
    rootTypesNoSchemaPrefix: true,
    // Type-only output: the types package ships no runtime code.
    enum: false,
    silent: true,
  });
  return astToString(ast);
}

/**
 * The source of src/generated/models.ts: one `export type { ... }` per API naming every component
 * schema, for `docs` = { ycm: bundle, workplace: bundle }. Both APIs' models share the package's
 * top level, so a name used by both stops the generator (schema names carry the product).
 */
export function modelsSource(docs) {
  const owner = new Map();
  const lines = [];
  for (const [api, doc] of Object.entries(docs)) {
    const names = loadSpec(doc, { api }).schemaNames;
    for (const name of names) {
      if (owner.has(name)) {
        throw new Error(`schema ${name} is in both spec/${owner.get(name)} and spec/${api}: give it the product's prefix (Ycm..., Workplace...) in one of them`);
      }
      owner.set(name, api);
    }
    if (names.length) lines.push(`export type {\n${names.map((name) => `  ${name},\n`).join("")}} from "../${api}.js";\n`);
  }
  return lines.join("");
}

// Run as a script (not when a test imports generateTypes).
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const check = checkMode();
  let stale = 0;
  const docs = {};
  for (const api of apis) {
    docs[api] = readBundle(api);
    const source = await typesFromBundle(docs[api]);
    stale += writeOrCheck(join(typesOutDir, `${api}.ts`), source, { check, generator, from: `spec/${api}` }) ? 0 : 1;
  }
  const from = apis.map((api) => `spec/${api}`).join(" and ");
  stale += writeOrCheck(join(typesOutDir, "models.ts"), modelsSource(docs), { check, generator, from }) ? 0 : 1;
  if (stale) process.exit(1);
}
