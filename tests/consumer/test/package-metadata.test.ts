// scripts/check-package-metadata.mjs keeps the shared package.json fields of every publishable
// package equal to one template. Checked on the real tree, then on a copy it must find fault with
// and repair, so a passing check is known to be able to fail.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { run } from "./support/run.js";
import { EXPECTED_PUBLISHABLE, publishable, repoRoot } from "./support/workspace.js";

const script = join(repoRoot, "scripts", "check-package-metadata.mjs");
const check = (...args: string[]) => run(process.execPath, [script, ...args], { cwd: repoRoot });

/** A copy of the workspace's package list, the LICENSE and each publishable package's metadata files. */
function copyOfWorkspace(): string {
  const root = mkdtempSync(join(tmpdir(), "package-metadata-"));
  for (const file of ["pnpm-workspace.yaml", "LICENSE"]) cpSync(join(repoRoot, file), join(root, file));
  for (const { dir } of publishable) {
    mkdirSync(join(root, dir), { recursive: true });
    for (const file of ["package.json", "LICENSE", "README.md"]) cpSync(join(repoRoot, dir, file), join(root, dir, file));
  }
  return root;
}
const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
const editJson = (file: string, edit: (pkg: Record<string, unknown>) => void) => {
  const pkg = readJson(file);
  edit(pkg);
  writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
};

let copies: string[] = [];
afterEach(() => {
  for (const root of copies) rmSync(root, { recursive: true, force: true });
  copies = [];
});

describe("check-package-metadata", () => {
  it("finds the publishable packages in agreement with the template", async () => {
    const result = await check();
    expect(result.stdout).toContain(`${EXPECTED_PUBLISHABLE.length} publishable packages agree with the template`);
    expect(result.code, result.stdout).toBe(0);
  });

  it("names each drifted field, and --write puts it back", async () => {
    const root = copyOfWorkspace();
    copies.push(root);
    const client = join(root, "packages", "client", "package.json");
    editJson(client, (pkg) => {
      pkg.license = "ISC";
      delete pkg.repository;
      pkg.keywords = ["sdk"];
      pkg.engines = { node: ">=18" };
    });

    const before = await check("--root", root);
    expect(before.code).toBe(1);
    for (const field of ["license", "repository", "keywords", "engines"]) {
      expect(before.stdout).toContain(`packages/client/package.json: ${field} `);
    }
    expect(before.stdout).not.toContain("packages/types/package.json");

    expect((await check("--root", root, "--write")).code).toBe(0);
    const after = await check("--root", root);
    expect(after.code, after.stdout).toBe(0);
    const fixed = readJson(client);
    expect(fixed).toMatchObject({
      license: "MIT",
      engines: { node: ">=20.19" },
      repository: { type: "git", url: "git+https://github.com/yeastar-openapi/yeastar-openapi.git", directory: "packages/client" },
    });
    expect(fixed.keywords).toEqual(["yeastar", "ycm", "yeastar-workplace", "openapi", "sdk"]);
    // A restored field goes back to its usual place, not to the end of the file.
    const keys = Object.keys(fixed);
    expect(keys.indexOf("repository")).toBeLessThan(keys.indexOf("license"));
  });

  it("restores a package's LICENSE from the root's, and names a missing README", async () => {
    const root = copyOfWorkspace();
    copies.push(root);
    rmSync(join(root, "packages", "types", "LICENSE"));
    rmSync(join(root, "packages", "client", "README.md"));
    const before = await check("--root", root);
    expect(before.code).toBe(1);
    expect(before.stdout).toContain("packages/types/LICENSE must be a copy of the root LICENSE");
    expect(before.stdout).toContain("packages/client/README.md is missing");
    await check("--root", root, "--write");
    expect(readFileSync(join(root, "packages", "types", "LICENSE"), "utf8")).toBe(readFileSync(join(repoRoot, "LICENSE"), "utf8"));
    expect((await check("--root", root)).stdout).toContain("packages/client/README.md is missing");
  });

  it("cannot write a description: it fails until a person writes one", async () => {
    const root = copyOfWorkspace();
    copies.push(root);
    editJson(join(root, "spec", "package.json"), (pkg) => {
      pkg.description = "";
    });
    const result = await check("--root", root, "--write");
    expect(result.stdout).toContain("spec/package.json: description ");
    expect(result.code).toBe(1);
  });
});

describe("LICENSE", () => {
  it("is MIT, held by the contributors, as every package.json says", () => {
    const license = readFileSync(join(repoRoot, "LICENSE"), "utf8");
    expect(license.startsWith("MIT License\n")).toBe(true);
    expect(license).toMatch(/^Copyright \(c\) \d{4} yeastar-openapi contributors$/m);
    for (const { dir } of publishable) expect(readJson(join(repoRoot, dir, "package.json")).license).toBe("MIT");
  });
});
