// Every endpoint of both specs, performed by the client over real HTTP against the local
// Yeastar-like server, returning typed data.
import { describe, expect, test } from "vitest";
import { createYcmClient } from "../src/index.js";
import { useMock } from "./mock.js";

const mock = useMock();

describe("YCM", () => {
  test("GET /dm/open_api/v2/users pages and sorts", async () => {
    const ycm = mock.ycm();
    const { data } = await ycm.GET("/dm/open_api/v2/users", { params: { query: { pageSize: 5, pageNumber: 2, sort: "-userId" } } });
    expect(data.status).toBe("Success");
    expect(data.data.pageSize).toBe(5);
    expect(data.data.pageNumber).toBe(2);
    expect(data.data.total).toBe(137);
    const ids = mock.server.dataset.collections.YcmUser!.map((u) => u.userId).sort((a, b) => b - a);
    expect(data.data.list.map((u) => u.userId)).toEqual(ids.slice(5, 10));
    expect(typeof data.time).toBe("number");
  });

  test("GET /dm/open_api/v1/users/{userId} returns one user", async () => {
    const ycm = mock.ycm();
    const expected = mock.server.dataset.collections.YcmUser![3]!;
    const { data } = await ycm.GET("/dm/open_api/v1/users/{userId}", { params: { path: { userId: expected.userId } } });
    expect(data.data.userId).toBe(expected.userId);
    expect(expected).toMatchObject(data.data);
  });

  test("GET /dm/open_api/v1/user_info/subordinates searches", async () => {
    const ycm = mock.ycm();
    const target = mock.server.dataset.collections.YcmSubordinate!.find((s) => s.userName)!;
    const { data } = await ycm.GET("/dm/open_api/v1/user_info/subordinates", { params: { query: { query: target.userName!.slice(0, 4) } } });
    expect(data.data.list.map((s) => s.userId)).toContain(target.userId);
  });

  test("POST /dm/open_api/oauth/token (both grants) and DELETE .../refresh_token, form-encoded", async () => {
    const ycm = mock.ycm({ accessToken: "unused" });
    const { clientId, clientSecret } = mock.server.credentials.ycm;
    const granted = await ycm.POST("/dm/open_api/oauth/token", {
      body: { grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret },
    });
    expect(granted.data.token_type).toBe("bearer");
    expect(granted.data.expires_in).toBeGreaterThan(0);
    const refreshed = await ycm.POST("/dm/open_api/oauth/token", {
      body: { grant_type: "refresh_token", refresh_token: granted.data.refresh_token },
    });
    expect(refreshed.data.access_token).not.toBe(granted.data.access_token);
    const revoked = await ycm.DELETE("/dm/open_api/oauth/token/refresh_token", {
      body: { client_id: clientId, client_secret: clientSecret },
    });
    expect(revoked.data.client_id).toBe(clientId);
    expect(typeof revoked.data.effect_time).toBe("number");
  });

  test("a token the caller manages: a string, or a function returning one", async () => {
    const { clientId, clientSecret } = mock.server.credentials.ycm;
    const { data: token } = await mock.ycm({ accessToken: "x" }).POST("/dm/open_api/oauth/token", {
      body: { grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret },
    });
    const fixed = createYcmClient({ baseUrl: mock.server.url, accessToken: token.access_token });
    expect((await fixed.GET("/dm/open_api/v2/users")).data.data.total).toBe(137);
    const viaFunction = createYcmClient({ baseUrl: mock.server.url, accessToken: async () => token.access_token });
    expect((await viaFunction.GET("/dm/open_api/v2/users")).data.data.total).toBe(137);
  });

  test("sends the User-Agent YCM requires, ours or the caller's", async () => {
    const seen: string[] = [];
    const ycm = mock.ycm({
      userAgent: "my-integration/1.0",
      fetch: (request) => {
        seen.push(request.headers.get("user-agent") ?? "");
        return fetch(request);
      },
    });
    await ycm.GET("/dm/open_api/v2/users");
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen)).toEqual(new Set(["my-integration/1.0"]));
  });
});

describe("Workplace", () => {
  test("GET /services/openapi/v1.0/user/user_list pages and searches", async () => {
    const workplace = mock.workplace();
    const { data } = await workplace.GET("/services/openapi/v1.0/user/user_list", { params: { query: { pageSize: 7, pageNo: 1 } } });
    expect(data.status).toBe("Success");
    expect(data.data.total).toBe(61);
    expect(data.data.list.map((u) => u.userId)).toEqual(mock.server.dataset.collections.WorkplaceUser!.slice(0, 7).map((u) => u.userId));
    const email = mock.server.dataset.collections.WorkplaceUser!.find((u, i) => i >= 10 && u.email)!.email!;
    const search = await workplace.GET("/services/openapi/v1.0/user/user_list", { params: { query: { query: email } } });
    expect(search.data.data.list.map((u) => u.email)).toContain(email);
  });

  test("POST get_token and refresh_token, form-encoded", async () => {
    const workplace = mock.workplace({ accessToken: "unused" });
    const { clientId, clientSecret } = mock.server.credentials.workplace;
    const got = await workplace.POST("/services/openapi/v1.0/authentication/get_token", {
      body: { client_id: clientId, client_secret: clientSecret },
    });
    expect(got.data.expires_in).toBeGreaterThan(0);
    const refreshed = await workplace.POST("/services/openapi/v1.0/authentication/refresh_token", {
      body: { client_id: clientId, client_secret: clientSecret, refresh_token: got.data.refresh_token },
    });
    expect(refreshed.data.access_token).not.toBe(got.data.access_token);
  });
});

describe("openapi-fetch middleware", () => {
  test("use() sees each call's request and a readable response (never the token grant), and the call still returns typed data", async () => {
    const ycm = mock.ycm();
    const seen: { path: string; total?: number }[] = [];
    ycm.use({
      onRequest: ({ request }) => {
        request.headers.set("X-Trace", "t-1");
        return request;
      },
      onResponse: async ({ request, response }) => {
        const body = (await response.clone().json()) as { data?: { total?: number } };
        seen.push({ path: new URL(request.url).pathname, total: body.data?.total });
      },
    });
    const { data } = await ycm.GET("/dm/open_api/v2/users", { params: { query: { pageSize: 3 } } });
    expect(data.data.list).toHaveLength(3);
    expect(seen).toEqual([{ path: "/dm/open_api/v2/users", total: 137 }]);
  });
});
