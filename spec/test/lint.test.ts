// The spec lints clean under recommended-strict plus our rules, and a broken $ref fails the
// build with a message that names the file and the reference.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { afterAll, expect, test } from "vitest";
// @ts-expect-error: plain ESM script without type declarations
import { redocly, repoRoot } from "../scripts/redocly.mjs";

const copies: string[] = [];
afterAll(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A throwaway copy of the spec sources and config, so a test can break it safely. */
function copyTree(): string {
  const dir = mkdtempSync(join(tmpdir(), "yeastar-spec-"));
  copies.push(dir);
  for (const api of ["ycm", "workplace"]) cpSync(join(repoRoot, "spec", api), join(dir, "spec", api), { recursive: true });
  cpSync(join(repoRoot, "spec", "redocly.yaml"), join(dir, "spec", "redocly.yaml"));
  return dir;
}

test("both APIs lint with zero errors and zero warnings", () => {
  const { status, output } = redocly(["lint", "ycm", "workplace", "--format", "stylish"], { quiet: true });
  expect(output).toMatch(/valid/i);
  expect(output).not.toMatch(/warning/i);
  expect(status).toBe(0);
});

function lintScript(root: string) {
  return spawnSync(process.execPath, [join(repoRoot, "spec", "scripts", "lint.mjs"), "--root", root], { encoding: "utf8" });
}

test("a broken $ref in a path file fails the build, naming the file and the ref", () => {
  const dir = copyTree();
  const file = join(dir, "spec", "ycm", "paths", "dm_open_api_v2_users.yaml");
  const source = readFileSync(file, "utf8");
  const broken = source.replace("../components/schemas/YcmUserListResponse.yaml", "../components/schemas/YcmUserListRespons.yaml");
  expect(broken).not.toBe(source);
  writeFileSync(file, broken);
  const run = lintScript(dir);
  expect(run.status).toBe(1);
  const output = run.stdout + run.stderr;
  expect(output).toContain("dm_open_api_v2_users.yaml");
  expect(output).toContain("YcmUserListRespons.yaml");
  expect(run.stderr).toContain("spec lint failed");
});

test("a broken $ref in the root table of contents names it too", () => {
  const dir = copyTree();
  const file = join(dir, "spec", "workplace", "openapi.yaml");
  writeFileSync(file, readFileSync(file, "utf8").replace("paths/services_openapi_v1.0_user_user_list.yaml", "paths/missing.yaml"));
  const run = lintScript(dir);
  expect(run.status).toBe(1);
  expect(run.stdout + run.stderr).toContain("paths/missing.yaml");
  expect(run.stdout + run.stderr).toContain("openapi.yaml");
});

test("the repository's own spec passes the same script", () => {
  expect(lintScript(repoRoot).status).toBe(0);
});
