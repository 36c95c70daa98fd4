// `pnpm demo` (demo.mjs) runs the examples end to end against the mock and shows each step.
import { expect, test } from "vitest";
import { exampleDataset, runExample } from "./run-example.js";

test("runs every example against the mock and reports what each did", async () => {
  // Credentials in the shell must not send the demo to a real account.
  const run = await runExample("demo.mjs", [], { YCM_CLIENT_ID: "real-looking-id", YCM_CLIENT_SECRET: "real-looking-secret" });
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  const out = run.stdout;
  expect(out).toMatch(/\$ node list-ycm-users-to-csv\.mjs \S+ycm-users\.csv\n/);
  expect(out).toContain("fetched 137/137 YCM users");
  expect(out).toContain("The CSV has 138 lines: a header and 137 YCM users.");
  const first = exampleDataset().collections.YcmUser![0]!.userId;
  expect(out).toContain(`$ node get-ycm-user.mjs ${first}\n`);
  expect(out).toContain(`"userId": ${first}`);
  expect(out).toMatch(/\$ node get-ycm-user\.mjs 1\n[^$]*USER_NOT_FOUND[^$]*\[exit status 1\]/);
  expect(out).toContain("$ node search-ycm-subordinates.mjs li\n");
  expect(out).toContain("$ node list-workplace-users.mjs li\n");
  expect(out).toMatch(/\$ node ycm-billing-collector\.mjs \S+\n/);
  expect(out).toContain("ycm-cloud-pbxs.csv has 50 Cloud PBXs with their plan and capacities.");
  expect(out).toContain("$ node todays-meetings.mjs\n");
  expect(out).toMatch(/\$ node book-check-in-cancel\.mjs\n[^$]*is STARTED[^$]*\[exit status 0\]/);
  expect(out).toMatch(/\$ node webhook-receiver\.mjs\n[^$]*MEETING_CHECKED_IN[^$]*\[exit status 0\]/);
  expect(out.match(/\[exit status 0\]/g)).toHaveLength(8);
  expect(out).toContain("local mock server");
  expect(out).not.toContain("real-looking-secret");
  // A hang guard, not a speed check: eight examples, each starting its own mock, on a shared machine.
}, 240_000);
