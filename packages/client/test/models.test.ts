// Every component schema of the spec is importable by its name from the client (which re-exports
// the types package's generated list), so a schema added to the spec needs no code here.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type * as TS from "typescript";
import { expect, test } from "vitest";

const ts = createRequire(join(import.meta.dirname, "..", "..", "..", "package.json"))("typescript") as typeof TS;
const entry = join(import.meta.dirname, "..", "src", "index.ts");

function exportedNames(file: string): Set<string> {
  const program = ts.createProgram([file], { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, strict: true, noEmit: true, skipLibCheck: true, types: [], lib: ["lib.es2022.d.ts", "lib.dom.d.ts"] });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const symbol = source && checker.getSymbolAtLocation(source);
  if (!symbol) throw new Error(`${file} is not a module the compiler can read`);
  return new Set(checker.getExportsOfModule(symbol).map((s) => s.getName()));
}

test("every component schema of both APIs is a named export of the client", () => {
  const exported = exportedNames(entry);
  const names = ["ycm", "workplace"].flatMap((api) => {
    const bundle = JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "..", "spec", "dist", `${api}.openapi.json`), "utf8"));
    return Object.keys(bundle.components?.schemas ?? {});
  });
  expect(names.length).toBeGreaterThan(10);
  expect(names.filter((name) => !exported.has(name))).toEqual([]);
  expect(exported.has("createYcmClient")).toBe(true);
});
