// Where things are: the repository, this package, the fixtures, the tools under test, and the
// publishable packages (found the same way scripts/check-package-metadata.mjs finds them).
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { publishablePackages, workspaceDirs } from "../../../../scripts/check-package-metadata.mjs";

export const repoRoot = resolve(fileURLToPath(new URL("../../../../", import.meta.url)));
export const consumerRoot = join(repoRoot, "tests", "consumer");
export const fixtures = join(consumerRoot, "fixtures");

export const tools = {
  /** TypeScript 7 (the native compiler), this package's own devDependency. */
  tsc7: join(consumerRoot, "node_modules", ".bin", "tsc"),
  /** TypeScript 5.9, the repository's compiler. */
  tsc5: join(repoRoot, "node_modules", ".bin", "tsc"),
  attw: join(repoRoot, "node_modules", ".bin", "attw"),
  /** The repository's pinned pnpm (a root devDependency). */
  pnpm: join(repoRoot, "node_modules", ".bin", "pnpm"),
};

export interface PublishablePackage {
  /** Folder relative to the repository root, e.g. `packages/client`. */
  dir: string;
  name: string;
  absoluteDir: string;
  exports: unknown;
}

export const publishable: PublishablePackage[] = publishablePackages(repoRoot).map(
  ({ dir, pkg }: { dir: string; pkg: { name: string; exports?: unknown } }) => ({
    dir,
    name: pkg.name,
    absoluteDir: join(repoRoot, dir),
    exports: pkg.exports,
  }),
);

/** The packages this project publishes; a test fails if discovery ever misses one. */
export const EXPECTED_PUBLISHABLE = [
  "@yeastar-openapi/cli",
  "@yeastar-openapi/client",
  "@yeastar-openapi/mock-server",
  "@yeastar-openapi/spec",
  "@yeastar-openapi/spec-model",
  "@yeastar-openapi/types",
];

/** Every file an `exports` map can point at. */
export function exportTargets(exports: unknown): string[] {
  if (typeof exports === "string") return [exports];
  if (exports && typeof exports === "object") return Object.values(exports).flatMap(exportTargets);
  return [];
}

/** Every workspace package's folder relative to the repository root (private ones included). */
export const workspacePackageDirs: string[] = workspaceDirs(repoRoot);
