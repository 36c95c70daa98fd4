// todays-meetings.mjs lists the rooms, then each room's meetings of a day, as one table.
import { startMockServer } from "@yeastar-openapi/mock-server";
import { expect, test } from "vitest";
import { runExample } from "./run-example.js";

// The mock books its seeded meetings hourly from two hours before its clock's hour: with the clock at
// 2030-01-07 10:20 UTC they run from 08:00 to 13:00 that day, in the first five rooms.
const NOW = Date.UTC(2030, 0, 7, 10, 20);

test("with WORKPLACE_* credentials: every room, and each room's meetings of the day in start order", async () => {
  const secret = "workplace-env-secret-must-not-print";
  const server = await startMockServer({
    now: () => NOW,
    collections: { WorkplaceMeetingRoom: 7, WorkplaceMeeting: 12 },
    credentials: { workplace: { clientId: "wp-env", clientSecret: secret } },
  });
  try {
    const run = await runExample("todays-meetings.mjs", ["2030-01-07"], {
      WORKPLACE_CLIENT_ID: "wp-env",
      WORKPLACE_CLIENT_SECRET: secret,
      WORKPLACE_BASE_URL: server.url,
      TZ: "UTC",
    });
    expect(run.stderr).toContain(`Workplace at ${server.url}`);
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^roomId\s+room\s+start\s+end\s+status\s+subject$/);
    const rooms = server.dataset.collections.WorkplaceMeetingRoom!;
    const meetings = server.dataset.collections.WorkplaceMeeting!;
    const hhmm = (s: number): string => new Date(s * 1000).toISOString().slice(11, 16);
    const expected = rooms.flatMap((room) => {
      const own = meetings.filter((m) => m.roomId === room.roomId).sort((a, b) => a.startTime - b.startTime);
      return own.length ? own.map((m) => `${room.roomId} ${hhmm(m.startTime)} ${hhmm(m.endTime)}`) : [`${room.roomId} (no meetings)`];
    });
    const printed = lines.slice(1).map((line) => {
      const cells = line.split(/\s{2,}/);
      return line.includes("(no meetings)") ? `${cells[0]} (no meetings)` : `${cells[0]} ${cells[2]} ${cells[3]}`;
    });
    expect(printed).toEqual(expected);
    expect(printed.filter((p) => p.endsWith("(no meetings)"))).toHaveLength(2);
    expect(run.stdout).toMatch(/ENDED[\s\S]*WILL_START|WILL_START[\s\S]*ENDED/);
    expect(run.stderr).toContain("12 meetings in 7 rooms on 2030-01-07.");
    expect(server.stats.requests.listWorkplaceMeetings).toBe(7);
    expect(`${run.stdout}${run.stderr}`).not.toContain(secret);
  } finally {
    await server.close();
  }
});

test("from its own mock: a table of today's meetings", async () => {
  const run = await runExample("todays-meetings.mjs");
  expect(run.status).toBe(0);
  expect(run.stdout.split("\n")[0]).toMatch(/^roomId\s+room\s+start\s+end\s+status\s+subject$/);
  expect(run.stderr).toMatch(/\d+ meetings? in 8 rooms on \d{4}-\d{2}-\d{2}\.\n$/);
});

test.each([["2026-02-30"], ["tomorrow"], ["2026-03-09", "extra"]])("refuses %j with its usage, exit status 2", async (...args) => {
  const run = await runExample("todays-meetings.mjs", args);
  expect(run.stderr).toContain("Usage: node todays-meetings.mjs [YYYY-MM-DD]");
  expect(run.status).toBe(2);
});
