// Each fault the mock can inject ends in its documented outcome (the fault table in
// packages/client/README.md), within a bounded time.
import type { Fault } from "@yeastar-openapi/mock-server";
import { describe, expect, test } from "vitest";
import {
  YeastarAbortError,
  YeastarApiError,
  YeastarConnectionError,
  YeastarError,
  YeastarTimeoutError,
} from "../src/index.js";
import { FAST_RETRY, useMock } from "./mock.js";

const mock = useMock();
const USERS = "/dm/open_api/v2/users";

async function listUsers(fault: Fault, options: Parameters<typeof mock.ycm>[0] = {}) {
  mock.server.inject(fault);
  mock.server.stats.reset();
  const started = Date.now();
  const outcome = await mock.ycm(options).GET(USERS).then(
    ({ data }) => data,
    (error: unknown) => error,
  );
  return { outcome, attempts: mock.server.stats.requests.listYcmUsers ?? 0, ms: Date.now() - started };
}

const once = { operationId: "listYcmUsers", times: 1 } as const;
const always = { operationId: "listYcmUsers" } as const;

describe("transient faults are retried and the call succeeds", () => {
  test.each<[string, Fault]>([
    ["HTTP 500", { ...once, kind: "status", status: 500 }],
    ["HTTP 502", { ...once, kind: "status", status: 502 }],
    ["HTTP 503", { ...once, kind: "status", status: 503 }],
    ["HTTP 429 without Retry-After", { ...once, kind: "status", status: 429 }],
    ["YCM 1000040 RATE_LIMIT_EXCEEDED", { ...once, kind: "ycmError", code: 1000040 }],
    ["an HTML error page", { ...once, kind: "html", status: 502 }],
    ["malformed JSON", { ...once, kind: "malformedJson" }],
    ["a dropped connection", { ...once, kind: "drop" }],
    ["an expired token (1000035)", { ...once, kind: "tokenExpired" }],
    ["latency under the timeout", { ...once, kind: "latency", ms: 50 }],
  ])("%s", async (_name, fault) => {
    const { outcome, attempts, ms } = await listUsers(fault);
    expect(outcome).toMatchObject({ status: "Success", data: { total: 137 } });
    expect(attempts).toBe(fault.kind === "latency" ? 1 : 2);
    // A hang guard, not a speed check: retries here wait milliseconds (FAST_RETRY).
    expect(ms).toBeLessThan(10_000);
  });

  test("HTTP 429 with Retry-After waits as asked", async () => {
    const { outcome, attempts, ms } = await listUsers({ ...once, kind: "status", status: 429, retryAfter: 1 });
    expect(outcome).toMatchObject({ status: "Success" });
    expect(attempts).toBe(2);
    expect(ms).toBeGreaterThanOrEqual(950);
  });
});

describe("persistent faults end in the right typed error after maxRetries", () => {
  test.each<[string, Fault, (error: unknown) => void]>([
    ["HTTP 503", { ...always, kind: "status", status: 503 }, (e) => expect(e).toMatchObject({ status: 503 })],
    ["YCM 1000040", { ...always, kind: "ycmError", code: 1000040 }, (e) => expect(e).toMatchObject({ code: 1000040, codeName: "RATE_LIMIT_EXCEEDED" })],
    ["an HTML page", { ...always, kind: "html", status: 502 }, (e) => expect((e as Error).message).toMatch(/HTTP 502.*non-JSON response \(text\/html/)],
  ])("%s -> YeastarApiError", async (_name, fault, check) => {
    const { outcome, attempts } = await listUsers(fault);
    expect(outcome).toBeInstanceOf(YeastarApiError);
    check(outcome);
    expect(attempts).toBe(3);
  });

  test("malformed JSON -> YeastarConnectionError", async () => {
    const { outcome, attempts } = await listUsers({ ...always, kind: "malformedJson" });
    expect(outcome).toBeInstanceOf(YeastarConnectionError);
    expect((outcome as Error).message).toMatch(/not valid JSON/);
    expect(attempts).toBe(3);
  });

  test("a dropped connection -> YeastarConnectionError naming the request", async () => {
    const { outcome, attempts } = await listUsers({ ...always, kind: "drop" });
    expect(outcome).toBeInstanceOf(YeastarConnectionError);
    // The message names the API, the request and the host it could not get an answer from.
    expect((outcome as Error).message).toContain(`YCM GET /dm/open_api/v2/users (${new URL(mock.server.url).host}) failed`);
    expect(attempts).toBe(3);
  });

  test("maxRetries per call overrides the client's", async () => {
    mock.server.inject({ ...always, kind: "status", status: 500 });
    mock.server.stats.reset();
    await expect(mock.ycm({ maxRetries: 5 }).GET(USERS, { maxRetries: 0 })).rejects.toBeInstanceOf(YeastarApiError);
    expect(mock.server.stats.requests.listYcmUsers).toBe(1);
  });

  test("Retry-After above the ceiling is not waited for: the 429 is thrown at once", async () => {
    const { outcome, attempts, ms } = await listUsers({ ...always, kind: "status", status: 429, retryAfter: 3600 });
    expect(outcome).toMatchObject({ status: 429 });
    expect(attempts).toBe(1);
    expect(ms).toBeLessThan(10_000); // not the hour it asked for
  });
});

describe("errors that are not retried", () => {
  test("status Failed on HTTP 200 never reaches the caller as data", async () => {
    const { outcome, attempts } = await listUsers({ ...once, kind: "failedEnvelope" });
    expect(outcome).toBeInstanceOf(YeastarApiError);
    expect(outcome).toMatchObject({ status: 200, api: "YCM" });
    expect((outcome as YeastarApiError).requestId).toEqual(expect.any(String));
    expect(attempts).toBe(1);
  });

  test("a Workplace error envelope carries errMsg as the code and detailMsg as the detail", async () => {
    mock.server.inject({ operationId: "listWorkplaceUsers", times: 1, kind: "failedEnvelope" });
    const error = await mock.workplace().GET("/services/openapi/v1.0/user/user_list").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(YeastarApiError);
    expect(typeof (error as YeastarApiError).code).toBe("string");
    expect((error as YeastarApiError).api).toBe("Workplace");
  });

  test("a bad request (HTTP 400 INVALID_PARAMETER) is not retried", async () => {
    mock.server.stats.reset();
    // Bypass the client-side check with a raw header the spec forbids: an empty User-Agent.
    const error = await mock.ycm().GET(USERS, { headers: { "User-Agent": "" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(YeastarApiError);
    expect(error).toMatchObject({ status: 400, code: 1000004, codeName: "INVALID_PARAMETER" });
    expect(mock.server.stats.requests.listYcmUsers).toBe(1);
  });

  test("a POST is not retried after a 503 (it may have been applied)", async () => {
    mock.server.inject({ operationId: "requestYcmToken", kind: "status", status: 503 });
    mock.server.stats.reset();
    const { clientId, clientSecret } = mock.server.credentials.ycm;
    const request = mock.ycm({ accessToken: "x" }).POST("/dm/open_api/oauth/token", {
      body: { grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret },
    });
    await expect(request).rejects.toMatchObject({ status: 503 });
    expect(mock.server.stats.requests.requestYcmToken).toBe(1);
  });
});

describe("timeouts and aborts", () => {
  test("an attempt slower than timeoutMs -> YeastarTimeoutError", async () => {
    const { outcome, attempts, ms } = await listUsers({ ...always, kind: "latency", ms: 20_000 }, { timeoutMs: 100, maxRetries: 1 });
    expect(outcome).toBeInstanceOf(YeastarTimeoutError);
    expect(outcome).toBeInstanceOf(YeastarConnectionError);
    expect((outcome as Error).message).toMatch(/timed out after 100 ms/);
    expect(attempts).toBe(2);
    expect(ms).toBeLessThan(10_000); // two cut attempts, not two 20 s answers
  });

  test("the caller's AbortSignal stops a slow request", async () => {
    mock.server.inject({ ...always, kind: "latency", ms: 20_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    const error = await mock.ycm().GET(USERS, { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(YeastarAbortError);
    expect(error).toBeInstanceOf(YeastarError);
    expect(Date.now() - started).toBeLessThan(10_000); // not the 20 s the server would take
  });

  test("an abort while waiting to retry ends the wait", async () => {
    mock.server.inject({ ...always, kind: "status", status: 429, retryAfter: 30 });
    const controller = new AbortController();
    // Abort once the 429 has arrived, so the abort lands in the 30 s wait however busy the machine.
    const abortAfter429 = async (request: Request) => {
      const response = await fetch(request);
      if (response.status === 429) setTimeout(() => controller.abort(), 20);
      return response;
    };
    const started = Date.now();
    const ycm = mock.ycm({ fetch: abortAfter429, retry: { ...FAST_RETRY, maxRetryAfterMs: 60_000 } });
    const error = await ycm.GET(USERS, { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(YeastarAbortError);
    expect((error as Error).message).toMatch(/aborted while waiting to retry/);
    expect(Date.now() - started).toBeLessThan(10_000); // not the 30 s Retry-After
  });

  test("an already-aborted signal sends nothing", async () => {
    mock.server.stats.reset();
    const error = await mock.ycm({ accessToken: "t" }).GET(USERS, { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(YeastarAbortError);
    expect(mock.server.stats.requests.listYcmUsers ?? 0).toBe(0);
  });
});
