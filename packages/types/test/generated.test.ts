// The committed generated types are exactly what the spec generates, and the check that CI
// runs (`generate-types.mjs --check`) fails, naming the file, when they drift.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
// @ts-expect-error: plain ESM scripts without type declarations
import { generateTypes, typesOutDir } from "../../../scripts/generate-types.mjs";
// @ts-expect-error: plain ESM scripts without type declarations
import { generatedHeader, writeOrCheck } from "../../../scripts/generated-file.mjs";

const apis = ["ycm", "workplace"];
const header = (api: string) => generatedHeader({ generator: "scripts/generate-types.mjs", from: `spec/${api}` });

test.each(apis)("src/generated/%s.ts matches the spec and says it is generated", async (api) => {
  const onDisk = readFileSync(join(typesOutDir, `${api}.ts`), "utf8");
  expect(onDisk.startsWith("/**\n * GENERATED FILE - DO NOT EDIT.")).toBe(true);
  expect(onDisk).toBe(header(api) + (await generateTypes(api)));
});

test("the check mode reports a hand-edited file and leaves it alone", () => {
  const dir = mkdtempSync(join(tmpdir(), "yeastar-gen-"));
  try {
    const file = join(dir, "ycm.ts");
    const options = { generator: "scripts/generate-types.mjs", from: "spec/ycm" };
    expect(writeOrCheck(file, "export type A = 1;\n", { ...options, check: false })).toBe(true);
    expect(writeOrCheck(file, "export type A = 1;\n", { ...options, check: true })).toBe(true);
    expect(writeOrCheck(file, "export type A = 2;\n", { ...options, check: true })).toBe(false);
    expect(readFileSync(file, "utf8")).toContain("A = 1");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the generator run in CI mode exits 0 on the committed tree", () => {
  const run = spawnSync(process.execPath, [join(import.meta.dirname, "../../../scripts/generate-types.mjs"), "--check"], { encoding: "utf8" });
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
});

test("named models are exported at the top level", async () => {
  const source = readFileSync(join(typesOutDir, "ycm.ts"), "utf8");
  for (const name of ["YcmUser", "YcmUserDetail", "YcmSubordinate", "YcmErrorCode"]) {
    expect(source).toMatch(new RegExp(`export type ${name} = components\\['schemas'\\]\\['${name}'\\]`));
  }
});
