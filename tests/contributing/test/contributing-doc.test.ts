// CONTRIBUTING.md names commands, files and steps; they must exist, or the guide has rotted.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { FIXTURE, LIST_FIXTURE, repoRoot } from "./fixture-endpoint.js";

const guide = readFileSync(join(repoRoot, "CONTRIBUTING.md"), "utf8");

// What the guide shows as code: fenced blocks and `inline` spans.
const fenced = [...guide.matchAll(/^```\w*\n([\s\S]*?)^```/gm)].map((m) => m[1]!);
const inline = [...guide.replace(/^```\w*\n[\s\S]*?^```/gm, "").matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!);
const code = [...fenced, ...inline].join("\n");

const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8"));
const rootScripts = Object.keys(readJson(join(repoRoot, "package.json")).scripts ?? {});
const bins = readdirSync(join(repoRoot, "node_modules", ".bin"));
const pnpmCommands = ["install", "exec", "dlx"];
const workspacePackages = new Map<string, string[]>(
  [join(repoRoot, "spec"), ...["packages", "tests"].flatMap((dir) => readdirSync(join(repoRoot, dir)).map((name) => join(repoRoot, dir, name))), join(repoRoot, "examples"), join(repoRoot, "bench")]
    .filter((dir) => existsSync(join(dir, "package.json")))
    .map((dir) => {
      const pkg = readJson(join(dir, "package.json"));
      return [pkg.name, Object.keys(pkg.scripts ?? {})];
    }),
);

test("every `pnpm <command>` it shows is a root script, a pnpm command or an installed binary", () => {
  const commands = [...code.matchAll(/\bpnpm (?!--filter)([a-z][\w:-]*)/g)].map((m) => m[1]!);
  expect(commands).toEqual(expect.arrayContaining(["build", "test", "generate", "changeset"]));
  const unknown = commands.filter((name) => !rootScripts.includes(name) && !pnpmCommands.includes(name) && !bins.includes(name));
  expect(unknown).toEqual([]);
});

test("every `pnpm --filter <package> <script>` names a workspace package and one of its scripts", () => {
  const filtered = [...code.matchAll(/\bpnpm --filter (@[\w/-]+) ([a-z][\w:-]*)/g)].map((m) => `${m[1]} ${m[2]}`);
  expect(filtered.length).toBeGreaterThan(0);
  const wrong = filtered.filter((entry) => {
    const [name, script] = entry.split(" ");
    return !workspacePackages.get(name!)?.includes(script!);
  });
  expect(wrong).toEqual([]);
});

test("every repository file or folder it names exists", () => {
  const roots = /^(spec|packages|scripts|tests|examples|bench|\.changeset|\.ci)\//;
  const named = [...code.matchAll(/(?:^|[\s`(])((?:spec|packages|scripts|tests|examples|bench|\.changeset|\.ci)\/[\w./{}-]*)/gm)]
    .map((m) => m[1]!.replace(/[.,]$/, ""))
    .filter((path) => roots.test(path) && !path.includes("<"));
  expect(named.length).toBeGreaterThan(20);
  expect([...new Set(named)].filter((path) => !existsSync(join(repoRoot, path)))).toEqual([]);
});

test("the steps the walk test follows are the guide's steps, and the fixture is the one it names", () => {
  const steps = [...guide.matchAll(/^### (\d+)\. (.+)$/gm)].map((m) => Number(m[1]));
  expect(steps).toEqual([1, 2, 3, 4, 5]);
  expect(guide).toMatch(/^### 3\. Register everything in the root `openapi\.yaml`$/m);
  expect(guide).toMatch(/^### 4\. Regenerate and build$/m);
  expect(guide).toMatch(/^### 5\. Add a changeset$/m);
  expect(guide).toContain(`GET ${FIXTURE.path}`);
  expect(guide).toContain(`GET ${LIST_FIXTURE.path}`);
  expect(guide).toContain(`paths:`);
});
