// book-check-in-cancel.mjs books a weekly meeting, checks in to today's, and cancels the rest.
import { startMockServer } from "@yeastar-openapi/mock-server";
import { expect, test } from "vitest";
import { runExample } from "./run-example.js";

test("from its own mock: books, checks in, cancels the series and prints what is left", async () => {
  const run = await runExample("book-check-in-cancel.mjs", [], { TZ: "UTC" });
  expect(run.status).toBe(0);
  expect(run.stderr).toMatch(/1\. booked room \d+ for "Example stand-up", \d\d:\d\d-\d\d:\d\d, weekly: 4 meetings of the series listed/);
  expect(run.stderr).toMatch(/2\. checked in member \d+: meeting \S+ is STARTED/);
  expect(run.stderr).toContain("3. cancelled the series (deleteScope ALL): 1 meeting of it left");
  const rows = run.stdout.trimEnd().split("\n");
  expect(rows[0]).toMatch(/^meetingId\s+start\s+end\s+status\s+subject$/);
  expect(rows.slice(1)).toHaveLength(1);
  expect(rows[1]).toMatch(/\s+STARTED\s+Example stand-up$/);
});

test("with WORKPLACE_* credentials it acts on that account: one booking, one check-in, one cancellation", async () => {
  const secret = "workplace-env-secret-must-not-print";
  const server = await startMockServer({ collections: { WorkplaceMeetingRoom: 6 }, credentials: { workplace: { clientId: "wp-env", clientSecret: secret } } });
  try {
    const room = server.dataset.collections.WorkplaceMeetingRoom![5]!.roomId as number;
    const host = server.dataset.collections.WorkplaceUser![2]!.memberId as number;
    const run = await runExample("book-check-in-cancel.mjs", [String(room), String(host)], {
      WORKPLACE_CLIENT_ID: "wp-env",
      WORKPLACE_CLIENT_SECRET: secret,
      WORKPLACE_BASE_URL: server.url,
    });
    expect(run.stderr).toContain(`Workplace at ${server.url}`);
    expect(run.status).toBe(0);
    expect(server.stats.requests.createWorkplaceMeeting).toBe(1);
    expect(server.stats.requests.checkInWorkplaceMeeting).toBe(1);
    expect(server.stats.requests.deleteWorkplaceMeeting).toBe(1);
    const left = server.dataset.collections.WorkplaceMeeting!.filter((m) => m.roomId === room);
    expect(left).toHaveLength(1);
    expect(left[0]).toMatchObject({ hostId: host, subject: "Example stand-up", checkedInTime: expect.any(Number) });
    expect(`${run.stdout}${run.stderr}`).not.toContain(secret);
  } finally {
    await server.close();
  }
});

test.each([["x"], ["1", "2", "3"]])("refuses %j with a clear message, exit status 2", async (...args) => {
  const run = await runExample("book-check-in-cancel.mjs", args);
  expect(run.stderr).toMatch(/roomId must be a whole number|Usage: node book-check-in-cancel\.mjs/);
  expect(run.status).toBe(2);
});
