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
import ts from "typescript";
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
    // Root aliases of responses, parameters, ... (`ParameterUserId`); schemas are named below.
    rootTypes: true,
    rootTypesNoSchemaPrefix: true,
    // Type-only output: the types package ships no runtime code.
    enum: false,
    silent: true,
    // Yeastar's Longs (`format: int64`) are numbers tagged `Int64` (src/int64.ts): a number to
    // every use, and a mark the client's exact mode finds to type them as it delivers them.
    transform: (schema) => (schema.format === "int64" && schema.type === "integer" ? ts.factory.createTypeReferenceNode("Int64") : undefined),
  });
  const source = withNamedSchemas(astToString(namedSchemaDeclarations(ast)));
  return /\bInt64\b/.test(source) ? `import type { Int64 } from "../int64.js";\n\n${source}` : source;
}

// openapi-typescript writes each schema inline in `components["schemas"]` and aliases it
// (`type YcmUser = components['schemas']['YcmUser']`), so an editor shows a user as an anonymous
// 13-field object and go-to-definition lands on the alias. Turned around, every schema is a named
// top-level declaration (`export interface YcmUser { ... }`, with its description) that
// `components["schemas"]` and every other reference point to: hovers read `YcmUser`.
function namedSchemaDeclarations(nodes) {
  const f = ts.factory;
  const declarations = [];
  const out = nodes.map((node) => {
    if (!ts.isInterfaceDeclaration(node) || node.name.text !== "components") return node;
    const members = node.members.map((member) => {
      if (member.name?.text !== "schemas" || !member.type || !ts.isTypeLiteralNode(member.type)) return member;
      const schemas = member.type.members.map((schema) => {
        const name = schema.name.text;
        if (!/^[A-Za-z_$][\w$]*$/.test(name)) throw new Error(`schema name ${JSON.stringify(name)} is not a TypeScript name: rename it in the spec`);
        // An interface where the schema is an object (editors keep an interface's name through the
        // mapped and conditional types of openapi-fetch; an alias of an object literal is expanded
        // there), a type alias for anything else (unions, enums, scalars).
        const exported = [f.createModifier(ts.SyntaxKind.ExportKeyword)];
        const alias = ts.isTypeLiteralNode(schema.type)
          ? f.createInterfaceDeclaration(exported, name, undefined, undefined, schema.type.members)
          : f.createTypeAliasDeclaration(exported, name, undefined, schema.type);
        ts.setSyntheticLeadingComments(alias, ts.getSyntheticLeadingComments(schema));
        declarations.push(alias);
        return f.updatePropertySignature(schema, schema.modifiers, schema.name, schema.questionToken, f.createTypeReferenceNode(name));
      });
      return f.updatePropertySignature(member, member.modifiers, member.name, member.questionToken, f.createTypeLiteralNode(schemas));
    });
    return f.updateInterfaceDeclaration(node, node.modifiers, node.name, node.typeParameters, node.heritageClauses, members);
  });
  // After `components`: the declarations read top-down from the API's entry points to its models.
  const at = out.findIndex((node) => ts.isInterfaceDeclaration(node) && node.name.text === "components") + 1;
  out.splice(at, 0, ...declarations);
  return out;
}

// References between schemas by name (`list: YcmUser[]`, not `components["schemas"]["YcmUser"][]`),
// and without openapi-typescript's root aliases of schemas, which would now alias themselves.
function withNamedSchemas(source) {
  return source
    .replace(/^export type (\w+) = components\['schemas'\]\['\1'\];\n/gm, "")
    .replace(/components\["schemas"\]\["([A-Za-z_$][\w$]*)"\]/g, "$1");
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
