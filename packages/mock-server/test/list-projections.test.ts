import { describe, expect, it } from "vitest";
import { ProjectionCache } from "../src/data/projections.js";
import { start, UA, ycmGet, ycmToken } from "./helpers.js";

/**
 * A list answer reuses each record's projection while the record keeps its values (data/projections.ts).
 * These prove the reuse never shows a stale record.
 */

const USERS = "/dm/open_api/v2/users";
const PBXS = "/dm/open_api/v2/cloud_pbx/instances";

describe("list answers after a record changes", () => {
  it("show a user changed through the update operation", async () => {
    const server = await start();
    const token = (await ycmToken(server)).access_token;
    const before = await ycmGet(server, `${USERS}?pageSize=10`, token);
    const user = before.body.data.list[3];
    expect(user.company).not.toBe("Renamed Ltd");
    const put = await fetch(`${server.url}/dm/open_api/v1/users/${user.userId}`, {
      method: "PUT",
      headers: { ...UA, authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ company: "Renamed Ltd" }),
    });
    expect(put.status).toBe(200);
    const after = await ycmGet(server, `${USERS}?pageSize=10`, token);
    expect(after.body.data.list[3]).toEqual({ ...user, company: "Renamed Ltd" });
    expect(server.validationErrors).toEqual([]);
  });

  it("show a Cloud PBX whose status an override changed (stop)", async () => {
    const server = await start();
    const token = (await ycmToken(server)).access_token;
    const before = await ycmGet(server, `${PBXS}?pageSize=10`, token);
    const running = before.body.data.list.find((p: { pbxStatus?: string }) => p.pbxStatus !== "Stopped");
    expect(running).toBeDefined();
    const stop = await fetch(`${server.url}/dm/open_api/v1/cloud_pbx/instances/${running.cloudPbxId}/stop`, {
      method: "PUT",
      headers: { ...UA, authorization: `Bearer ${token}` },
    });
    expect(stop.status).toBe(200);
    const after = await ycmGet(server, `${PBXS}?pageSize=10`, token);
    const index = before.body.data.list.indexOf(running);
    expect(after.body.data.list[index]).toEqual({ ...running, pbxStatus: "Stopped" });
  });

  it("show records edited in place through server.dataset, nested values included", async () => {
    const server = await start();
    const token = (await ycmToken(server)).access_token;
    await ycmGet(server, `${USERS}?pageSize=5`, token);
    const record = server.dataset.collections.YcmUser![1]!;
    record.company = "Edited In Place";
    delete record.email;
    const after = await ycmGet(server, `${USERS}?pageSize=5`, token);
    expect(after.body.data.list[1].company).toBe("Edited In Place");
    expect(after.body.data.list[1]).not.toHaveProperty("email");
    // A field that holds an array, changed inside the array (not replaced).
    const cache = new ProjectionCache({ properties: { id: {}, tags: {} }, required: [], closed: true });
    const item = { id: 1, tags: ["a"] };
    expect(JSON.stringify([cache.project(item)])).toBe('[{"id":1,"tags":["a"]}]');
    item.tags.push("b");
    expect(JSON.stringify([cache.project(item)])).toBe('[{"id":1,"tags":["a","b"]}]');
    const nested = { id: 2, tags: { x: 1, y: 2 } as Record<string, number> };
    cache.project(nested);
    delete nested.tags.x;
    nested.tags.x = 1;
    // Same values, another key order: the JSON text follows the order, so the kept one must not be reused.
    expect(JSON.stringify(cache.project(nested))).toBe('{"id":2,"tags":{"y":2,"x":1}}');
  });

  it("hand out projections nothing downstream can change", () => {
    const cache = new ProjectionCache({ properties: { id: {}, tags: {} }, required: [], closed: true });
    const kept = cache.project({ id: 1, tags: ["a"] });
    expect(() => ((kept.tags as string[])[0] = "b")).toThrow(TypeError);
    expect(() => (kept.id = 2)).toThrow(TypeError);
  });
});
