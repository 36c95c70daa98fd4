import { loadSpecs } from "@yeastar-openapi/spec-model";
import { describe, expect, it } from "vitest";
import { ProjectionCache } from "../src/data/projections.js";
import { project } from "../src/data/schema-utils.js";
import { createDataset } from "../src/index.js";
import { assembleJson, rememberJson, toJson } from "../src/json-text.js";
import { planOperations } from "../src/resources.js";
import { start, UA, ycmGet, ycmToken } from "./helpers.js";

/**
 * A list answer reuses each record's projection and its JSON text while the record keeps its values
 * (data/projections.ts, json-text.ts). These prove the reuse never shows a stale record and never prints
 * other bytes than JSON.stringify would.
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
    const page = (...records: Array<Record<string, unknown>>): string => {
      const body = { list: records.map((r) => cache.project(r)) };
      assembleJson(body);
      return toJson(body);
    };
    const item = { id: 1, tags: ["a"] };
    expect(page(item)).toBe('{"list":[{"id":1,"tags":["a"]}]}');
    item.tags.push("b");
    expect(page(item)).toBe('{"list":[{"id":1,"tags":["a","b"]}]}');
    const nested = { id: 2, tags: { x: 1, y: 2 } as Record<string, number> };
    expect(page(nested)).toBe('{"list":[{"id":2,"tags":{"x":1,"y":2}}]}');
    delete nested.tags.x;
    nested.tags.x = 1;
    // Same values, another key order: the JSON text follows the order, so the kept one must not be reused.
    expect(page(nested)).toBe('{"list":[{"id":2,"tags":{"y":2,"x":1}}]}');
  });

  it("hand out projections nothing downstream can change", () => {
    const cache = new ProjectionCache({ properties: { id: {}, tags: {} }, required: [], closed: true });
    const kept = cache.project({ id: 1, tags: ["a"] });
    expect(() => ((kept.tags as string[])[0] = "b")).toThrow(TypeError);
    expect(() => (kept.id = 2)).toThrow(TypeError);
  });
});

describe("the JSON text of an answer", () => {
  const models = loadSpecs();
  const { collections } = planOperations(models);

  it("is JSON.stringify's, byte for byte, over generated pages of every list of both APIs", () => {
    let pages = 0;
    for (const seed of [1, 2, 3]) {
      const dataset = createDataset({ seed, size: 23 });
      for (const c of collections.values()) {
        const cache = new ProjectionCache(c.listView);
        const records = dataset.collections[c.name] ?? [];
        for (const size of [1, 5, 10, 23]) {
          for (let start = 0; start < records.length; start += size) {
            const list = records.slice(start, start + size);
            // Twice: the first fills the cache, the second is made of kept projections (the same objects).
            expect(list.map((r) => cache.project(r))).toEqual(list.map((r) => project(r, c.listView)));
            for (const r of list) expect(cache.project(r)).toBe(cache.project(r));
            for (let round = 0; round < 2; round++) {
              const body = { requestId: "r", status: "Success", time: 1, data: { total: records.length, pageSize: size, list: list.map((r) => cache.project(r)) } };
              assembleJson(body);
              expect(body.data.list).toEqual(list.map((r) => project(r, c.listView)));
              expect(toJson(body)).toBe(JSON.stringify(body));
              pages++;
            }
          }
        }
      }
    }
    expect(pages).toBeGreaterThan(100);
    expect(new Set([...collections.values()].map((c) => c.api))).toEqual(new Set(["ycm", "workplace"]));
  });

  it("is assembled from the remembered text of kept parts", () => {
    // A wrong text on purpose, to see that it is used (the tests above would pass by JSON.stringify alone).
    const part = Object.freeze({ a: 1 });
    rememberJson(part, '{"a":"remembered"}');
    const body = { list: [part] };
    // Not marked for assembly (every answer but a list page): JSON.stringify prints it.
    expect(toJson(body)).toBe('{"list":[{"a":1}]}');
    assembleJson(body);
    expect(toJson(body)).toBe('{"list":[{"a":"remembered"}]}');
    expect(() => rememberJson({ a: 1 }, '{"a":1}')).toThrow("frozen");
  });

  it("is JSON.stringify's for values JSON treats specially", () => {
    const cases: unknown[] = [
      undefined,
      null,
      -0,
      NaN,
      Infinity,
      "\ud800 lone surrogate, \u2028, \"quotes\", \\ and \n",
      { b: 1, a: 2, 10: "integer-like keys first", 2: "x" },
      { skipped: undefined, fn: () => 1, sym: Symbol("s"), kept: 1 },
      [undefined, () => 1, Symbol("s")],
      [1, , 3], // eslint-disable-line no-sparse-arrays
      { date: new Date(0) },
      { own: { toJSON: () => "replaced" } },
      Object.assign(Object.create(null), { nullProto: true }),
      new Map([["a", 1]]),
      { nested: { deep: [{ a: [] }, {}] } },
    ];
    for (const value of cases) {
      assembleJson(value);
      expect(toJson(value)).toBe(JSON.stringify(value));
      const wrapped = { value, list: [value] };
      assembleJson(wrapped);
      expect(toJson(wrapped)).toBe(JSON.stringify(wrapped));
    }
    expect(() => toJson(10n)).toThrow(TypeError);
    const big = { n: 10n };
    assembleJson(big);
    expect(() => toJson(big)).toThrow(TypeError);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    assembleJson(cyclic);
    expect(() => toJson(cyclic)).toThrow(TypeError);
  });
});
