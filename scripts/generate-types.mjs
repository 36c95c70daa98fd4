// Generates packages/types/src/generated/<api>.ts from the bundled spec with openapi-typescript.
//
// The generated files are committed so every API change is reviewed as a diff. Like vitest's
// snapshots, in CI (CI=true) or with --check nothing is written: a file that differs from what
// the spec generates fails the run, naming the file and the command that fixes it.
// --write always writes (that is `pnpm generate`).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import { apis, repoRoot } from "./redocly.mjs";
import { checkMode, writeOrCheck } from "./generated-file.mjs";

export const typesOutDir = join(repoRoot, "packages", "types", "src", "generated");

/** Generates the TypeScript source for one API from its bundle in spec/dist. */
export async function generateTypes(api) {
  const bundlePath = join(repoRoot, "spec", "dist", `${api}.openapi.json`);
  let spec;
  try {
    spec = JSON.parse(readFileSync(bundlePath, "utf8"));
  } catch (error) {
    throw new Error(`cannot read the ${api} bundle at ${bundlePath} (${error.code ?? error.message}): run the spec build first`);
  }
  return typesFromBundle(spec);
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

// Run as a script (not when a test imports generateTypes).
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const check = checkMode();
  let stale = 0;
  for (const api of apis) {
    const file = join(typesOutDir, `${api}.ts`);
    const source = await generateTypes(api);
    stale += writeOrCheck(file, source, { check, generator: "scripts/generate-types.mjs", from: `spec/${api}` }) ? 0 : 1;
  }
  if (stale) process.exit(1);
}
