// A TypeScript user's view: fixtures/typecheck imports the client and the types from an ES module
// (.mts) and a CommonJS module (.cts), resolved through the packages' exports to the built
// declarations, and must compile with TypeScript 7 and with TypeScript 5.9. A fixture with a
// deliberate mistake must be rejected by both, so a passing check means something.
import { describe, expect, it } from "vitest";
import { run } from "./support/run.js";
import { consumerRoot, tools } from "./support/workspace.js";

const compilers = [
  { name: "TypeScript 7", tsc: tools.tsc7, version: /^Version 7\./ },
  { name: "TypeScript 5.9", tsc: tools.tsc5, version: /^Version 5\.9\./ },
];

// The ESM file must get the .d.ts files, the CommonJS file the .d.cts files.
const declarations = [
  "client/dist/index.d.ts",
  "client/dist/index.d.cts",
  "types/dist/index.d.ts",
  "types/dist/index.d.cts",
  "types/dist/ycm.d.ts",
  "types/dist/ycm.d.cts",
  "types/dist/workplace.d.ts",
  "types/dist/workplace.d.cts",
];

const tsc = (compiler: string, ...args: string[]) => run(compiler, args, { cwd: consumerRoot });
const output = (result: { stdout: string; stderr: string }) => `${result.stdout}${result.stderr}`;

describe.each(compilers)("$name", ({ tsc: compiler, version }) => {
  it("is the compiler we mean to test", async () => {
    expect((await tsc(compiler, "--version")).stdout.trim()).toMatch(version);
  });

  it("compiles the ESM and CommonJS consumer against the built declarations", async () => {
    const result = await tsc(compiler, "-p", "fixtures/typecheck", "--listFiles");
    expect(result.code, output(result)).toBe(0);
    const files = result.stdout.split(/\r?\n/).map((line) => line.trim().replaceAll("\\", "/"));
    for (const declaration of declarations) {
      expect(files.some((file) => file.endsWith(`/${declaration}`)), `${declaration} not in the program`).toBe(true);
    }
  });

  it("rejects a consumer with a type error", async () => {
    const result = await tsc(compiler, "-p", "fixtures/typecheck-error");
    expect(result.code).toBeGreaterThan(0);
    expect(output(result)).toMatch(/wrong-field\.mts\(\d+,\d+\): error TS2551: Property 'mail' does not exist/);
  });
});

// TypeScript 7 dropped the legacy resolver; 5.9 still serves projects that use it.
describe("TypeScript 5.9, moduleResolution node10", () => {
  it("compiles a CommonJS consumer that only sees `types` and `typesVersions`", async () => {
    const result = await tsc(tools.tsc5, "-p", "fixtures/typecheck-node10");
    expect(result.code, output(result)).toBe(0);
  });
});
