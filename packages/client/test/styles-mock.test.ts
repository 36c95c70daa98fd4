// The spec's serialisation against the mock, which validates every request against the spec:
// comma-separated lists (it refuses them repeated) and the pass-through (it routes the wildcard
// only with its slashes as slashes), through the client's typed calls and its pbxApi helper.
import { expect, test } from "vitest";
import { YeastarApiError } from "../src/index.js";
import { useMock } from "./mock.js";

const mock = useMock();

test.each(["direct", "openapi-fetch"] as const)("comma-separated lists are accepted by the spec-validating mock (%s path)", async (path) => {
  const ycm = mock.ycm();
  if (path === "openapi-fetch") ycm.use({ onRequest: () => undefined });
  const domains = await ycm.GET("/dm/open_api/v1/cluster/domains", { params: { query: { regionIds: [3, 4] } } });
  expect(domains.response.status).toBe(200);
  const firmware = await ycm.GET("/dm/open_api/v1/firmware", { params: { query: { type: "pbx", regionIds: [3, 4] } } });
  expect(firmware.response.status).toBe(200);
  const userId = mock.server.dataset.collections.YcmUser![0]!.userId;
  const dids = await ycm.GET("/dm/open_api/v1/trunk_acl/dids", { params: { query: { userId, trunkIds: [5111, 5096] } } });
  expect(dids.response.status).toBe(200);
});

test("the mock refuses a comma-separated list sent as repeated parameters", async () => {
  // What the client sent before it read `explode: false` from the spec: proves the test above can fail.
  const ycm = mock.ycm();
  const error = await ycm
    .GET("/dm/open_api/v1/cluster/domains", { params: { query: { regionIds: [3, 4] } }, querySerializer: () => "regionIds=3&regionIds=4" })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(YeastarApiError);
  expect((error as YeastarApiError).status).toBe(400);
});

test.each(["direct", "openapi-fetch"] as const)("the pbxApi helper reaches the pass-through of the mock (%s path)", async (path) => {
  const ycm = mock.ycm();
  if (path === "openapi-fetch") ycm.use({ onRequest: () => undefined });
  const get = await ycm.pbxApi.get("3658B4311196XXXX", "openapi/v1.0/extension/getpassword", { query: { id: 2, type: "reg_password" } });
  expect(get.data.errcode).toBe(0);
  expect(typeof get.data.requestId).toBe("string");
  const post = await ycm.pbxApi.post("3658B4311196XXXX", "openapi/v1.0/organization/update", { id: 2, name: "Sales", parent_id: 1 });
  expect(post.data.errcode).toBe(0);
});

test("the mock does not route a PBX API path whose slashes were percent-encoded", async () => {
  // openapi-fetch's default path serialiser would send `openapi%2Fv1.0%2F...`.
  const ycm = mock.ycm();
  const error = await ycm
    .GET("/dm/open_api/v1/cloud_pbx/{sn}/{pbxApiPath}", {
      params: { path: { sn: "3658B4311196XXXX", pbxApiPath: "openapi/v1.0/extension/list" } },
      pathSerializer: (template: string, values: Record<string, unknown>) =>
        template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(values[name]))),
    })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(YeastarApiError);
  expect((error as YeastarApiError).status).toBe(404);
});
