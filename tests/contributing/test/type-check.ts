// Type-checks TypeScript files with the repository's compiler options (tsconfig.base.json) and
// TypeScript 5.9's compiler API, resolving `@yeastar-openapi/client` to the built client as a
// user's project would. Returns the errors of each file, as "TS<code> line <n>: <message>".
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import ts from "typescript";
import { repoRoot } from "./fixture-endpoint.js";

function compilerOptions(clientDir?: string): ts.CompilerOptions {
  const base = join(repoRoot, "tsconfig.base.json");
  const config = ts.readConfigFile(base, (file) => ts.sys.readFile(file));
  if (config.error) throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, "\n"));
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, dirname(base));
  // The client's published types, found through this package's own dependency.
  const client = clientDir ?? dirname(createRequire(import.meta.url).resolve("@yeastar-openapi/client/package.json"));
  return {
    ...options,
    noEmit: true,
    // The snippets live in a temporary directory with no @types/node beside it, and need none.
    types: [],
    paths: { "@yeastar-openapi/client": [join(client, "dist", "index.d.ts")] },
  };
}

/** `clientDir`: another build of the client (a copy of the repository's); default this workspace's. */
export function typeErrors(files: string[], clientDir?: string): Map<string, string[]> {
  const program = ts.createProgram(files, compilerOptions(clientDir));
  const errors = new Map<string, string[]>(files.map((file) => [file, []]));
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, " ");
    const file = diagnostic.file?.fileName ?? "(no file)";
    const line = diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1 : 0;
    const list = errors.get(file) ?? [];
    list.push(`TS${diagnostic.code} line ${line}: ${text}`);
    errors.set(file, list);
  }
  return errors;
}
