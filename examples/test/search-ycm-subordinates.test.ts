// search-ycm-subordinates.mjs lists exactly the subordinates the keyword matches, every page of them.
import { expect, test } from "vitest";
import { exampleDataset, firstColumn, runExample } from "./run-example.js";

// The mock's documented matching: case-insensitive substring of userId, userName or userEmail.
function expectedMatches(keyword: string): number[] {
  const k = keyword.toLowerCase();
  return exampleDataset()
    .collections.YcmSubordinate!.filter((s) => [String(s.userId), s.userName, s.userEmail].some((field) => field?.toLowerCase().includes(k)))
    .map((s) => s.userId);
}

test.each([["li"], ["EXAMPLE.ORG"]])("keyword %j: a table of the matching subordinates", async (keyword) => {
  const expected = expectedMatches(keyword);
  expect(expected.length).toBeGreaterThan(0);
  const run = await runExample("search-ycm-subordinates.mjs", [keyword]);
  expect(run.status).toBe(0);
  expect(run.stdout.split("\n")[0]).toMatch(/^userId\s+userName\s+userEmail$/);
  expect(firstColumn(run.stdout)).toEqual(expected);
  expect(run.stderr).toContain(`${expected.length} subordinates match "${keyword}".`);
});

test("no match: says so, exit status 0", async () => {
  const run = await runExample("search-ycm-subordinates.mjs", ["no-such-subordinate"]);
  expect(run.stderr).toContain('No subordinate matches "no-such-subordinate".');
  expect(run.stdout).toBe("");
  expect(run.status).toBe(0);
});

test.each([[[]], [["  "]], [["a", "b"]]])("arguments %j: usage, exit status 2", async (args) => {
  const run = await runExample("search-ycm-subordinates.mjs", args);
  expect(run.stderr).toContain("Usage: node search-ycm-subordinates.mjs <keyword>");
  expect(run.status).toBe(2);
});
