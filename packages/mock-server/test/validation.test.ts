import { describe, expect, it } from "vitest";
import { loadSpec, type SpecModel } from "@yeastar-openapi/spec-model";
import { createDataset, type Dataset, type Item, type MockLogEvent } from "../src/index.js";
import { SpecValidator, type RequestData } from "../src/validate.js";
import { formPost, rawRequest, start, UA, workplaceGet, ycmGet, ycmToken } from "./helpers.js";

const USERS = "/dm/open_api/v2/users";
const TOKEN = "/dm/open_api/oauth/token";
const WP_USERS = "/services/openapi/v1.0/user/user_list";

const bundled = (): { ycm: SpecModel; workplace: SpecModel } => ({ ycm: loadSpec("ycm"), workplace: loadSpec("workplace") });

/** A copy of the dataset with one collection's records changed. */
function altered(dataset: Dataset, name: string, change: (item: Item, index: number) => Item): Dataset {
  return { ...dataset, collections: { ...dataset.collections, [name]: dataset.collections[name]!.map(change) } };
}

function requestData(query: string, extra: Partial<RequestData> = {}): RequestData {
  return {
    pathParams: {},
    query: new URLSearchParams(query),
    headers: { "user-agent": "OpenAPI" },
    contentType: undefined,
    form: undefined,
    bodyLength: 0,
    ...extra,
  };
}

describe("request validation against the spec", () => {
  it("names the missing or wrong form field of the YCM token request", async () => {
    const server = await start();
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ grant_type: "client_credentials", client_id: "mock-ycm-client" }, /client_secret is required/],
      [{ grant_type: "refresh_token" }, /refresh_token is required/],
      [{ grant_type: "password" }, /grant_type must be one of: client_credentials, refresh_token/],
      [{}, /grant_type is required/],
    ];
    for (const [fields, message] of cases) {
      const res = await fetch(`${server.url}${TOKEN}`, formPost(fields));
      expect(res.status, JSON.stringify(fields)).toBe(400);
      const body = await res.json();
      expect(body.errcode).toBe(1000004);
      expect(body.errmsg).toMatch(message);
    }
  });

  it("refuses a token request that is not a form", async () => {
    const server = await start();
    const res = await fetch(`${server.url}${TOKEN}`, {
      method: "POST",
      headers: { ...UA, "content-type": "application/json" },
      body: JSON.stringify({ grant_type: "client_credentials", client_id: "mock-ycm-client", client_secret: "mock-ycm-secret" }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).errmsg).toContain("application/x-www-form-urlencoded");
    const empty = await rawRequest(`${server.url}/services/openapi/v1.0/authentication/get_token`, { method: "POST" });
    expect(empty.status).toBe(400);
    expect(JSON.parse(empty.text)).toMatchObject({ status: "Failed", errMsg: "INVALID_PARAMETER", detailMsg: "request body is required" });
  });

  it("refuses a repeated scalar query parameter", async () => {
    const server = await start();
    const { status, body } = await ycmGet(server, `${USERS}?pageSize=2&pageSize=3`);
    expect(status).toBe(400);
    expect(body.errmsg).toContain("pageSize");
  });

  it("answers Workplace violations with HTTP 400 INVALID_PARAMETER and a detailMsg naming the parameter", async () => {
    const server = await start();
    const { status, body } = await workplaceGet(server, `${WP_USERS}?pageSize=-5`);
    expect(status).toBe(400);
    expect(body).toMatchObject({ status: "Failed", errMsg: "INVALID_PARAMETER" });
    expect(body.detailMsg).toMatch(/^pageSize /);
  });

  it("is driven by the spec: a stricter spec makes the mock stricter", () => {
    const specs = bundled();
    const validator = new SpecValidator(specs);
    expect(validator.checkRequest("listYcmUsers", requestData("pageSize=7"))).toBeNull();
    const doc = structuredClone(specs.ycm.document);
    const params = (doc.components as { parameters: Record<string, { name: string; schema: Record<string, unknown> }> }).parameters;
    const pageSize = Object.values(params).find((p) => p.name === "pageSize");
    if (!pageSize) throw new Error("the YCM spec has no pageSize parameter component");
    pageSize.schema.maximum = 5;
    const strict = { ...specs, ycm: loadSpec(doc, { api: "ycm" }) };
    expect(new SpecValidator(strict).checkRequest("listYcmUsers", requestData("pageSize=7"))).toBe("pageSize must be <= 5");
  });

  it("requires the User-Agent header the YCM spec declares", () => {
    const validator = new SpecValidator(bundled());
    expect(validator.checkRequest("listYcmUsers", requestData("", { headers: {} }))).toBe("User-Agent is required");
    expect(validator.checkRequest("listWorkplaceUsers", requestData("", { headers: {} }))).toBeNull();
  });
});

describe("routes from the spec", () => {
  it("serves an operation where the spec puts it: a moved path moves the route", async () => {
    const doc = structuredClone(loadSpec("ycm").document) as { paths: Record<string, unknown> };
    doc.paths["/dm/open_api/v3/users"] = doc.paths["/dm/open_api/v2/users"];
    delete doc.paths["/dm/open_api/v2/users"];
    const server = await start({ specs: { ycm: doc } });
    const token = (await ycmToken(server)).access_token;
    expect((await ycmGet(server, "/dm/open_api/v3/users", token)).status).toBe(200);
    expect((await ycmGet(server, USERS, token)).status).toBe(404);
  });
});

describe("response validation against the spec", () => {
  it("accepts the mock's normal answers and rejects broken ones", () => {
    const validator = new SpecValidator(bundled());
    const user = createDataset().collections.YcmUser![0];
    const ok = { data: { pageSize: 1, pageNumber: 1, total: 1, list: [user] }, requestId: "r", status: "Success", time: 1644471460 };
    expect(validator.checkResponse("listYcmUsers", 200, ok)).toBeNull();
    const broken = { ...ok, data: { ...ok.data, list: [{ ...user, userType: "Bogus" }] } };
    expect(validator.checkResponse("listYcmUsers", 200, broken)?.join("\n")).toMatch(/userType/);
    expect(validator.checkResponse("listYcmUsers", 200, { ...ok, status: "OK" })?.join("\n")).toMatch(/status/);
    // 4XX and 5XX ranges match any status in them.
    expect(validator.checkResponse("listYcmUsers", 418, { requestId: "r", status: "Failed", time: 1 })).toBeNull();
    expect(validator.checkResponse("listYcmUsers", 503, { status: "Success" })).not.toBeNull();
    expect(validator.checkResponse("listWorkplaceUsers", 302, {})?.[0]).toMatch(/not a documented response/);
    expect(validator.checkApiError("workplace", 404, { status: "Failed", errMsg: "NOT_FOUND" })).toBeNull();
  });

  it("turns a response that breaks the spec into HTTP 500, records it and logs it", async () => {
    const logs: MockLogEvent[] = [];
    const dataset = createDataset();
    const broken = altered(dataset, "YcmUser", (u, i) => (i === 0 ? { ...u, userType: "Bogus" } : u));
    const server = await start({ dataset: broken, onLog: (e) => logs.push(e) });
    const token = (await ycmToken(server)).access_token;
    const bad = await ycmGet(server, `${USERS}?pageSize=5`, token);
    expect(bad.status).toBe(500);
    expect(bad.body).toMatchObject({ status: "Failed", errcode: 1000001 });
    expect(bad.body.errmsg).toContain("spec validation");
    expect(server.validationErrors).toHaveLength(1);
    expect(server.validationErrors[0]).toMatchObject({ operationId: "listYcmUsers", api: "ycm", status: 200, method: "GET", path: USERS });
    expect(server.validationErrors[0]?.errors.join("\n")).toMatch(/userType/);
    expect(logs.some((e) => e.level === "error" && e.message.includes("breaks the spec"))).toBe(true);
    // Pages without the broken user are fine.
    expect((await ycmGet(server, `${USERS}?pageSize=5&pageNumber=2`, token)).status).toBe(200);
    expect(server.validationErrors).toHaveLength(1);
  });

  it("catches a wrongly typed Workplace field too", async () => {
    const dataset = createDataset({ sizes: { WorkplaceUser: 3 } });
    const broken = altered(dataset, "WorkplaceUser", (u) => ({ ...u, memberId: String(u.memberId) }));
    const server = await start({ dataset: broken });
    const { status, body } = await workplaceGet(server, WP_USERS);
    expect(status).toBe(500);
    expect(body).toMatchObject({ status: "Failed", errMsg: "SERVER_ERROR" });
    expect(server.validationErrors[0]?.errors.join("\n")).toMatch(/memberId/);
  });

  it("with validate: false, sends what it has and still applies the vendor's documented rules", async () => {
    const dataset = createDataset();
    const broken = altered(dataset, "YcmUser", (u) => ({ ...u, userType: "Bogus" }));
    const server = await start({ dataset: broken, validate: false });
    const token = (await ycmToken(server)).access_token;
    const { status, body } = await ycmGet(server, USERS, token);
    expect(status).toBe(200);
    expect(body.data.list[0].userType).toBe("Bogus");
    expect(server.validationErrors).toEqual([]);
    const tooBig = await ycmGet(server, `${USERS}?pageSize=51`, token);
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.errmsg).toBe("INVALID_PARAMETER: pageSize must be <= 50");
  });
});
