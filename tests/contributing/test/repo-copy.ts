// A throwaway copy of the whole repository, to follow CONTRIBUTING.md's walk for real: add spec
// files, `pnpm generate`, `pnpm build`. Sources are copied; installed dependencies are shared (the
// root node_modules is linked, and each package's node_modules holds relative links, copied as
// links); build outputs and caches are left behind, so the copy builds from scratch.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, relative } from "node:path";
import { repoRoot } from "./fixture-endpoint.js";

const LEFT_BEHIND = new Set([".git", ".turbo", "dist", ".build", "test-results", ".vite", ".vite-temp", "coverage"]);

export function copyRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), "yeastar-walk-"));
  for (const entry of readdirSync(repoRoot)) {
    if (entry === "node_modules") symlinkSync(join(repoRoot, "node_modules"), join(dir, "node_modules"));
    else if (!LEFT_BEHIND.has(entry)) {
      cpSync(join(repoRoot, entry), join(dir, entry), { recursive: true, verbatimSymlinks: true, filter: (source) => !LEFT_BEHIND.has(basename(source)) });
    }
  }
  return dir;
}

export function removeCopy(dir: string | undefined): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

function files(root: string, dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (LEFT_BEHIND.has(entry.name) || entry.name === "node_modules") return [];
    const path = join(dir, entry.name);
    return entry.isDirectory() ? files(root, path) : entry.isFile() ? [relative(root, path)] : [];
  });
}

/** Files of the copy that are new or differ from the repository's. */
export function changedFiles(copy: string): string[] {
  return files(copy).filter((file) => {
    const original = join(repoRoot, file);
    return !existsSync(original) || !readFileSync(original).equals(readFileSync(join(copy, file)));
  });
}
