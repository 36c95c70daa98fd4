// Bad options and parameters are refused before any request is sent, with a message that
// names the problem and never repeats a secret.
import { describe, expect, test } from "vitest";
import { createWorkplaceClient, createYcmClient, YeastarInvalidRequestError, type YeastarClientOptions } from "../src/index.js";

const SECRET = "s3cr3t-client-secret-value";
const TOKEN = "eyJ-secret-access-token";

// A fetch that fails the test if the client sends anything.
const noNetwork = async () => {
  throw new Error("a request was sent");
};

function refused(options: unknown): YeastarInvalidRequestError {
  try {
    createYcmClient(options as YeastarClientOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(YeastarInvalidRequestError);
    const message = String((error as Error).message);
    expect(message).not.toContain(SECRET);
    expect(message).not.toContain(TOKEN);
    return error as YeastarInvalidRequestError;
  }
  throw new Error("expected the options to be refused");
}

describe("client options", () => {
  test("no options, or neither a token nor credentials", () => {
    expect(refused(undefined).message).toMatch(/options are required/);
    expect(refused({}).message).toMatch(/no credentials: pass accessToken, or clientId and clientSecret/);
  });

  test("half of the client credentials", () => {
    expect(refused({ clientId: "id" }).message).toMatch(/clientSecret is missing/);
    expect(refused({ clientSecret: SECRET }).message).toMatch(/clientId is missing/);
    expect(refused({ clientId: "", clientSecret: SECRET }).message).toMatch(/clientId is missing or empty/);
  });

  test("both a token and credentials, or an empty token", () => {
    expect(refused({ accessToken: TOKEN, clientId: "id", clientSecret: SECRET }).message).toMatch(/not both/);
    expect(refused({ accessToken: "" }).message).toMatch(/accessToken must be a non-empty string/);
  });

  test.each([
    ["ftp://ycm.example.com", "ftp:"],
    ["ycm.yeastar.com", "no scheme"],
    ["/relative/path", "no scheme"],
    ["javascript:alert(1)", "javascript:"],
  ])("baseUrl %s is not an http(s) URL", (baseUrl, shown) => {
    const error = refused({ accessToken: TOKEN, baseUrl });
    expect(error.message).toContain("baseUrl must be an absolute http:// or https:// URL");
    expect(error.message).toContain(`got ${shown}`);
  });

  test("a baseUrl with credentials in it is refused without echoing them", () => {
    const error = refused({ accessToken: TOKEN, baseUrl: `https://user:${SECRET}@ycm.example.com` });
    expect(error.message).toMatch(/must not contain a user name or password/);
  });

  test("an unknown option is named, with the known ones", () => {
    const error = refused({ accessToken: TOKEN, baseURL: "https://x" });
    expect(error.message).toContain('unknown option "baseURL"');
    expect(error.message).toContain("baseUrl");
  });

  test("a token store or plug-in that the package's entries did not make", () => {
    // A bare { get, set } (what the option took before the stores became plug-ins) is named.
    const bare = { get: () => undefined, set: () => undefined };
    expect(refused({ clientId: "id", clientSecret: SECRET, tokenStore: bare }).message).toMatch(/tokenStore must be made by customTokenStore\(\), fileTokenStore\(\) or redisTokenStore\(\)/);
    expect(refused({ accessToken: TOKEN, hooks: { request() {} } }).message).toMatch(/hooks must be a function/);
    expect(refused({ accessToken: TOKEN, int64: "bigint" }).message).toMatch(/int64 must be "error", int64AsString or int64AsBigInt/);
    expect(createYcmClient({ accessToken: TOKEN, int64: "error", fetch: noNetwork })).toBeDefined();
  });

  test("numbers out of range", () => {
    expect(refused({ accessToken: TOKEN, maxRetries: -1 }).message).toMatch(/maxRetries must be a whole number >= 0, got -1/);
    expect(refused({ accessToken: TOKEN, timeoutMs: 0 }).message).toMatch(/timeoutMs must be a positive number/);
  });

  // Issue 9 item 9: each of these was accepted and broke every later call.
  test("timeoutMs beyond what a timer can hold (it would fire after 1 ms)", () => {
    expect(refused({ accessToken: TOKEN, timeoutMs: 2 ** 31 }).message).toMatch(/timeoutMs must be a positive number up to 2147483647, got 2147483648/);
    expect(refused({ accessToken: TOKEN, timeoutMs: Infinity }).message).toMatch(/timeoutMs/);
  });

  test.each([
    [{ baseDelayMs: -100 }, /retry.baseDelayMs must be a number from 0/],
    [{ baseDelayMs: Number.NaN }, /retry.baseDelayMs .* got NaN/],
    [{ baseDelayMs: "500" }, /retry.baseDelayMs .* got "500"/],
    [{ maxRetryAfterMs: -1 }, /retry.maxRetryAfterMs/],
    [{ maxDelayMs: 2 ** 31 }, /retry.maxDelayMs/],
    [{ baseDelay: 5 }, /unknown retry option "baseDelay"/],
    ["fast", /retry must be an object/],
  ])("retry %o", (retry, message) => {
    expect(refused({ accessToken: TOKEN, retry }).message).toMatch(message);
  });

  test.each(["agent\r\nX-Injected: 1", "agent\n", "agent \u2603"])("userAgent %j", (userAgent) => {
    expect(refused({ accessToken: TOKEN, userAgent }).message).toMatch(/userAgent has characters a header cannot carry/);
  });

  test.each(["https://ycm.example.com/?x=1", "https://ycm.example.com/#top", "https://ycm.example.com/api?"])("baseUrl %s with a query or fragment", (baseUrl) => {
    expect(refused({ accessToken: TOKEN, baseUrl }).message).toMatch(/baseUrl must not contain a query \(\?\) or fragment \(#\)/);
  });

  test.each([0, -1, 1.5, "1000"])("maxResponseBytes %j", (maxResponseBytes) => {
    expect(refused({ accessToken: TOKEN, maxResponseBytes }).message).toMatch(/maxResponseBytes must be a whole number >= 1/);
  });

  test("a per-call timeoutMs beyond a timer's range", async () => {
    const ycm = createYcmClient({ accessToken: TOKEN, fetch: noNetwork });
    await expect(ycm.GET("/dm/open_api/v2/users", { timeoutMs: 2 ** 31 })).rejects.toThrow(/timeoutMs must be a positive number/);
  });

  test("defaults: the vendor hosts from the spec", async () => {
    const urls: string[] = [];
    const capture = async (request: Request) => {
      urls.push(request.url);
      return Response.json({ data: { pageSize: 10, pageNumber: 1, total: 0, list: [] }, requestId: "r", status: "Success", time: 1 });
    };
    await createYcmClient({ accessToken: TOKEN, fetch: capture }).GET("/dm/open_api/v2/users");
    await createWorkplaceClient({ accessToken: TOKEN, fetch: capture }).GET("/services/openapi/v1.0/user/user_list");
    expect(urls).toEqual(["https://ycm.yeastar.com/dm/open_api/v2/users", "https://workplace.yeastar.com/services/openapi/v1.0/user/user_list"]);
  });
});

describe("parameters are checked against the spec's limits before sending", () => {
  const ycm = createYcmClient({ accessToken: TOKEN, fetch: noNetwork, maxRetries: 0 });
  const call = (query: Record<string, unknown>) => ycm.GET("/dm/open_api/v2/users", { params: { query } } as never);

  test.each([0, 51, 2.5, "10"])("YCM pageSize %s is refused", async (pageSize) => {
    await expect(call({ pageSize })).rejects.toThrow(/query parameter "pageSize" must be/);
  });

  test("pageSize 50 (the spec's maximum) and 1 pass the check", async () => {
    await expect(call({ pageSize: 50 })).rejects.toThrow(/a request was sent/);
    await expect(call({ pageSize: 1 })).rejects.toThrow(/a request was sent/);
  });

  test.each([-1, 1.5, "12", Number.NaN])("userId %s is refused", async (userId) => {
    const request = ycm.GET("/dm/open_api/v1/users/{userId}", { params: { path: { userId } } } as never);
    await expect(request).rejects.toThrow(/path parameter "userId" must be/);
  });

  test("an unknown query parameter is named", async () => {
    await expect(call({ page: 2 })).rejects.toThrow('unknown query parameter "page" (known: pageSize, pageNumber, sort)');
  });

  test("a path the spec does not have", async () => {
    await expect(ycm.GET("/dm/open_api/v9/users" as never)).rejects.toThrow(/the spec has no operation GET \/dm\/open_api\/v9\/users/);
    // Names every object has must not pass for paths of the spec.
    for (const name of ["toString", "constructor", "__proto__"]) {
      await expect(ycm.GET(name as never)).rejects.toThrow(`the spec has no operation GET ${name}`);
    }
  });

  test("per-call retries and timeouts are checked too", async () => {
    await expect(ycm.GET("/dm/open_api/v2/users", { maxRetries: 1.5 })).rejects.toThrow(/maxRetries must be a whole number/);
    await expect(ycm.GET("/dm/open_api/v2/users", { timeoutMs: -5 })).rejects.toThrow(/timeoutMs must be a positive number/);
  });
});
