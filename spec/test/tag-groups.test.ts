// Redoc hides a tag that no `x-tagGroups` entry lists, and with it every operation under it: so
// where a description groups its tags, every tag must be in exactly one group, and a group may
// only list declared tags.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";

interface Doc {
  tags?: { name: string }[];
  "x-tagGroups"?: { name: string; tags: string[] }[];
  paths: Record<string, Record<string, { tags?: string[] }>>;
}

const apis = ["ycm", "workplace"] as const;
const load = (api: string): Doc => JSON.parse(readFileSync(join(import.meta.dirname, "..", "dist", `${api}.openapi.json`), "utf8"));

/** What is wrong with a description's tag groups, one line per problem. */
function tagGroupProblems(doc: Doc): string[] {
  const groups = doc["x-tagGroups"];
  if (!groups) return [];
  const declared = new Set((doc.tags ?? []).map((t) => t.name));
  const used = new Set(Object.values(doc.paths).flatMap((item) => Object.values(item).flatMap((op) => op.tags ?? [])));
  const grouped = groups.flatMap((g) => g.tags.map((tag) => [tag, g.name] as const));
  const problems: string[] = [];
  for (const tag of new Set([...declared, ...used])) {
    const where = grouped.filter(([t]) => t === tag).map(([, g]) => g);
    if (where.length !== 1) problems.push(`tag "${tag}" is in ${where.length} x-tagGroups (${where.join(", ") || "none"}), not exactly one`);
  }
  for (const [tag, group] of grouped) if (!declared.has(tag)) problems.push(`x-tagGroups "${group}" lists "${tag}", which is not a declared tag`);
  return problems;
}

describe.each(apis)("%s tag groups", (api) => {
  test("every tag is in exactly one x-tagGroups entry, and every grouped tag is declared", () => {
    expect(tagGroupProblems(load(api))).toEqual([]);
  });
});

test("a tag left out of every group, or grouped twice, is caught (the check can fail)", () => {
  const doc = load("ycm");
  if (!doc["x-tagGroups"]) return expect(doc["x-tagGroups"], "ycm groups its tags").toBeDefined();
  const broken = structuredClone(doc);
  const [first, second] = broken["x-tagGroups"]!;
  const moved = first!.tags.shift()!;
  expect(tagGroupProblems(broken)).toEqual([`tag "${moved}" is in 0 x-tagGroups (none), not exactly one`]);
  second!.tags.push(moved, "Nonexistent");
  first!.tags.push(moved);
  expect(tagGroupProblems(broken)).toEqual([
    `tag "${moved}" is in 2 x-tagGroups (${first!.name}, ${second!.name}), not exactly one`,
    `x-tagGroups "${second!.name}" lists "Nonexistent", which is not a declared tag`,
  ]);
});
