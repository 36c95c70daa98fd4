// A fresh install of the workspace prints no warning. pnpm links every workspace package's `bin`
// into its dependents at install time, before anything is built, so a bin that points into
// `dist/` made every install print "WARN Failed to create bin". The install runs offline from the
// store, on a copy holding only what an install reads: the manifests, the lockfile, the
// workspace file and the files the manifests' `bin` fields name (as a fresh clone has them).
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { run } from "./support/run.js";
import { repoRoot, tools, workspacePackageDirs } from "./support/workspace.js";

const copy = mkdtempSync(join(tmpdir(), "fresh-install-"));
afterAll(() => rmSync(copy, { recursive: true, force: true }));

/** Copies a file of the repository into the copy, if the fresh clone has it. */
function take(file: string): void {
  if (!existsSync(join(repoRoot, file))) return;
  mkdirSync(dirname(join(copy, file)), { recursive: true });
  cpSync(join(repoRoot, file), join(copy, file));
}

describe("a fresh install", () => {
  it("prints no warning", async () => {
    for (const file of ["package.json", "pnpm-lock.yaml", "pnpm-workspace.yaml"]) take(file);
    for (const dir of workspacePackageDirs) {
      take(join(dir, "package.json"));
      const { bin } = JSON.parse(readFileSync(join(repoRoot, dir, "package.json"), "utf8")) as { bin?: string | Record<string, string> };
      // Only what git tracks is in a fresh clone: a built bin (dist/) is not.
      const targets = typeof bin === "string" ? [bin] : Object.values(bin ?? {});
      for (const target of targets) if (!/(^|\/)dist\//.test(target)) take(join(dir, target));
    }
    const result = await run(tools.pnpm, ["install", "--frozen-lockfile", "--offline", "--ignore-scripts"], { cwd: copy });
    const output = `${result.stdout}\n${result.stderr}`;
    expect(result.code, output).toBe(0);
    expect(output.split("\n").filter((line) => /\bWARN\b/.test(line))).toEqual([]);
  });
});
