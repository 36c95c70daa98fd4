// ycm-billing-collector.mjs writes every Cloud PBX with its plan and capacities, and every YCM
// user's subscription, as two CSV files; on its own it uses a mock it starts itself, with
// credentials it calls your YCM.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createYcmClient } from "@yeastar-openapi/client";
import { startMockServer, type MockServer } from "@yeastar-openapi/mock-server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parseCsv } from "./csv-parse.js";
import { exampleDataset, runExample } from "./run-example.js";

const PBX_COLUMNS = ["cloudPbxId", "name", "sn", "pbxStatus", "plan", "planExpirationDate", "extensionCapacity", "concurrentCallCapacity", "recordingStatus", "recordingCapacity", "transcriptionCapacity", "region", "url", "type", "expirationDate"];

const root = mkdtempSync(join(tmpdir(), "yeastar-examples-billing-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("against the mock server the example starts", () => {
  const dir = join(root, "mock");
  let run: Awaited<ReturnType<typeof runExample>>;
  beforeAll(async () => {
    const { mkdirSync } = await import("node:fs");
    mkdirSync(dir);
    run = await runExample("ycm-billing-collector.mjs", [dir]);
  });

  test("exits 0 and says what it wrote where", () => {
    expect(run.stderr).toContain(`Wrote 50 Cloud PBXs to ${join(dir, "ycm-cloud-pbxs.csv")}`);
    expect(run.stderr).toContain(`Wrote 137 user subscriptions to ${join(dir, "ycm-user-subscriptions.csv")}`);
    expect(run.status).toBe(0);
  });

  test("every Cloud PBX, in cloudPbxId order, with its plan and capacities as the API sent them", () => {
    const [header, ...rows] = parseCsv(readFileSync(join(dir, "ycm-cloud-pbxs.csv"), "utf8"));
    expect(header).toEqual(PBX_COLUMNS);
    const expected = exampleDataset().collections.YcmCloudPbx!.map((pbx) => PBX_COLUMNS.map((column) => String(pbx[column] ?? "")));
    expect(rows).toEqual(expected);
    expect(rows.every((row) => /^(Enterprise Plan|Ultimate Plan|Upgrading to Ultimate Plan|)$/.test(row[4]!))).toBe(true);
  });

  test("one subscription row per YCM user, in userId order", () => {
    const [header, ...rows] = parseCsv(readFileSync(join(dir, "ycm-user-subscriptions.csv"), "utf8"));
    expect(header!.slice(0, 4)).toEqual(["userId", "email", "company", "totalExtensions"]);
    expect(rows.map((row) => Number(row[0]))).toEqual(exampleDataset().collections.YcmUser!.map((user) => user.userId));
    expect(rows.every((row) => /^\d+$/.test(row[3]!))).toBe(true);
  });

  test("never prints the mock's client secret", () => {
    expect(`${run.stdout}${run.stderr}`).not.toContain("mock-ycm-secret");
  });
});

describe("with credentials in the environment", () => {
  const secret = "env-secret-that-must-not-print";
  let server: MockServer;
  beforeAll(async () => {
    // A stand-in for your YCM, smaller than the example's own mock, where one user's subscription
    // and one Cloud PBX's capacities were changed: the CSVs must show those changes.
    server = await startMockServer({ collections: { YcmUser: 3, YcmCloudPbx: 4 }, credentials: { ycm: { clientId: "env-client", clientSecret: secret } } });
    const ycm = createYcmClient({ baseUrl: server.url, clientId: "env-client", clientSecret: secret });
    const userId = server.dataset.collections.YcmUser![1]!.userId as number;
    await ycm.PUT("/dm/open_api/v1/users/{userId}/subscription_info", {
      params: { path: { userId } },
      body: { totalExtensions: 777, totalConcurrentCalls: 77, totalRecordings: 7777, minimumExtPerPbx: 7 },
    });
    const cloudPbxId = server.dataset.collections.YcmCloudPbx![2]!.cloudPbxId as number;
    await ycm.PUT("/dm/open_api/v1/cloud_pbx/instances/{cloudPbxId}/capacity", {
      params: { path: { cloudPbxId } },
      body: { extensionCapacity: 999, concurrentCallCapacity: 99, recordingStatus: "Enabled", recordingCapacity: 9999 },
    });
  });
  afterAll(() => server.close());

  test("calls YCM_BASE_URL with YCM_CLIENT_ID and YCM_CLIENT_SECRET and writes what that YCM holds", async () => {
    const dir = join(root, "env");
    const { mkdirSync } = await import("node:fs");
    mkdirSync(dir);
    const run = await runExample("ycm-billing-collector.mjs", [dir], { YCM_CLIENT_ID: "env-client", YCM_CLIENT_SECRET: secret, YCM_BASE_URL: server.url });
    expect(run.stderr).toContain(`YCM at ${server.url}`);
    expect(run.status).toBe(0);
    const [, ...pbxs] = parseCsv(readFileSync(join(dir, "ycm-cloud-pbxs.csv"), "utf8"));
    expect(pbxs).toHaveLength(4);
    expect(pbxs[2]!.slice(6, 10)).toEqual(["999", "99", "Enabled", "9999"]);
    const [, ...subscriptions] = parseCsv(readFileSync(join(dir, "ycm-user-subscriptions.csv"), "utf8"));
    expect(subscriptions.map((row) => row[3])).toEqual([expect.not.stringMatching(/^777$/), "777", expect.not.stringMatching(/^777$/)]);
    expect(`${run.stdout}${run.stderr}`).not.toContain(secret);
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/ycm_[ar]t_/);
  });
});
