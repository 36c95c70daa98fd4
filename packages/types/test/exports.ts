// The names a TypeScript module exports, as the compiler sees them (through `export type *` and
// re-exports), so a test can prove that a name is importable without writing it out by hand.
import { createRequire } from "node:module";
import { join } from "node:path";
import type * as TS from "typescript";

const ts = createRequire(join(import.meta.dirname, "..", "..", "..", "package.json"))("typescript") as typeof TS;

export function exportedNames(entry: string): Set<string> {
  const program = ts.createProgram([entry], { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, strict: true, noEmit: true, skipLibCheck: true, types: [], lib: ["lib.es2022.d.ts", "lib.dom.d.ts"] });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  const symbol = source && checker.getSymbolAtLocation(source);
  if (!symbol) throw new Error(`${entry} is not a module the compiler can read`);
  return new Set(checker.getExportsOfModule(symbol).map((s) => s.getName()));
}
