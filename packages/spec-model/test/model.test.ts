import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bundlePath, HTTP_METHODS, loadSpec, loadSpecs } from "../src/index.js";

const { ycm, workplace } = loadSpecs();

describe("operations", () => {
  it("reads every operation of the bundle, with method, path and operationId", () => {
    const doc = JSON.parse(readFileSync(bundlePath("ycm"), "utf8")) as { paths: Record<string, Record<string, { operationId?: string }>> };
    const expected = Object.entries(doc.paths).flatMap(([path, item]) =>
      HTTP_METHODS.filter((m) => item[m]).map((m) => `${m} ${path} ${item[m]?.operationId}`),
    );
    expect(ycm.operations.map((op) => `${op.method} ${op.path} ${op.operationId}`)).toEqual(expected);
    expect(ycm.operations.length).toBeGreaterThan(0);
  });

  it("answers by operationId and by method + path, and names an unknown operation", () => {
    const op = ycm.operation("getYcmUser");
    expect(op.method).toBe("get");
    expect(ycm.find("GET", op.path)).toBe(op);
    expect(() => ycm.operation("nope")).toThrow(/no operation "nope"/);
  });

  it("resolves parameters by location, with their schemas", () => {
    const op = ycm.operation("listYcmUsers");
    const pageSize = op.parametersIn.query.find((p) => p.name === "pageSize");
    expect(pageSize?.schema).toMatchObject({ type: "integer", maximum: 50 });
    expect(JSON.stringify(op.parameters)).not.toContain("$ref");
    expect(ycm.operation("getYcmUser").parametersIn.path.map((p) => [p.name, p.required])).toEqual([["userId", true]]);
  });

  it("derives security from the operation, inheriting the root's", () => {
    expect(ycm.operation("listYcmUsers").needsToken).toBe(true);
    expect(ycm.operation("requestYcmToken").needsToken).toBe(false);
    expect(workplace.operation("getWorkplaceToken").needsToken).toBe(false);
    expect(workplace.operation("listWorkplaceUsers").needsToken).toBe(true);
  });

  it("reads request bodies by media type and responses by status", () => {
    const op = ycm.operation("requestYcmToken");
    expect(op.requestBody?.form?.examples.map((e) => e.name)).toEqual(["clientCredentials", "refreshToken"]);
    expect(op.requestBody?.json).toBeUndefined();
    const get = ycm.operation("getYcmUser");
    expect(ycm.response(get, 200)?.status).toBe("200");
    expect(ycm.response(get, 404)?.status).toBe("4XX");
    expect(get.success?.json?.example).toBeDefined();
  });
});

describe("paging", () => {
  it("finds YCM's and Workplace's page parameters and the data.list/total page", () => {
    const list = ycm.operation("listYcmUsers").paging;
    expect([list?.pageSize.name, list?.pageNumber.name, list?.list.itemsPath, list?.list.totalPath, list?.list.itemSchemaName]).toEqual([
      "pageSize", "pageNumber", ["data", "list"], ["data", "total"], "YcmUser",
    ]);
    expect(workplace.operation("listWorkplaceUsers").paging?.pageNumber.name).toBe("pageNo");
    expect(ycm.operation("getYcmUser").paging).toBeUndefined();
  });

  it("tells a list (a bare data array, a page, a lone wrapped array) from a record holding an array", () => {
    expect(ycm.operation("listYcmRegions").list?.itemsPath).toEqual(["data"]);
    expect(ycm.operation("listYcmSharedTrunkItsps").list?.itemsPath).toEqual(["data", "itspInfos"]);
    // A group's selectedDeviceList, a room's facility and a meeting's services are fields of one record.
    for (const [model, id] of [[ycm, "getYcmGroup"], [workplace, "getWorkplaceMeetingRoom"], [workplace, "getWorkplaceMeeting"]] as const) {
      expect(model.operation(id).list, id).toBeUndefined();
    }
  });
});

describe("error codes", () => {
  it("reads YCM's table from YcmErrorCode", () => {
    expect(ycm.errorCode("INVALID_PARAMETER")).toBe(1000004);
    expect(ycm.errorName(1000040)).toBe("RATE_LIMIT_EXCEEDED");
    expect(ycm.errorCodes.length).toBeGreaterThan(10);
    expect(() => ycm.errorCode("NO_SUCH")).toThrow(/NO_SUCH/);
    expect(workplace.errorCodes).toEqual([]);
  });
});

describe("loading", () => {
  it("loads once per file and accepts a path or a document", () => {
    expect(loadSpec("ycm")).toBe(ycm);
    expect(loadSpec(bundlePath("workplace")).operations.length).toBe(workplace.operations.length);
    const doc = JSON.parse(readFileSync(bundlePath("ycm"), "utf8")) as Record<string, unknown>;
    expect(loadSpec(doc).api).toBe("ycm");
  });

  it("reads webhooks and refuses a non-local $ref", () => {
    const doc = {
      openapi: "3.1.0",
      info: { title: "t", version: "1" },
      webhooks: { MEETING_CREATED: { post: { operationId: "onMeetingCreated", responses: { "200": { description: "ok" } } } } },
      paths: { "/a": { get: { operationId: "a", responses: { "200": { $ref: "other.yaml#/x" } } } } },
    };
    expect(() => loadSpec(doc, { api: "x" })).toThrow(/not local/);
    delete (doc.paths as Record<string, unknown>)["/a"];
    expect(loadSpec(doc, { api: "x" }).webhooks.map((w) => [w.event, w.operationId])).toEqual([["MEETING_CREATED", "onMeetingCreated"]]);
  });
});
