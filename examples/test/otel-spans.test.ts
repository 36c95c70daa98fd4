// otel-spans.mjs feeds the client's hooks into OpenTelemetry spans: one per attempt, named after
// the operation, ending in error where the attempt or the call failed, and printing no secret.
import { DEFAULT_CREDENTIALS, startMockServer, type MockServer } from "@yeastar-openapi/mock-server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runExample } from "./run-example.js";

interface PrintedSpan {
  name: string;
  status: "UNSET" | "OK" | "ERROR";
  durationMs: number;
  attributes: Record<string, string | number>;
}

const spansOf = (stdout: string): PrintedSpan[] => stdout.trim().split("\n").map((line) => JSON.parse(line) as PrintedSpan);
const TOKEN = /ycm_[ar]t_/;

test("against the example's own mock: the grant, three pages, a user, a user not found", async () => {
  const run = await runExample("otel-spans.mjs");
  expect(run.stderr).toContain("listed 137 users");
  expect(run.status).toBe(0);
  const spans = spansOf(run.stdout);
  expect(spans.map((s) => `${s.name} ${s.status} ${s.attributes["http.response.status_code"]}`)).toEqual([
    "requestYcmToken UNSET 200",
    "listYcmUsers UNSET 200",
    "listYcmUsers UNSET 200",
    "listYcmUsers UNSET 200",
    "listYcmUsers UNSET 200",
    "getYcmUser UNSET 200",
    "getYcmUser ERROR 404",
  ]);
  for (const span of spans.slice(1)) {
    expect(span.attributes["yeastar.request_id"]).toMatch(/\S/);
    expect(span.attributes["http.request.method"]).toBe("GET");
  }
  expect(spans[1]!.attributes).toMatchObject({ "url.template": "/dm/open_api/v2/users", "yeastar.operation_id": "listYcmUsers" });
  expect(spans[1]!.attributes["url.full"]).toMatch(/\/dm\/open_api\/v2\/users\?pageSize=50&pageNumber=1$/);
  expect(spans.at(-1)!.attributes["error.type"]).toBe("YeastarApiError");
  const printed = run.stdout + run.stderr;
  expect(printed).not.toContain(DEFAULT_CREDENTIALS.ycm.clientSecret);
  expect(printed).not.toMatch(TOKEN);
});

describe("against your YCM (a mock standing in for it), which fails once", () => {
  const secret = "env-secret-that-must-not-print";
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer({ ycmUsers: 7, credentials: { ycm: { clientId: "env-client", clientSecret: secret } } });
  });
  afterAll(() => server.close());

  test("a retried page: its first attempt's span ends in the 503, the second has resend_count 1", async () => {
    server.inject({ operationId: "listYcmUsers", kind: "status", status: 503, times: 1 });
    const run = await runExample("otel-spans.mjs", [], { YCM_CLIENT_ID: "env-client", YCM_CLIENT_SECRET: secret, YCM_BASE_URL: server.url });
    expect(run.status).toBe(0);
    const spans = spansOf(run.stdout);
    expect(spans.slice(0, 3).map((s) => `${s.name} ${s.status} ${s.attributes["http.response.status_code"]} ${s.attributes["http.request.resend_count"] ?? 0}`)).toEqual([
      "requestYcmToken UNSET 200 0",
      "listYcmUsers ERROR 503 0",
      "listYcmUsers UNSET 200 1",
    ]);
    expect(server.stats.requests.listYcmUsers).toBe(3); // the failed attempt, its retry, the page of one
    const printed = run.stdout + run.stderr;
    expect(printed).not.toContain(secret);
    expect(printed).not.toMatch(TOKEN);
  });
});
