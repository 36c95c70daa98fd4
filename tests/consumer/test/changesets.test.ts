// The release set-up: .changeset/config.json publishes with public access from main and never
// versions private packages; every pending changeset names only publishable packages, so
// `changeset version` cannot trip over one at release time.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { publishable, repoRoot } from "./support/workspace.js";

const changesetDir = join(repoRoot, ".changeset");
const config = JSON.parse(readFileSync(join(changesetDir, "config.json"), "utf8")) as Record<string, unknown>;

/** The `"package": bump` lines of a changeset's front matter. */
function releases(markdown: string): Record<string, string> {
  const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(markdown);
  if (!front) throw new Error("no front matter");
  return Object.fromEntries(
    front[1]!
      .split(/\r?\n/)
      .filter((line) => line.trim() !== "")
      .map((line) => {
        const match = /^\s*["']?([^"':]+)["']?\s*:\s*(\S+)\s*$/.exec(line);
        if (!match) throw new Error(`unreadable line: ${line}`);
        return [match[1]!, match[2]!];
      }),
  );
}

describe("changesets", () => {
  it("publishes with public access from main and skips private packages", () => {
    expect(config).toMatchObject({ access: "public", baseBranch: "main", privatePackages: { version: false, tag: false } });
  });

  const pending = readdirSync(changesetDir).filter((file) => file.endsWith(".md") && file !== "README.md");
  const names = publishable.map((p) => p.name);

  it.each(pending)("%s bumps only publishable packages", (file) => {
    const bumps = releases(readFileSync(join(changesetDir, file), "utf8"));
    expect(Object.keys(bumps).length).toBeGreaterThan(0);
    for (const [name, bump] of Object.entries(bumps)) {
      expect(names, `${file} names ${name}`).toContain(name);
      expect(["patch", "minor", "major"]).toContain(bump);
    }
  });
});
