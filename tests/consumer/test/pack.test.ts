// What users install is what `pnpm pack` (and `pnpm publish`, which changesets runs) writes.
// `npm pack` copies `workspace:*` into the tarball verbatim, and such a tarball cannot be
// installed, so CONTRIBUTING says to pack and publish with pnpm; this proves that pnpm's tarballs
// carry real versions: every dependency on a sibling names exactly the version packed beside it.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "./support/run.js";
import { publishable, tools } from "./support/workspace.js";

type Manifest = { name: string; version: string } & Partial<Record<(typeof dependencyFields)[number], Record<string, string>>>;
const dependencyFields = ["dependencies", "peerDependencies", "optionalDependencies"] as const;

const destination = mkdtempSync(join(tmpdir(), "packed-"));
const packed = new Map<string, Manifest>();

beforeAll(async () => {
  for (const { absoluteDir } of publishable) {
    const result = await run(tools.pnpm, ["pack", "--pack-destination", destination], { cwd: absoluteDir });
    if (result.code !== 0) throw new Error(`pnpm pack in ${absoluteDir} failed: ${result.stderr || result.stdout}`);
  }
  for (const tarball of readdirSync(destination).filter((file) => file.endsWith(".tgz"))) {
    const manifest = await run("tar", ["-xzOf", join(destination, tarball), "package/package.json"]);
    if (manifest.code !== 0) throw new Error(`${tarball} has no package/package.json: ${manifest.stderr}`);
    const pkg = JSON.parse(manifest.stdout) as Manifest;
    packed.set(pkg.name, pkg);
  }
}, 120_000);
afterAll(() => rmSync(destination, { recursive: true, force: true }));

describe("pnpm pack", () => {
  it("packs every publishable package", () => {
    expect([...packed.keys()].sort()).toEqual(publishable.map((p) => p.name).sort());
  });

  it.each(publishable.map((p) => p.name))("%s depends on its siblings by their packed versions, never workspace:", (name) => {
    const pkg = packed.get(name)!;
    for (const field of dependencyFields) {
      for (const [dependency, range] of Object.entries(pkg[field] ?? {})) {
        expect(range, `${name} ${field}.${dependency}`).not.toMatch(/^workspace:/);
        const sibling = packed.get(dependency);
        if (sibling) expect(range, `${name} ${field}.${dependency}`).toBe(sibling.version);
      }
    }
  });
});
