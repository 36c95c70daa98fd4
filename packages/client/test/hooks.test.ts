// The hooks (@yeastar-openapi/client/hooks) against the mock server: which events a call makes,
// in which order, with which fields; a hook that throws leaves the call alone; the logger adapter.
import { describe, expect, test } from "vitest";
import { YeastarApiError, YeastarInvalidRequestError } from "../src/index.js";
import { createHooks, loggerHooks, type YeastarHookEvent } from "../src/hooks/index.js";
import { useMock } from "./mock.js";

const mock = useMock();

function recorder() {
  const events: YeastarHookEvent[] = [];
  return { events, hooks: createHooks({ onEvent: (event) => void events.push(event) }) };
}

/** A token from the mock, for clients that should make no grant of their own. */
async function token(): Promise<string> {
  const { clientId, clientSecret } = mock.server.credentials.ycm;
  const response = await fetch(`${mock.server.url}/dm/open_api/oauth/token`, {
    method: "POST",
    headers: { "User-Agent": "test", "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

/** `type attempt operationId` of each event, to compare sequences at a glance. */
const trace = (events: YeastarHookEvent[]) => events.map((e) => `${e.type} ${e.attempt} ${e.operationId}`);

describe("hook events", () => {
  test("a first call: the token grant, then the call, each a request and a response", async () => {
    const { events, hooks } = recorder();
    const ycm = mock.ycm({ hooks });
    const user = mock.server.dataset.collections.YcmUser![5]! as { userId: number };
    await ycm.GET("/dm/open_api/v1/users/{userId}", { params: { path: { userId: user.userId } } });

    expect(trace(events)).toEqual(["request 1 requestYcmToken", "response 1 requestYcmToken", "request 1 getYcmUser", "response 1 getYcmUser"]);
    const [grant, , request, response] = events as [YeastarHookEvent, YeastarHookEvent, YeastarHookEvent, YeastarHookEvent];
    expect(grant.requestNumber).not.toBe(request.requestNumber);
    expect(request).toMatchObject({
      api: "YCM",
      method: "GET",
      path: "/dm/open_api/v1/users/{userId}",
      filledPath: `/dm/open_api/v1/users/${user.userId}`,
      url: `${mock.server.url}/dm/open_api/v1/users/${user.userId}`,
    });
    expect(response.requestNumber).toBe(request.requestNumber);
    if (response.type !== "response") throw new Error("expected a response event");
    expect(response.status).toBe(200);
    expect(response.durationMs).toBeGreaterThan(0);
    expect(response.requestId).toMatch(/\S/);
    // Without includeBodies, no body.
    expect("responseBody" in response).toBe(false);
  });

  test("a retried call: retry between the attempts, with the failure's status and the wait", async () => {
    const { events, hooks } = recorder();
    const ycm = mock.ycm({ hooks });
    await ycm.GET("/dm/open_api/v2/users"); // the token first
    events.length = 0;
    mock.server.inject({ operationId: "listYcmUsers", kind: "status", status: 503, times: 1 });
    await ycm.GET("/dm/open_api/v2/users", { params: { query: { pageSize: 5 } } });

    expect(trace(events)).toEqual(["request 1 listYcmUsers", "retry 1 listYcmUsers", "request 2 listYcmUsers", "response 2 listYcmUsers"]);
    const retry = events[1]!;
    if (retry.type !== "retry") throw new Error("expected a retry event");
    expect(retry.status).toBe(503);
    expect(retry.error).toBeInstanceOf(YeastarApiError);
    expect(retry.durationMs).toBeGreaterThan(0);
    expect(retry.delayMs).toBeGreaterThan(0);
    expect(retry.url).toBe(`${mock.server.url}/dm/open_api/v2/users?pageSize=5`);
    expect(new Set(events.map((e) => e.requestNumber)).size).toBe(1);
  });

  test("a failed call: an error event with the API's status, code and requestId", async () => {
    const { events, hooks } = recorder();
    const ycm = mock.ycm({ hooks });
    const thrown = await ycm.GET("/dm/open_api/v1/users/{userId}", { params: { path: { userId: 1 } } }).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(YeastarApiError);
    const last = events.at(-1)!;
    expect(trace(events).slice(-2)).toEqual(["request 1 getYcmUser", "error 1 getYcmUser"]);
    if (last.type !== "error") throw new Error("expected an error event");
    expect(last.error).toBe(thrown);
    expect(last.status).toBe(404);
    expect(last.requestId).toBe((thrown as YeastarApiError).requestId);
    expect(last.durationMs).toBeGreaterThan(0);
  });

  test("a call that fails before any attempt: an error event with attempt 0", async () => {
    const { events, hooks } = recorder();
    const ycm = mock.ycm({ hooks });
    const controller = new AbortController();
    controller.abort();
    await expect(ycm.GET("/dm/open_api/v2/users", { signal: controller.signal })).rejects.toThrow(/aborted/);
    expect(trace(events)).toEqual(["error 0 listYcmUsers"]);
    expect((events[0] as { durationMs?: number }).durationMs).toBeUndefined();
  });

  test("the per-type callbacks get their own events; onEvent gets all of them", async () => {
    const seen: string[] = [];
    const hooks = createHooks({
      request: (e) => void seen.push(`request:${e.operationId}`),
      response: (e) => void seen.push(`response:${e.status}`),
      onEvent: (e) => void seen.push(`any:${e.type}`),
    });
    await mock.ycm({ hooks, accessToken: await token() }).GET("/dm/open_api/v2/users");
    expect(seen).toEqual(["request:listYcmUsers", "any:request", "response:200", "any:response"]);
  });

  test("includeBodies: the bodies, redacted", async () => {
    const events: YeastarHookEvent[] = [];
    const hooks = createHooks({ onEvent: (e) => void events.push(e) }, { includeBodies: true });
    await mock.ycm({ hooks }).GET("/dm/open_api/v2/users", { params: { query: { pageSize: 2 } } });
    const grantRequest = events.find((e) => e.type === "request" && e.operationId === "requestYcmToken");
    expect(grantRequest).toMatchObject({ requestBody: { grant_type: "client_credentials", client_id: mock.server.credentials.ycm.clientId, client_secret: "[REDACTED]" } });
    const grantResponse = events.find((e) => e.type === "response" && e.operationId === "requestYcmToken");
    expect(grantResponse).toMatchObject({ responseBody: { access_token: "[REDACTED]", refresh_token: "[REDACTED]" } });
    const page = events.find((e) => e.type === "response" && e.operationId === "listYcmUsers");
    expect((page as { responseBody: { data: { list: unknown[] } } }).responseBody.data.list).toHaveLength(2);
  });
});

describe("hooks never break a call", () => {
  test("a hook that throws: the call succeeds, onWarning is told which hook", async () => {
    const warnings: string[] = [];
    const hooks = createHooks({
      request() {
        throw new Error("broken exporter");
      },
      response: async () => {
        throw new Error("broken async exporter");
      },
    });
    const ycm = mock.ycm({ hooks, onWarning: (message) => warnings.push(message), accessToken: await token() });
    const { data } = await ycm.GET("/dm/open_api/v2/users", { params: { query: { pageSize: 3 } } });
    expect(data.data.list).toHaveLength(3);
    await new Promise((resolve) => setTimeout(resolve, 0)); // the rejection is reported a tick later
    expect(warnings).toEqual([
      "YCM: the request hook threw (Error: broken exporter); the call goes on",
      "YCM: the response hook failed (Error: broken async exporter); the call goes on",
    ]);
  });

  test("a hook that throws on an error event: the call's own error is what the caller gets", async () => {
    const warnings: string[] = [];
    const hooks = createHooks({
      error() {
        throw new TypeError("oops");
      },
    });
    const ycm = mock.ycm({ hooks, onWarning: (message) => warnings.push(message) });
    await expect(ycm.GET("/dm/open_api/v1/users/{userId}", { params: { path: { userId: 1 } } })).rejects.toBeInstanceOf(YeastarApiError);
    expect(warnings).toEqual(["YCM: the error hook threw (TypeError: oops); the call goes on"]);
  });
});

describe("loggerHooks", () => {
  test("one line per event, pino's argument order, levels by event type", async () => {
    const lines: { level: string; fields: Record<string, unknown>; message: string }[] = [];
    const logger = Object.fromEntries(
      (["debug", "info", "warn", "error"] as const).map((level) => [level, (fields: Record<string, unknown>, message: string) => lines.push({ level, fields, message })]),
    ) as unknown as Console;
    const ycm = mock.ycm({ hooks: loggerHooks(logger) });
    await ycm.GET("/dm/open_api/v2/users");
    mock.server.inject({ operationId: "listYcmUsers", kind: "status", status: 503, times: 1 });
    await ycm.GET("/dm/open_api/v2/users");
    await ycm.GET("/dm/open_api/v1/users/{userId}", { params: { path: { userId: 1 } } }).catch(() => undefined);

    expect(lines.map((l) => `${l.level} ${l.fields.event} ${l.fields.operationId}`)).toEqual([
      "debug request requestYcmToken",
      "debug response requestYcmToken",
      "debug request listYcmUsers",
      "debug response listYcmUsers",
      "debug request listYcmUsers",
      "warn retry listYcmUsers",
      "debug request listYcmUsers",
      "debug response listYcmUsers",
      "debug request getYcmUser",
      "error error getYcmUser",
    ]);
    const failure = lines.at(-1)!;
    expect(failure.message).toMatch(/^YCM getYcmUser GET \/dm\/open_api\/v1\/users\/\{userId\}: failed \(YeastarApiError 1000015 404, requestId \S+\) after 1 attempt$/);
    expect(failure.fields.error).toMatchObject({ name: "YeastarApiError", status: 404, code: 1000015 });
    // JSON-safe: a log pipeline can serialise every line.
    for (const line of lines) expect(JSON.parse(JSON.stringify(line.fields))).toEqual(line.fields);
  });

  test("levels can be changed or turned off; console works as the logger", async () => {
    const lines: unknown[][] = [];
    const logger = { info: (...args: unknown[]) => lines.push(args) };
    await mock.ycm({ hooks: loggerHooks(logger, { levels: { request: false, response: "info" } }), accessToken: await token() }).GET("/dm/open_api/v2/users");
    expect(lines).toHaveLength(1);
    expect(lines[0]![1]).toMatch(/^YCM listYcmUsers GET \/dm\/open_api\/v2\/users: 200 in \d+\.\d ms \(attempt 1, requestId \S+\)$/);
  });
});

describe("bad input is refused, naming the problem", () => {
  test("the hooks option must come from createHooks()", () => {
    expect(() => mock.ycm({ hooks: { request() {} } as never })).toThrow(new YeastarInvalidRequestError("YCM client: hooks must be a function"));
  });

  test("createHooks and loggerHooks check what they are given", () => {
    expect(() => createHooks({ onResponse() {} } as never)).toThrow('createHooks: unknown callback "onResponse"; the callbacks are request, response, retry, error, onEvent');
    expect(() => createHooks({ request: "yes" } as never)).toThrow("createHooks: request must be a function");
    expect(() => createHooks({}, { bodies: true } as never)).toThrow('createHooks: unknown option "bodies"; the options are includeBodies');
    expect(() => loggerHooks({} as never)).toThrow("loggerHooks: the logger needs at least an info() method");
    expect(() => loggerHooks(console, { levels: { response: "loud" as never } })).toThrow("loggerHooks: levels.response must be one of trace, debug, info, warn, error or false");
  });
});
