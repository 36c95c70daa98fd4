import { describe, expect, it } from "vitest";
import type { MockServer } from "../src/index.js";
import { syntheticYcm } from "./fixtures/synthetic-spec.js";
import { start, UA, ycmToken } from "./helpers.js";

/** The mock serves operations it has never seen, in every shape the products use, from the spec alone. */

const V1 = "/dm/open_api/v1";

async function client(server: MockServer): Promise<(method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>> {
  const token = (await ycmToken(server)).access_token;
  return async (method, path, body) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { ...UA, authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: await res.json() };
  };
}

describe("a spec the mock has never seen", () => {
  it("lists a new resource: pages, sorts, filters and searches as the parameters say", async () => {
    const server = await start({ specs: { ycm: syntheticYcm() }, collections: { Widget: 23 } });
    const call = await client(server);
    const widgets = server.dataset.collections.Widget!;
    expect(widgets).toHaveLength(23);
    const seen: number[] = [];
    for (let n = 1; n <= 3; n++) {
      const { status, body } = await call("GET", `/dm/open_api/v2/widgets?pageSize=10&pageNumber=${n}`);
      expect(status).toBe(200);
      expect(body.data).toMatchObject({ pageSize: 10, pageNumber: n, total: 23 });
      seen.push(...body.data.list.map((w: { id: number }) => w.id));
    }
    expect(seen).toEqual(widgets.map((w) => w.id));
    const desc = await call("GET", "/dm/open_api/v2/widgets?pageSize=50&sort=-id");
    expect(desc.body.data.list.map((w: { id: number }) => w.id)).toEqual(widgets.map((w) => w.id).reverse());
    const running = await call("GET", "/dm/open_api/v2/widgets?pageSize=50&status=running");
    expect(running.body.data.total).toBe(widgets.filter((w) => w.status === "running").length);
    expect(running.body.data.list.every((w: { status: string }) => w.status === "running")).toBe(true);
    const needle = widgets[7]!.name.slice(2, 6).toUpperCase();
    const found = await call("GET", `/dm/open_api/v2/widgets?pageSize=50&search=${encodeURIComponent(needle)}`);
    expect(found.body.data.list.map((w: { id: number }) => w.id)).toContain(widgets[7]!.id);
    expect((await call("GET", "/dm/open_api/v2/widgets?sort=nope")).status).toBe(400);
    expect(server.validationErrors).toEqual([]);
  });

  it("routes a literal segment before a templated one, in any document order", async () => {
    const server = await start({ specs: { ycm: syntheticYcm() } });
    const call = await client(server);
    const { status, body } = await call("GET", `${V1}/widgets/page?pageSize=3`);
    expect(status).toBe(200);
    expect(body.data.list).toHaveLength(3);
    expect(server.stats.requests.pageWidgets).toBe(1);
    expect(server.stats.requests.getWidget).toBe(0);
    // Between two templates, the one with a literal segment where the other has a parameter.
    expect((await call("PUT", `${V1}/widgets/page/start`)).status).toBe(200);
    expect(server.stats.requests.putWidgetPageSection).toBe(1);
    expect(server.stats.requests.startWidget).toBe(0);
  });

  it("gets, creates, overwrites, acts on and deletes items, answering the product's not-found error", async () => {
    const server = await start({ specs: { ycm: syntheticYcm() } });
    const call = await client(server);
    const first = server.dataset.collections.Widget![0]!;
    const got = await call("GET", `${V1}/widgets/${first.id}`);
    expect(got.status).toBe(200);
    expect(got.body.data).toMatchObject({ id: first.id, name: first.name });
    const missing = await call("GET", `${V1}/widgets/1`);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ status: "Failed", errcode: 1000005 });

    const created = await call("POST", `${V1}/widgets`, { name: "Lobby phone", status: "stopped" });
    expect(created.status).toBe(200);
    const id = created.body.data.id as number;
    expect(id).toBeGreaterThan(Math.max(...server.dataset.collections.Widget!.slice(0, -1).map((w) => w.id as number)));
    expect((await call("GET", `${V1}/widgets/${id}`)).body.data).toMatchObject({ id, name: "Lobby phone", status: "stopped" });

    const put = await call("PUT", `${V1}/widgets/${id}`, { name: "Lobby", status: "running" });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ status: "Success" });
    const after = server.dataset.collections.Widget!.find((w) => w.id === id)!;
    expect(after).toMatchObject({ id, name: "Lobby", status: "running" });
    // A full overwrite: optional fields the body left out are gone.
    expect(after.mobile).toBeUndefined();

    expect((await call("PUT", `${V1}/widgets/${id}/start`)).status).toBe(200);
    expect((await call("PUT", `${V1}/widgets/1/start`)).status).toBe(404);

    const removed = await call("DELETE", `${V1}/widgets`, { ids: [id, first.id] });
    expect(removed.status).toBe(200);
    expect((await call("GET", `${V1}/widgets/${id}`)).status).toBe(404);
    expect((await call("GET", `${V1}/widgets/${first.id}`)).status).toBe(404);
    expect(server.validationErrors).toEqual([]);
  });

  it("serves `data` arrays, deletes by a JSON array of ids, and Workplace-style verb paths", async () => {
    const server = await start({ specs: { ycm: syntheticYcm() }, collectionSize: 4 });
    const call = await client(server);
    const regions = await call("GET", `${V1}/regions`);
    expect(regions.body.data.map((r: { regionId: number }) => r.regionId)).toEqual(server.dataset.collections.Region!.map((r) => r.regionId));
    const gone = server.dataset.collections.Region![1]!.regionId;
    expect((await call("DELETE", `${V1}/regions`, [gone])).status).toBe(200);
    expect((await call("GET", `${V1}/regions`)).body.data).toHaveLength(3);

    expect((await call("POST", `${V1}/gadget/gadget_create`, { label: "new", owner: "Leo" })).status).toBe(200);
    const gadgets = server.dataset.collections.Gadget!;
    const made = gadgets[gadgets.length - 1]!;
    expect(made).toMatchObject({ label: "new", owner: "Leo" });
    expect((await call("PUT", `${V1}/gadget/gadget_update`, { gadgetId: made.gadgetId, label: "renamed" })).status).toBe(200);
    expect(server.dataset.collections.Gadget!.find((g) => g.gadgetId === made.gadgetId)).toMatchObject({ label: "renamed", owner: "Leo" });
    expect((await call("PUT", `${V1}/gadget/gadget_update`, { gadgetId: 1, label: "x" })).status).toBe(404);
    expect((await call("DELETE", `${V1}/gadget/gadget_delete/${made.gadgetId}`)).status).toBe(200);
    expect((await call("DELETE", `${V1}/gadget/gadget_delete/${made.gadgetId}`)).status).toBe(404);
    const listed = await call("GET", `${V1}/gadget/gadget_list?pageSize=2`);
    expect(listed.body.data).toMatchObject({ total: 4 });
    expect(listed.body.data.list).toHaveLength(2);
    expect(server.validationErrors).toEqual([]);
  });

  it("answers any other operation with a schema-valid body, and follows each operation's security", async () => {
    const server = await start({ specs: { ycm: syntheticYcm() } });
    const call = await client(server);
    const stats = await call("GET", `${V1}/statistics`);
    expect(stats.status).toBe(200);
    expect(stats.body.data.pbx.total).toBeGreaterThanOrEqual(0);
    expect(["Standard", "Ultimate", undefined]).toContain(stats.body.data.plan);
    const anonymous = await fetch(`${server.url}${V1}/public/ping`, { headers: UA });
    expect(anonymous.status).toBe(200);
    const noToken = await fetch(`${server.url}${V1}/statistics`, { headers: UA });
    expect(noToken.status).toBe(401);
    expect(server.validationErrors).toEqual([]);
  });

  it("refuses to start when an operation cannot be served, naming it", async () => {
    const impossible = {
      "/dm/open_api/v1/impossible": {
        get: {
          operationId: "impossible",
          responses: { "200": { description: "ok", content: { "application/json": { schema: { type: "string", pattern: "^x{3}$" } } } } },
        },
      },
    };
    await expect(start({ specs: { ycm: syntheticYcm(impossible) } })).rejects.toThrow(/cannot serve the spec[\s\S]*impossible/);
  });
});
