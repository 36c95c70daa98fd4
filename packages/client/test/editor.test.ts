// What a user's editor and compiler say, read through the TypeScript language service on a
// file that calls the client: a misspelt path is the error (at the path, naming it), not a
// complaint about arguments; paths are still offered as completions.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";

const packageDir = resolve(import.meta.dirname, "..");
// Inside the package (so the client source resolves as a user's relative import would), outside src/ and test/.
const dir = mkdtempSync(join(packageDir, ".editor-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const options: ts.CompilerOptions = {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  noEmit: true,
  skipLibCheck: true,
};

/** A language service over one user file that imports the client's source. */
function service(source: string): { ls: ts.LanguageService; file: string } {
  const file = join(dir, `user-${Math.random().toString(36).slice(2)}.mts`);
  writeFileSync(file, source);
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => [file],
    getScriptVersion: () => "1",
    getScriptSnapshot: (name) => (ts.sys.fileExists(name) ? ts.ScriptSnapshot.fromString(ts.sys.readFile(name)!) : undefined),
    getCurrentDirectory: () => packageDir,
    getCompilationSettings: () => options,
    getDefaultLibFileName: ts.getDefaultLibFilePath,
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  return { ls: ts.createLanguageService(host), file };
}

const header = `import { createYcmClient } from "../src/index.js";\nconst ycm = createYcmClient({ clientId: "id", clientSecret: "secret" });\n`;

describe("a misspelt path", () => {
  it.each([
    ["without options", `ycm.GET("/dm/open_api/v2/userz");`],
    ["with options", `ycm.GET("/dm/open_api/v2/userz", { params: { query: { pageSize: 10 } } });`],
  ])("is the error the compiler reports, at the path (%s)", (_, call) => {
    const source = `${header}export const result = ${call}\n`;
    const { ls, file } = service(source);
    const errors = ls.getSemanticDiagnostics(file);
    expect(errors).toHaveLength(1);
    const [error] = errors;
    const message = ts.flattenDiagnosticMessageText(error!.messageText, "\n");
    expect(message).toContain(`'"/dm/open_api/v2/userz"'`);
    expect(message).not.toMatch(/Expected \d+ arguments/);
    expect(error!.start).toBe(source.indexOf(`"/dm/open_api/v2/userz"`));
  });

  it("leaves a missing required argument reported as such on a real path", () => {
    const source = `${header}export const result = ycm.GET("/dm/open_api/v1/users/{userId}");\n`;
    const { ls, file } = service(source);
    const messages = ls.getSemanticDiagnostics(file).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    expect(messages).toEqual([expect.stringMatching(/Expected 2 arguments, but got 1/)]);
  });
});

describe("completions", () => {
  it("offer the spec's GET paths inside the first argument", () => {
    const source = `${header}export const result = ycm.GET("");\n`;
    const { ls, file } = service(source);
    const position = source.indexOf(`GET("`) + 5;
    const names = ls.getCompletionsAtPosition(file, position, {})?.entries.map((e) => e.name) ?? [];
    expect(names).toEqual(expect.arrayContaining(["/dm/open_api/v2/users", "/dm/open_api/v1/users/{userId}", "/dm/open_api/v1/user_info/subordinates"]));
    expect(names).not.toContain("/dm/open_api/oauth/token/refresh_token"); // a DELETE, not a GET
  });
});
