// Parameters serialised as the spec says where it differs from openapi-fetch's defaults (YCM's
// comma-separated lists, the pass-through's forwarded query object and wildcard path), on both
// call paths (direct, and through openapi-fetch once middleware is registered), as a recording
// HTTP server on 127.0.0.1 receives them; and the pass-through helper.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createYcmClient, YeastarInvalidRequestError, type YcmClient } from "../src/index.js";

interface Received {
  method: string;
  url: string;
  body: string;
}

let server: Server;
let baseUrl: string;
const received: Received[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      received.push({ method: request.method!, url: request.url!, body });
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify({ status: "Success", errcode: 0, errmsg: "SUCCESS", requestId: "r-1", data: { list: [], total: 0 } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** A client that takes the direct path, or one that goes through openapi-fetch. */
function client(path: "direct" | "openapi-fetch"): YcmClient {
  const ycm = createYcmClient({ baseUrl, accessToken: "token", maxRetries: 0 });
  // A middleware that changes nothing: its presence alone sends calls through openapi-fetch.
  if (path === "openapi-fetch") ycm.use({ onRequest: () => undefined });
  return ycm;
}

async function sent(call: () => Promise<unknown>): Promise<Received> {
  const before = received.length;
  await call();
  expect(received.length, "one request per call").toBe(before + 1);
  return received.at(-1)!;
}

describe.each(["direct", "openapi-fetch"] as const)("on the %s path", (path) => {
  let ycm: YcmClient;
  beforeAll(() => {
    ycm = client(path);
  });

  test("comma-separated lists go out as one parameter (style form, explode false)", async () => {
    const domains = await sent(() => ycm.GET("/dm/open_api/v1/cluster/domains", { params: { query: { regionIds: [3, 4] } } }));
    expect(domains.url).toBe("/dm/open_api/v1/cluster/domains?regionIds=3,4");
    const firmware = await sent(() => ycm.GET("/dm/open_api/v1/firmware", { params: { query: { type: "pbx", regionIds: [16, 17] } } }));
    expect(firmware.url).toBe("/dm/open_api/v1/firmware?type=pbx&regionIds=16,17");
    const acl = await sent(() => ycm.GET("/dm/open_api/v1/trunk_acl/dids", { params: { query: { userId: 7, trunkIds: [5111, 5096] } } }));
    expect(acl.url).toBe("/dm/open_api/v1/trunk_acl/dids?userId=7&trunkIds=5111,5096");
    // Each item is encoded on its own: a comma inside an item cannot split it.
    const text = await sent(() => ycm.GET("/dm/open_api/v1/cluster/domains", { params: { query: { regionIds: ["3,4" as never, 5] } } }));
    expect(text.url).toBe("/dm/open_api/v1/cluster/domains?regionIds=3%2C4,5");
  });

  test("the pass-through's query object goes out as its own parameters (style form, exploded)", async () => {
    const call = await sent(() =>
      ycm.GET("/dm/open_api/v1/cloud_pbx/{sn}/{pbxApiPath}", {
        params: { path: { sn: "3658B4311196XXXX", pbxApiPath: "openapi/v1.0/extension/getpassword" }, query: { pbxApiQuery: { id: 2, type: "reg_password" } } },
      }),
    );
    expect(call.url).toBe("/dm/open_api/v1/cloud_pbx/3658B4311196XXXX/openapi/v1.0/extension/getpassword?id=2&type=reg_password");
  });

  test("the helper sends the PBX API path with its slashes, the query and the body", async () => {
    const get = await sent(() => ycm.pbxApi.get("3658B4311196XXXX", "openapi/v1.0/extension/list", { query: { page: 1, search: "a b&c" } }));
    expect(get).toEqual({ method: "GET", url: "/dm/open_api/v1/cloud_pbx/3658B4311196XXXX/openapi/v1.0/extension/list?page=1&search=a%20b%26c", body: "" });
    const post = await sent(() => ycm.pbxApi.post("3658B4311196XXXX", "openapi/v1.0/organization/update", { id: 2, name: "Sales", parent_id: 1 }));
    expect(post).toEqual({
      method: "POST",
      url: "/dm/open_api/v1/cloud_pbx/3658B4311196XXXX/openapi/v1.0/organization/update",
      body: JSON.stringify({ id: 2, name: "Sales", parent_id: 1 }),
    });
    // Each segment is encoded as any path value is; characters RFC 3986 allows stay readable.
    const odd = await sent(() => ycm.pbxApi.get("SN 1", "openapi/v1.0/a:b@c/x,y"));
    expect(odd.url).toBe("/dm/open_api/v1/cloud_pbx/SN%201/openapi/v1.0/a%3Ab%40c/x%2Cy");
  });

  test.each([
    "../../v2/users",
    "openapi/v1.0/../../../oauth/token",
    "openapi/./v1.0/x",
    "/openapi/v1.0/x",
    "openapi/v1.0/x/",
    "openapi//v1.0/x",
    "openapi/v1.0/x?id=2",
    "openapi/v1.0/x#frag",
    "openapi/%2e%2e/x",
    "openapi\\..\\x",
    "openapi/v1.0/{sn}",
    "openapi/v1.0/x y",
  ])("a PBX API path %j is refused before sending", async (pbxPath) => {
    const before = received.length;
    const error = await ycm.pbxApi.get("3658B4311196XXXX", pbxPath).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(YeastarInvalidRequestError);
    expect((error as Error).message).toBe(
      `YCM GET /dm/open_api/v1/cloud_pbx/{sn}/{pbxApiPath}: path parameter "pbxApiPath" must be a path of segments joined by "/" ` +
        `(no empty, "." or ".." segment, "?", "#", "%" or "\\"), got ${JSON.stringify(pbxPath)}`,
    );
    await expect(ycm.pbxApi.post("3658B4311196XXXX", pbxPath, {})).rejects.toThrow(YeastarInvalidRequestError);
    expect(received.length, "nothing sent").toBe(before);
  });
});

test("operations without styled parameters are sent as before", async () => {
  // A guard that the per-operation serialiser does not leak to other operations.
  const ycm = createYcmClient({ baseUrl, accessToken: "token", maxRetries: 0 });
  const users = await sent(() => ycm.GET("/dm/open_api/v2/users", { params: { query: { pageSize: 5, sort: "-userId" } } }));
  expect(users.url).toBe("/dm/open_api/v2/users?pageSize=5&sort=-userId");
});

test("a caller's own querySerializer and pathSerializer still win", async () => {
  const ycm = createYcmClient({ baseUrl, accessToken: "token", maxRetries: 0 });
  const call = await sent(() =>
    ycm.GET("/dm/open_api/v1/cluster/domains", { params: { query: { regionIds: [3, 4] } }, querySerializer: () => "mine=1" }),
  );
  expect(call.url).toBe("/dm/open_api/v1/cluster/domains?mine=1");
});

test("the browser build, which derives most operations from rules by name, sends them alike", async () => {
  // @ts-expect-error: the built bundle has no declarations of its own (it is src/index.ts)
  const browser = (await import("../dist/browser.js")) as typeof import("../src/index.js");
  const ycm = browser.createYcmClient({ baseUrl, accessToken: "token", maxRetries: 0 });
  expect((await sent(() => ycm.GET("/dm/open_api/v1/cluster/domains", { params: { query: { regionIds: [3, 4] } } }))).url).toBe(
    "/dm/open_api/v1/cluster/domains?regionIds=3,4",
  );
  expect((await sent(() => ycm.pbxApi.get("SN", "openapi/v1.0/extension/getpassword", { query: { id: 2 } }))).url).toBe(
    "/dm/open_api/v1/cloud_pbx/SN/openapi/v1.0/extension/getpassword?id=2",
  );
  expect((await sent(() => ycm.GET("/dm/open_api/v2/users", { params: { query: { pageSize: 5, sort: "-userId" } } }))).url).toBe(
    "/dm/open_api/v2/users?pageSize=5&sort=-userId",
  );
  await expect(ycm.pbxApi.get("SN", "openapi/../x")).rejects.toThrow(browser.YeastarInvalidRequestError);
});
