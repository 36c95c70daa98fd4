// The committed generated types are exactly what the spec generates, and the check that CI
// runs (`scripts/generate.mjs --check`) fails, naming the file, when they drift.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
// @ts-expect-error: plain ESM scripts without type declarations
import { generateTypes, generator, modelsSource, readBundle, typesOutDir } from "../scripts/generate.mjs";
// @ts-expect-error: plain ESM scripts without type declarations
import { generatedHeader, writeOrCheck } from "../../../spec/scripts/generated-file.mjs";
import { exportedNames } from "./exports.js";

const apis = ["ycm", "workplace"];
const header = (from: string) => generatedHeader({ generator, from });
const schemaNames = (api: string): string[] => Object.keys(readBundle(api).components?.schemas ?? {});

test.each(apis)("src/generated/%s.ts matches the spec and says it is generated", async (api) => {
  const onDisk = readFileSync(join(typesOutDir, `${api}.ts`), "utf8");
  expect(onDisk.startsWith("/**\n * GENERATED FILE - DO NOT EDIT.")).toBe(true);
  expect(onDisk).toBe(header(`spec/${api}`) + (await generateTypes(api)));
});

test("src/generated/models.ts names every component schema of both APIs", () => {
  const onDisk = readFileSync(join(typesOutDir, "models.ts"), "utf8");
  expect(onDisk).toBe(header("spec/ycm and spec/workplace") + modelsSource({ ycm: readBundle("ycm"), workplace: readBundle("workplace") }));
});

test("every component schema is importable by its name from the package's entry point", () => {
  const exported = exportedNames(join(import.meta.dirname, "..", "src", "index.ts"));
  const names = apis.flatMap(schemaNames);
  expect(names.length).toBeGreaterThan(10);
  expect(names.filter((name) => !exported.has(name))).toEqual([]);
});

test("a schema name used by both APIs stops the generator, naming it", () => {
  const doc = (name: string) => ({ openapi: "3.1.0", info: { title: "t", version: "1" }, paths: {}, components: { schemas: { [name]: { type: "object" } } } });
  expect(() => modelsSource({ ycm: doc("User"), workplace: doc("User") })).toThrow(/schema User is in both spec\/ycm and spec\/workplace/);
});

test("the check mode reports a hand-edited file and leaves it alone", () => {
  const dir = mkdtempSync(join(tmpdir(), "yeastar-gen-"));
  try {
    const file = join(dir, "ycm.ts");
    const options = { generator, from: "spec/ycm" };
    expect(writeOrCheck(file, "export type A = 1;\n", { ...options, check: false })).toBe(true);
    expect(writeOrCheck(file, "export type A = 1;\n", { ...options, check: true })).toBe(true);
    expect(writeOrCheck(file, "export type A = 2;\n", { ...options, check: true })).toBe(false);
    expect(readFileSync(file, "utf8")).toContain("A = 1");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the generator run in CI mode exits 0 on the committed tree", () => {
  const run = spawnSync(process.execPath, [join(import.meta.dirname, "..", "scripts", "generate.mjs"), "--check"], { encoding: "utf8" });
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
});
