// Issue 9: the client under attack from hostile servers on 127.0.0.1. Each test asserts on what
// a user observes: what reached the other origin, what an error says (message, stack,
// util.inspect, JSON), how many token requests arrived, elapsed time, item counts.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { gzipSync } from "node:zlib";
import { describe, expect, test } from "vitest";
import {
  createWorkplaceClient,
  createYcmClient,
  YeastarAbortError,
  YeastarApiError,
  YeastarConnectionError,
  YeastarError,
  YeastarInvalidRequestError,
  YeastarResponseError,
  YeastarTimeoutError,
} from "../src/index.js";
import { customTokenStore } from "../src/token-store.js";
import { isToken, json, success, tokenBody, useHostile } from "./hostile.js";

const api = useHostile();
const other = useHostile();
const USERS = "/dm/open_api/v2/users";
const SECRET = "client-secret-that-must-stay-home";

/** Every way a user may see an error. */
function renderings(error: unknown): string {
  const e = error as Error;
  return [String(e), e.message, e.stack, inspect(e, { depth: 10, showHidden: true }), JSON.stringify(e)].join("\n");
}

const ycm = (extra: Record<string, unknown> = {}) =>
  createYcmClient({ baseUrl: api.url, clientId: "id", clientSecret: SECRET, maxRetries: 0, ...extra });

describe("1. redirects never carry credentials or tokens to another origin", () => {
  test.each([301, 302, 303, 307, 308])("HTTP %i on the token endpoint: nothing reaches the other origin", async (status) => {
    api.handle((_req, res) => res.writeHead(status, { location: `${other.url}/dm/open_api/oauth/token` }).end());
    other.handle((_req, res) => json(res, 200, tokenBody("foreign-token")));
    const error = await ycm().GET(USERS).catch((e: unknown) => e);
    expect(other.received).toEqual([]);
    expect(error).toBeInstanceOf(YeastarResponseError);
    expect((error as Error).message).toContain(api.host);
    expect((error as Error).message).toContain(other.host);
    expect(renderings(error)).not.toContain(SECRET);
  });

  test("a redirect on an API call does not carry the bearer token away, nor use the other origin's data", async () => {
    api.handle((req, res) => {
      if (isToken(req.url!)) return json(res, 200, tokenBody("home-token"));
      res.writeHead(307, { location: `${other.url}${USERS}` }).end();
    });
    other.handle((_req, res) => json(res, 200, success({ total: 1, pageSize: 10, pageNumber: 1, list: [{ userId: 666 }] })));
    const error = await ycm().GET(USERS).catch((e: unknown) => e);
    expect(other.received).toEqual([]);
    expect(error).toBeInstanceOf(YeastarResponseError);
    expect(error).toMatchObject({ status: 307 });
    expect(renderings(error)).not.toContain("home-token");
  });

  test("the same through openapi-fetch (a call with a body) and on Workplace", async () => {
    api.handle((_req, res) => res.writeHead(308, { location: `${other.url}/elsewhere` }).end());
    const workplace = createWorkplaceClient({ baseUrl: api.url, clientId: "id", clientSecret: SECRET, maxRetries: 0 });
    const error = await workplace.GET("/services/openapi/v1.0/user/user_list").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(YeastarError);
    const posted = await createYcmClient({ baseUrl: api.url, accessToken: "fixed-token-value" })
      .POST("/dm/open_api/oauth/token", { body: { grant_type: "client_credentials", client_id: "id", client_secret: SECRET } })
      .catch((e: unknown) => e);
    expect(posted).toBeInstanceOf(YeastarResponseError);
    expect(other.received).toEqual([]);
    expect(renderings(error) + renderings(posted)).not.toContain(SECRET);
  });
});

const TOKEN_PATH = "/dm/open_api/oauth/token";
const tokenRequests = () => api.received.filter((r) => isToken(r.path)).length;
const apiRequests = () => api.received.filter((r) => !isToken(r.path)).length;
const page = (list: unknown[]) => success({ total: list.length, pageSize: 50, pageNumber: 1, list });

describe("2. a malformed token is refused without being echoed or retried", () => {
  test("from the token endpoint: CR/LF in access_token", async () => {
    api.handle((req, res) => (isToken(req.url!) ? json(res, 200, tokenBody("SECRET-TOKEN\nx")) : json(res, 200, page([]))));
    const error = await ycm({ maxRetries: 2 }).GET(USERS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(YeastarResponseError);
    expect((error as Error).message).toMatch(/no usable token/);
    expect(renderings(error)).not.toContain("SECRET-TOKEN");
    expect(tokenRequests()).toBe(1);
    expect(apiRequests()).toBe(0);
  });

  test("from the accessToken option or function", async () => {
    expect(() => createYcmClient({ baseUrl: api.url, accessToken: "SECRET-TOKEN\r\nx" })).toThrow(YeastarInvalidRequestError);
    const created = (() => {
      try {
        createYcmClient({ baseUrl: api.url, accessToken: "SECRET-TOKEN\r\nx" });
      } catch (error) {
        return error;
      }
    })();
    expect(renderings(created)).not.toContain("SECRET-TOKEN");
    const error = await createYcmClient({ baseUrl: api.url, accessToken: async () => "SECRET-TOKEN\nx" }).GET(USERS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(YeastarInvalidRequestError);
    expect(renderings(error)).not.toContain("SECRET-TOKEN");
    expect(api.received).toEqual([]);
  });
});

describe("3. an unusable expires_in falls back to the documented lifetime", () => {
  test.each<[string, Record<string, unknown>]>([
    ["missing", {}],
    ["null", { expires_in: null }],
    ["zero", { expires_in: 0 }],
    ["negative", { expires_in: -5 }],
    ["a string", { expires_in: "1800" }],
  ])("expires_in %s: one grant for 10 calls, and a warning", async (_name, extra) => {
    api.handle((req, res) => (isToken(req.url!) ? json(res, 200, tokenBody("good-token", extra)) : json(res, 200, page([]))));
    const warnings: string[] = [];
    const client = ycm({ onWarning: (message: string) => warnings.push(message) });
    for (let i = 0; i < 10; i++) await client.GET(USERS);
    expect(tokenRequests()).toBe(1);
    expect(apiRequests()).toBe(10);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/expires_in .*; using the documented 1800 s/);
  });
});

describe("4. a response larger than maxResponseBytes is refused while it streams", () => {
  // 64 MiB of JSON that gzips to about 64 KB: a compression bomb in miniature.
  const inflated = `{"status":"Success","data":{"pad":"${"x".repeat(64 * 1024 * 1024)}"}}`;
  const bomb = gzipSync(inflated);

  test("a gzip body that inflates past the default limit (16 MiB)", async () => {
    api.handle((req, res) => {
      if (isToken(req.url!)) return json(res, 200, tokenBody());
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip", "content-length": bomb.length }).end(bomb);
    });
    const started = Date.now();
    const error = await ycm().GET(USERS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(YeastarResponseError);
    expect((error as Error).message).toMatch(/over maxResponseBytes \(16777216\)/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  test("a declared Content-Length over the limit is refused before the body is read", async () => {
    api.handle((req, res) => {
      if (isToken(req.url!)) return json(res, 200, tokenBody());
      // Promises 100 MB and sends the first bytes only: the client must not wait for the rest.
      res.writeHead(200, { "content-type": "application/json", "content-length": 100_000_000 }).write("{");
    });
    const error = await ycm().GET(USERS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(YeastarResponseError);
    expect((error as Error).message).toMatch(/of 100000000 bytes/);
  });

  test("a chunked body over a smaller maxResponseBytes", async () => {
    api.handle((req, res) => {
      if (isToken(req.url!)) return json(res, 200, tokenBody());
      res.writeHead(200, { "content-type": "application/json" });
      res.write(`{"status":"Success","data":"`);
      res.end(`${"y".repeat(5_000)}"}`);
    });
    const error = await ycm({ maxResponseBytes: 1_000 }).GET(USERS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(YeastarResponseError);
    const { data } = await ycm({ maxResponseBytes: 10_000 }).GET(USERS);
    expect(data.status).toBe("Success");
  });
});

describe("5. the signal and the timeout bound the wait for a token", () => {
  const slowToken = () =>
    api.handle((req, res) => {
      if (isToken(req.url!)) setTimeout(() => json(res, 200, tokenBody()), 5_000);
      else json(res, 200, page([]));
    });

  test("a 100 ms signal ends the call in about 100 ms, not 5 s", async () => {
    slowToken();
    const started = Date.now();
    const error = await ycm().GET(USERS, { signal: AbortSignal.timeout(100) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(YeastarAbortError);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  test("the call's timeoutMs bounds the token wait", async () => {
    slowToken();
    const started = Date.now();
    const error = await ycm().GET(USERS, { timeoutMs: 100 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(YeastarTimeoutError);
    expect((error as Error).message).toMatch(/timed out after 100 ms waiting for a token/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  test("an already-aborted call sends nothing, not even a token request", async () => {
    slowToken();
    const error = await ycm().GET(USERS, { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(YeastarAbortError);
    expect(api.received).toEqual([]);
  });

  test("a tokenStore.get() that never settles cannot hang the call, nor the calls after it", async () => {
    api.handle((req, res) => (isToken(req.url!) ? json(res, 200, tokenBody()) : json(res, 200, page([]))));
    const store = customTokenStore({ get: () => new Promise<undefined>(() => undefined), set: () => undefined });
    const client = ycm({ timeoutMs: 200, tokenStore: store });
    const started = Date.now();
    for (let i = 0; i < 2; i++) {
      const error = await client.GET(USERS).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(YeastarTimeoutError);
    }
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe("8. Long ids beyond 2^53", () => {
  test("are never rounded silently: a clear error naming the field", async () => {
    api.handle((req, res) =>
      isToken(req.url!) ? json(res, 200, tokenBody()) : json(res, 200, `{"status":"Success","data":{"total":1,"list":[{"userId":17896360390850257349,"mobile":"12345678901234567890"}]}}`),
    );
    const error = await ycm().GET(USERS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(YeastarResponseError);
    expect((error as Error).message).toContain("data.list[0].userId");
    expect((error as Error).message).toContain("MAX_SAFE_INTEGER");
  });

  test("16-digit strings and safe numbers pass untouched", async () => {
    api.handle((req, res) =>
      isToken(req.url!) ? json(res, 200, tokenBody()) : json(res, 200, `{"status":"Success","data":{"total":1,"list":[{"userId":9007199254740991,"mobile":"12345678901234567890"}]}}`),
    );
    const { data } = await ycm().GET(USERS);
    expect(data.data.list[0]!.userId).toBe(Number.MAX_SAFE_INTEGER);
  });

  test("such a user can be requested exactly, by a string of digits or a bigint", async () => {
    api.handle((req, res) => (isToken(req.url!) ? json(res, 200, tokenBody()) : json(res, 200, success({}))));
    await ycm().GET("/dm/open_api/v1/users/{userId}", { params: { path: { userId: "17896360390850257349" as never } } });
    await ycm().GET("/dm/open_api/v1/users/{userId}", { params: { path: { userId: 17896360390850257349n as never } } });
    expect(api.received.filter((r) => !isToken(r.path)).map((r) => r.path)).toEqual([
      "/dm/open_api/v1/users/17896360390850257349",
      "/dm/open_api/v1/users/17896360390850257349",
    ]);
  });
});

describe("10. a 200 body that is not the success object is an error", () => {
  test.each([
    ["empty", ""],
    ["null", "null"],
    ["an array", "[]"],
    ["a string", '"ok"'],
  ])("%s", async (_name, body) => {
    api.handle((req, res) => (isToken(req.url!) ? json(res, 200, tokenBody()) : json(res, 200, body)));
    const error = await ycm().GET(USERS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(YeastarResponseError);
    expect((error as Error).message).toMatch(/instead of the success object/);
  });
});

describe("11. every failure a user can cause is a YeastarError, its cause kept", () => {
  test("a tokenStore that throws", async () => {
    const cause = new Error("redis is down");
    const store = customTokenStore({ get: () => Promise.reject(cause), set: () => undefined });
    const error = await ycm({ tokenStore: store }).GET(USERS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(YeastarError);
    expect((error as Error).cause).toBe(cause);
    expect((error as Error).message).toMatch(/tokenStore\.get\(\) failed/);
  });

  test("a tokenStore that answers something that is not a sendable token: refused, never echoed", async () => {
    const stored = { accessToken: "STORED-SECRET\r\nInjected: 1", issuedAt: Date.now(), expiresAt: Date.now() + 3_600_000 };
    const fromGet = await ycm({ tokenStore: customTokenStore({ get: () => stored, set: () => undefined }) }).GET(USERS).catch((e: unknown) => e);
    expect(fromGet).toBeInstanceOf(YeastarInvalidRequestError);
    expect((fromGet as Error).message).toMatch(/tokenStore\.get\(\) returned no usable StoredToken/);
    // renew() must resolve with a token: nothing at all is refused too, not read as "no token".
    const store = customTokenStore({ get: () => undefined, set: () => undefined, renew: async () => undefined as never });
    const fromRenew = await ycm({ tokenStore: store }).GET(USERS).catch((e: unknown) => e);
    expect(fromRenew).toBeInstanceOf(YeastarInvalidRequestError);
    expect((fromRenew as Error).message).toMatch(/tokenStore\.renew\(\) returned no usable StoredToken/);
    for (const error of [fromGet, fromRenew]) expect(`${(error as Error).message} ${inspect(error)}`).not.toContain("STORED-SECRET");
  });

  test("CR/LF in params.header or headers: refused, the value not echoed, nothing sent", async () => {
    const client = createYcmClient({ baseUrl: api.url, accessToken: "t" });
    const viaHeaders = await client.GET(USERS, { headers: { "X-Secret": "SECRET-VALUE\r\nInjected: 1" } }).catch((e: unknown) => e);
    const viaParams = await client.GET(USERS, { params: { header: { "User-Agent": "SECRET-VALUE\nx" } } }).catch((e: unknown) => e);
    for (const error of [viaHeaders, viaParams]) {
      expect(error).toBeInstanceOf(YeastarInvalidRequestError);
      expect(renderings(error)).not.toContain("SECRET-VALUE");
    }
    expect(api.received).toEqual([]);
  });

  test("params: null and a null init are a call without parameters", async () => {
    api.handle((_req, res) => json(res, 200, page([])));
    const client = createYcmClient({ baseUrl: api.url, accessToken: "t" });
    await expect(client.GET(USERS, { params: null as never })).resolves.toMatchObject({ data: { status: "Success" } });
    await expect(client.GET(USERS, null as never)).resolves.toMatchObject({ data: { status: "Success" } });
    await expect(client.GET(USERS, { params: "x" as never })).rejects.toBeInstanceOf(YeastarInvalidRequestError);
  });

  test("a middleware that throws", async () => {
    const client = createYcmClient({ baseUrl: api.url, accessToken: "t" });
    const cause = new TypeError("boom");
    client.use({ onRequest: () => { throw cause; } });
    const error = await client.GET(USERS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(YeastarError);
    expect((error as Error).cause).toBe(cause);
  });
});

describe("13 and #16.7: errors read once, name host and operation, serialise for logs", () => {
  test("Workplace: detail is the body's detailMsg", async () => {
    api.handle((_req, res) => json(res, 401, { status: "Failed", requestId: "wp-req", errMsg: "INVALID_CLIENT", detailMsg: "client secret is wrong" }));
    const error = (await createWorkplaceClient({ baseUrl: api.url, clientId: "id", clientSecret: SECRET, maxRetries: 0 })
      .GET("/services/openapi/v1.0/user/user_list")
      .catch((e: unknown) => e)) as YeastarApiError;
    expect(error).toBeInstanceOf(YeastarApiError);
    expect(error.detail).toBe("client secret is wrong");
    expect(error.code).toBe("INVALID_CLIENT");
    expect(error.message).toBe(
      `Workplace API error on POST /services/openapi/v1.0/authentication/get_token (${api.host}): HTTP 401 INVALID_CLIENT - client secret is wrong (requestId wp-req)`,
    );
  });

  test("YCM: the code name once, and JSON for log pipelines without secrets", async () => {
    api.handle((_req, res) => json(res, 401, { status: "Failed", requestId: "ycm-req", errcode: 1000033, errmsg: "INVALID_CLIENT" }));
    const error = (await ycm().GET(USERS, { params: { query: { pageSize: 5 } } }).catch((e: unknown) => e)) as YeastarApiError;
    expect(error.message).toBe(`YCM API error on POST ${TOKEN_PATH} (${api.host}): HTTP 401 1000033 INVALID_CLIENT (requestId ycm-req)`);
    const logged = JSON.parse(JSON.stringify(error));
    expect(logged).toEqual({
      name: "YeastarApiError",
      message: error.message,
      api: "YCM",
      status: 401,
      code: 1000033,
      codeName: "INVALID_CLIENT",
      requestId: "ycm-req",
      operation: `POST ${TOKEN_PATH}`,
      method: "POST",
      url: `${api.url}${TOKEN_PATH}`,
    });
    expect(renderings(error)).not.toContain(SECRET);
  });

  test("an API call's JSON names the spec's operation and leaves the query and the token out", async () => {
    api.handle((_req, res) => json(res, 404, { status: "Failed", errcode: 1000004, errmsg: "not found" }));
    const client = createYcmClient({ baseUrl: api.url, accessToken: "secret-access-token", maxRetries: 0 });
    const error = await client.GET("/dm/open_api/v1/users/{userId}", { params: { path: { userId: 7 } } }).catch((e: unknown) => e);
    const logged = JSON.parse(JSON.stringify(error));
    expect(logged).toMatchObject({ operation: "GET /dm/open_api/v1/users/{userId}", url: `${api.url}/dm/open_api/v1/users/7`, status: 404 });
    expect(renderings(error)).not.toContain("secret-access-token");
  });

  test("a connection error names the host it failed to reach", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const error = await createYcmClient({ baseUrl: `http://127.0.0.1:${port}`, accessToken: "t", maxRetries: 0 }).GET(USERS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(YeastarConnectionError);
    expect((error as Error).message).toBe(`YCM GET ${USERS} (127.0.0.1:${port}) failed: fetch failed (ECONNREFUSED)`);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ name: "YeastarConnectionError", url: `http://127.0.0.1:${port}${USERS}`, cause: { message: "fetch failed" } });
  });
});
