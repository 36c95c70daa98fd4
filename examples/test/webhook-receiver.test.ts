// webhook-receiver.mjs starts a receiver and a mock that pushes to it, makes changes, and logs the events.
import { expect, test } from "vitest";
import { runExample } from "./run-example.js";

const SECRET = "demoSecret-0123456789abcdefABCDE";

test("verifies, parses and logs the events its API calls cause, in order, and never prints the secret", async () => {
  const run = await runExample("webhook-receiver.mjs", [], { YCM_WEBHOOK_SECRET: SECRET, TZ: "UTC" });
  expect(run.status).toBe(0);
  const lines = run.stdout.trimEnd().split("\n");
  expect(lines[0]).toMatch(/^YCM {2}PCE DID Change \(did_change\): Cloud PBX \S+ now has \d+ DID number\(s\) \(verified\)$/);
  expect(lines[1]).toMatch(/^YCM {2}PCE Capacity Change: Cloud PBX \S+ now has 50 extensions, 10 concurrent calls \(verified\)$/);
  expect(lines.slice(2).map((l) => /^Workplace {2}(\S+):/.exec(l)?.[1])).toEqual([
    "MEETING_CREATED",
    "MEETING_DELETED",
    "MEETING_CREATED",
    "MEETING_CHECKED_IN",
    "MEETING_CHECKED_OUT",
  ]);
  // The time change: the second MEETING_CREATED is 5 minutes after the first.
  const times = lines.filter((l) => l.includes("MEETING_CREATED")).map((l) => / (\d\d:\d\d)-(\d\d:\d\d)$/.exec(l)?.slice(1));
  expect(times).toHaveLength(2);
  expect(times[0]).not.toEqual(times[1]);
  expect(run.stderr).toContain("3. 7 events received and handled; 7 deliveries, 0 refused");
  expect(`${run.stdout}${run.stderr}`).not.toContain(SECRET);
});

test("refuses a secret that is not 32 characters, exit status 2", async () => {
  const run = await runExample("webhook-receiver.mjs", [], { YCM_WEBHOOK_SECRET: "short-secret" });
  expect(run.stderr).toContain("YCM_WEBHOOK_SECRET must be 32 characters");
  expect(run.stderr).not.toContain("short-secret");
  expect(run.status).toBe(2);
});
