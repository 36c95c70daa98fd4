// list-workplace-users.mjs lists the Workplace users a keyword matches, from its own mock or,
// with WORKPLACE_* credentials, from the account they name.
import { startMockServer } from "@yeastar-openapi/mock-server";
import { expect, test } from "vitest";
import { exampleDataset, firstColumn, runExample } from "./run-example.js";

// The mock's documented matching: a case-insensitive substring of any field, or of "first last".
function expectedMatches(keyword: string, workplaceUsers?: number): number[] {
  const k = keyword.toLowerCase();
  const users = exampleDataset(workplaceUsers === undefined ? {} : { WorkplaceUser: workplaceUsers }).collections.WorkplaceUser!;
  return users
    .filter((u) =>
      [...Object.values(u).flatMap((v) => (Array.isArray(v) ? v : [v])), u.firstName && u.lastName ? `${u.firstName} ${u.lastName}` : undefined]
        .some((field) => (typeof field === "string" || typeof field === "number") && String(field).toLowerCase().includes(k)),
    )
    .map((u) => u.userId);
}

test("keyword 'li': a table of the users it matches", async () => {
  const expected = expectedMatches("li");
  expect(expected.length).toBeGreaterThan(1);
  const run = await runExample("list-workplace-users.mjs", ["li"]);
  expect(run.status).toBe(0);
  expect(run.stdout.split("\n")[0]).toMatch(/^userId\s+name\s+email\s+role\s+inviteStatus$/);
  expect(firstColumn(run.stdout)).toEqual(expected);
  expect(`${run.stdout}${run.stderr}`).not.toContain("mock-workplace-secret");
});

test("with WORKPLACE_* credentials it calls WORKPLACE_BASE_URL, printing no secret", async () => {
  const secret = "workplace-env-secret-must-not-print";
  const server = await startMockServer({ workplaceUsers: 9, credentials: { workplace: { clientId: "wp-env", clientSecret: secret } } });
  try {
    const run = await runExample("list-workplace-users.mjs", ["example"], {
      WORKPLACE_CLIENT_ID: "wp-env",
      WORKPLACE_CLIENT_SECRET: secret,
      WORKPLACE_BASE_URL: server.url,
    });
    expect(run.stderr).toContain(`Workplace at ${server.url}`);
    expect(run.status).toBe(0);
    expect(firstColumn(run.stdout)).toEqual(expectedMatches("example", 9));
    expect(server.stats.requests.listWorkplaceUsers).toBe(1);
    expect(`${run.stdout}${run.stderr}`).not.toContain(secret);
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/wp_[ar]t_/);
  } finally {
    await server.close();
  }
});

test("without a keyword it prints its usage, exit status 2", async () => {
  const run = await runExample("list-workplace-users.mjs");
  expect(run.stderr).toContain("Usage: node list-workplace-users.mjs <keyword>");
  expect(run.status).toBe(2);
});
