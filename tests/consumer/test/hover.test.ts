// What a user's editor shows, read through the TypeScript language service on a consumer file
// that resolves the packages through their exports to the built declarations (ESM and CommonJS):
// a listed user hovers as `YcmUser`, not an anonymous object, and go-to-definition of `YcmUser`
// lands in a readable declaration file named for its product (types/dist/generated/ycm.d.ts),
// not a bundler's hashed chunk (dist/ycm-9qY2hSgd.d.ts, `e as YcmUser`).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { createRequire } from "node:module";
// The types of the root TypeScript 5.9, by path: this package's `typescript` (7) has no JavaScript API.
import type * as TS from "../../../node_modules/typescript/lib/typescript.js";
import { afterAll, describe, expect, it } from "vitest";
import { consumerRoot, repoRoot } from "./support/workspace.js";

// The repository's TypeScript 5.9 (its language service is what editors run); this package's own
// `typescript` is TypeScript 7, which has no JavaScript API.
const ts = createRequire(join(repoRoot, "package.json"))("typescript") as typeof TS;

// Inside this package, so `@yeastar-openapi/*` resolve as a user's installed dependencies would.
const dir = mkdtempSync(join(consumerRoot, ".hover-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const options: TS.CompilerOptions = {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  noEmit: true,
  types: [],
};

function service(name: string, source: string): { ls: TS.LanguageService; file: string } {
  const file = join(dir, name);
  writeFileSync(file, source);
  const host: TS.LanguageServiceHost = {
    getScriptFileNames: () => [file],
    getScriptVersion: () => "1",
    getScriptSnapshot: (f) => (ts.sys.fileExists(f) ? ts.ScriptSnapshot.fromString(ts.sys.readFile(f)!) : undefined),
    getCurrentDirectory: () => consumerRoot,
    getCompilationSettings: () => options,
    getDefaultLibFileName: ts.getDefaultLibFilePath,
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
    realpath: ts.sys.realpath,
  };
  return { ls: ts.createLanguageService(host), file };
}

const body = `const ycm = createYcmClient({ clientId: "id", clientSecret: "secret" });
export async function first() {
  const data = await ycm.GET("/dm/open_api/v2/users", { params: { query: { pageSize: 10 } } });
  const user = data.data.data.list[0];
  const detail: YcmUser | undefined = user;
  return detail;
}
`;

const consumers = [
  {
    format: "ESM (.mts)",
    name: "hover.mts",
    source: `import { createYcmClient } from "@yeastar-openapi/client";\nimport type { YcmUser } from "@yeastar-openapi/types";\n${body}`,
    declaration: "types/dist/generated/ycm.d.ts",
  },
  {
    format: "CommonJS (.cts)",
    name: "hover.cts",
    source: `import { createYcmClient } from "@yeastar-openapi/client";\nimport type { YcmUser } from "@yeastar-openapi/types";\n${body}`,
    declaration: "types/dist/generated/ycm.d.cts",
  },
];

const quickInfo = (ls: TS.LanguageService, file: string, position: number) =>
  ts.displayPartsToString(ls.getQuickInfoAtPosition(file, position)?.displayParts);

describe.each(consumers)("$format", ({ name, source, declaration }) => {
  const { ls, file } = service(name, source);

  it("compiles", () => {
    const messages = ls.getSemanticDiagnostics(file).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    expect(messages).toEqual([]);
  });

  it("hovers a listed user (`data.data.list[0]`) as YcmUser", () => {
    const at = source.indexOf("list[0]");
    expect(quickInfo(ls, file, at)).toBe("(property) YcmUserPage.list: YcmUser[]");
    expect(quickInfo(ls, file, source.indexOf("const user") + "const ".length)).toBe("const user: YcmUser") // (| undefined with noUncheckedIndexedAccess);
  });

  it("hovers a whole call result as YeastarResponse of the operation's named response", () => {
    expect(quickInfo(ls, file, source.indexOf("const data") + "const ".length)).toBe("const data: YeastarResponse<YcmUserListResponse>");
  });

  it("takes go-to-definition of YcmUser to its product's declaration file, where it is declared by name", () => {
    const definitions = ls.getDefinitionAtPosition(file, source.indexOf("YcmUser | undefined")) ?? [];
    expect(definitions.map((d) => d.fileName.replaceAll("\\", "/"))).toEqual([expect.stringMatching(new RegExp(`/${declaration.replaceAll(".", "\\.")}$`))]);
    const [definition] = definitions;
    expect(basename(definition!.fileName)).not.toMatch(/-[\w-]{8}\.d\.c?ts$/); // no hashed chunk
    const text = ts.sys.readFile(definition!.fileName)!;
    expect(text.slice(definition!.textSpan.start).startsWith("YcmUser {")).toBe(true);
  });
});
