// list-ycm-users-to-csv.mjs writes every YCM user, in userId order, as a CSV a strict reader
// accepts; on its own it uses a mock it starts itself, with credentials it calls your YCM.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startMockServer, type MockServer } from "@yeastar-openapi/mock-server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parseCsv } from "./csv-parse.js";
import { exampleDataset, runExample } from "./run-example.js";

const COLUMNS = ["userId", "company", "firstName", "lastName", "email", "phone", "mobile", "address", "remark", "createdCloudPbx", "userType", "twoFactorAuthenticationEnable"] as const;

const dir = mkdtempSync(join(tmpdir(), "yeastar-examples-csv-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("against the mock server the example starts", () => {
  const file = join(dir, "ycm-users.csv");
  let run: Awaited<ReturnType<typeof runExample>>;
  beforeAll(async () => {
    run = await runExample("list-ycm-users-to-csv.mjs", [file]);
  });

  test("exits 0 and says where it wrote", () => {
    expect(run.stderr).toContain(`Wrote 137 YCM users to ${file}`);
    expect(run.status).toBe(0);
  });

  test("the CSV has 138 lines: the header, then the 137 users in userId order", () => {
    const text = readFileSync(file, "utf8");
    expect(text.split("\r\n").slice(0, -1)).toHaveLength(138);
    const [header, ...users] = parseCsv(text);
    expect(header).toEqual(COLUMNS);
    const expected = exampleDataset().collections.YcmUser!;
    expect(users.map((record) => Number(record[0]))).toEqual(expected.map((user) => user.userId));
    expect(users.map((record) => Number(record[0]))).toEqual([...users.map((record) => Number(record[0]))].sort((a, b) => a - b));
  });

  test("every field reads back as the API sent it (addresses with commas included)", () => {
    const [, ...users] = parseCsv(readFileSync(file, "utf8"));
    const expected = exampleDataset().collections.YcmUser!.map((user) => COLUMNS.map((column) => String(user[column] ?? "")));
    expect(users).toEqual(expected);
    expect(users.some((record) => record[7]?.includes(","))).toBe(true);
  });

  test("shows progress per page on stderr, out of the total", () => {
    expect(run.stderr).toMatch(/^fetched 50\/137 YCM users$/m);
    expect(run.stderr).toMatch(/^fetched 137\/137 YCM users$/m);
    expect(run.stdout).toBe("");
  });

  test("never prints the mock's client secret", () => {
    expect(`${run.stdout}${run.stderr}`).not.toContain("mock-ycm-secret");
  });
});

describe("with credentials in the environment", () => {
  const secret = "env-secret-that-must-not-print";
  let server: MockServer;
  beforeAll(async () => {
    // A stand-in for your YCM: a different user count than the example's own mock, so the
    // output shows which one answered.
    server = await startMockServer({ ycmUsers: 7, credentials: { ycm: { clientId: "env-client", clientSecret: secret } } });
  });
  afterAll(() => server.close());

  test("calls YCM_BASE_URL with YCM_CLIENT_ID and YCM_CLIENT_SECRET, printing neither secret nor token", async () => {
    const file = join(dir, "env.csv");
    const run = await runExample("list-ycm-users-to-csv.mjs", [file], { YCM_CLIENT_ID: "env-client", YCM_CLIENT_SECRET: secret, YCM_BASE_URL: server.url });
    expect(run.stderr).toContain(`YCM at ${server.url}`);
    expect(run.status).toBe(0);
    expect(parseCsv(readFileSync(file, "utf8"))).toHaveLength(8);
    expect(server.stats.tokensIssued.ycm).toBe(1);
    expect(`${run.stdout}${run.stderr}`).not.toContain(secret);
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/ycm_[ar]t_/);
  });

  test("a refused secret ends in the API error, exit status 1, and no CSV file", async () => {
    const file = join(dir, "refused.csv");
    const wrong = "wrong-secret-that-must-not-print";
    const run = await runExample("list-ycm-users-to-csv.mjs", [file], { YCM_CLIENT_ID: "env-client", YCM_CLIENT_SECRET: wrong, YCM_BASE_URL: server.url });
    expect(run.stderr).toMatch(/^YeastarApiError: YCM API error on POST \/dm\/open_api\/oauth\/token \(127\.0\.0\.1:\d+\): HTTP 401 1000033 INVALID_CLIENT \(requestId/m);
    expect(run.status).toBe(1);
    expect(`${run.stdout}${run.stderr}`).not.toContain(wrong);
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(dir).filter((name) => name.endsWith(".partial"))).toEqual([]);
  });

  test("half a set of credentials is refused with a message naming the missing variable", async () => {
    const run = await runExample("list-ycm-users-to-csv.mjs", [join(dir, "half.csv")], { YCM_CLIENT_ID: "env-client" });
    expect(run.stderr).toContain("YCM_CLIENT_SECRET is not set: set both YCM_CLIENT_ID and YCM_CLIENT_SECRET");
    expect(run.status).toBe(2);
  });
});
