// The token lifecycle with client credentials, against the mock's real token endpoints.
import { afterEach, describe, expect, test, vi } from "vitest";
import { createYcmClient, YeastarApiError, type StoredToken, type TokenStore } from "../src/index.js";
import { customTokenStore } from "../src/token-store.js";
import { useMock } from "./mock.js";

/** A fetch that records which grant each token request used. */
function grantRecorder() {
  const grants: string[] = [];
  const fetchWithLog = async (request: Request) => {
    if (/\/(oauth\/token|authentication\/(get_token|refresh_token))$/.test(new URL(request.url).pathname)) {
      const body = new URLSearchParams(await request.clone().text());
      grants.push(body.get("grant_type") ?? new URL(request.url).pathname.split("/").pop()!);
    }
    return fetch(request);
  };
  return { grants, fetch: fetchWithLog };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("one token for many calls", () => {
  const mock = useMock();

  test("50 calls started at once cost exactly one token request", async () => {
    mock.server.stats.reset();
    const ycm = mock.ycm();
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => ycm.GET("/dm/open_api/v1/users/{userId}", {
      params: { path: { userId: mock.server.dataset.collections.YcmUser![i % 10]!.userId } },
    })));
    expect(results.every((r) => r.data.status === "Success")).toBe(true);
    expect(mock.server.stats.requests.requestYcmToken).toBe(1);
    expect(mock.server.stats.requests.getYcmUser).toBe(50);
  });

  test("the same holds on Workplace", async () => {
    mock.server.stats.reset();
    const workplace = mock.workplace();
    await Promise.all(Array.from({ length: 50 }, () => workplace.GET("/services/openapi/v1.0/user/user_list")));
    expect(mock.server.stats.requests.getWorkplaceToken).toBe(1);
  });

  test("a token store shares one token between clients", async () => {
    mock.server.stats.reset();
    let saved: StoredToken | undefined;
    const store = customTokenStore({ get: () => saved, set: (token) => void (saved = token) } satisfies TokenStore);
    await mock.ycm({ tokenStore: store }).GET("/dm/open_api/v2/users");
    await mock.ycm({ tokenStore: store }).GET("/dm/open_api/v2/users");
    expect(saved?.accessToken).toEqual(expect.any(String));
    expect(mock.server.stats.requests.requestYcmToken).toBe(1);
  });

  test("a refused fixed token becomes a typed error, with no retry loop", async () => {
    mock.server.stats.reset();
    const ycm = createYcmClient({ baseUrl: mock.server.url, accessToken: "not-a-token" });
    const error = await ycm.GET("/dm/open_api/v2/users").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(YeastarApiError);
    expect(error).toMatchObject({ status: 401, code: 1000036, codeName: "INVALID_TOKEN" });
    expect(mock.server.stats.requests.listYcmUsers).toBe(1);
  });
});

describe("expiry", () => {
  // Tokens live 1.1 s on the server, which announces expires_in = 2 (it rounds up): from 1.1 s
  // to 1.8 s (where the client's own refresh would start) the client still believes in a token
  // the server has expired. The second call is placed in that window.
  const mock = useMock({ accessTokenTtlMs: 1_100 });
  const intoTheWindow = (issued: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, issued + 1_400 - Date.now())));

  test("an expired token is refreshed once and the call succeeds", async () => {
    const log = grantRecorder();
    const ycm = mock.ycm({ fetch: log.fetch });
    const issued = Date.now();
    await ycm.GET("/dm/open_api/v2/users");
    mock.server.stats.reset();
    await intoTheWindow(issued);
    const { data } = await ycm.GET("/dm/open_api/v2/users");
    expect(data.data.total).toBe(137);
    expect(log.grants).toEqual(["client_credentials", "refresh_token"]);
    // The refused call, then its replay with the new token.
    expect(mock.server.stats.requests.listYcmUsers).toBe(2);
  });

  test("the same on Workplace (HTTP 401)", async () => {
    const log = grantRecorder();
    const workplace = mock.workplace({ fetch: log.fetch });
    const issued = Date.now();
    await workplace.GET("/services/openapi/v1.0/user/user_list");
    await intoTheWindow(issued);
    await workplace.GET("/services/openapi/v1.0/user/user_list");
    expect(log.grants).toEqual(["get_token", "refresh_token"]);
  });
});

describe("proactive refresh and dead refresh tokens", () => {
  const mock = useMock({ accessTokenTtlMs: 60_000, refreshTokenTtlMs: { workplace: 1 } });

  test("a token close to expiry is refreshed before the call, which then succeeds first time", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const log = grantRecorder();
    const ycm = mock.ycm({ fetch: log.fetch });
    await ycm.GET("/dm/open_api/v2/users");
    mock.server.stats.reset();
    // 95% of the 60 s lifetime: inside the client's refresh window, still valid on the server.
    vi.setSystemTime(Date.now() + 57_000);
    await ycm.GET("/dm/open_api/v2/users");
    expect(log.grants).toEqual(["client_credentials", "refresh_token"]);
    expect(mock.server.stats.requests.listYcmUsers).toBe(1);
  });

  test("a dead refresh token falls back to a new client-credentials grant", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const log = grantRecorder();
    const workplace = mock.workplace({ fetch: log.fetch });
    await workplace.GET("/services/openapi/v1.0/user/user_list");
    vi.setSystemTime(Date.now() + 59_000);
    const { data } = await workplace.GET("/services/openapi/v1.0/user/user_list");
    expect(data.status).toBe("Success");
    expect(log.grants).toEqual(["get_token", "refresh_token", "get_token"]);
  });
});
