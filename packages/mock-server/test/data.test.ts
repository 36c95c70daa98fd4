import { loadSpecs } from "@yeastar-openapi/spec-model";
import { describe, expect, it } from "vitest";
import { createDataset, DATASET_DEFAULTS } from "../src/index.js";
import { mulberry32 } from "../src/random.js";
import { planOperations } from "../src/resources.js";
import { SpecValidator } from "../src/validate.js";

const models = loadSpecs();

describe("createDataset", () => {
  it("has one collection per list of the spec, of the default size", () => {
    const d = createDataset();
    const lists = [...models.ycm.operations, ...models.workplace.operations].filter((op) => op.method === "get" && op.list);
    const names = new Set(lists.map((op) => op.list?.itemSchemaName ?? op.operationId));
    expect(Object.keys(d.collections).sort()).toEqual([...names].sort());
    for (const records of Object.values(d.collections)) expect(records).toHaveLength(DATASET_DEFAULTS.size);
    expect(DATASET_DEFAULTS).toEqual({ seed: 1, size: 50 });
  });

  it("is deterministic per seed and differs between seeds", () => {
    expect(createDataset({ seed: 7 })).toEqual(createDataset({ seed: 7 }));
    expect(createDataset({ seed: 7 }).collections.YcmUser).not.toEqual(createDataset({ seed: 8 }).collections.YcmUser);
  });

  it("keeps one collection stable when another one's size changes", () => {
    const a = createDataset({ seed: 3, sizes: { WorkplaceUser: 5 } });
    const b = createDataset({ seed: 3, sizes: { WorkplaceUser: 90 } });
    expect(a.collections.YcmUser).toEqual(b.collections.YcmUser);
    expect(b.collections.WorkplaceUser?.slice(0, 5)).toEqual(a.collections.WorkplaceUser);
  });

  it("gives every record unique ascending identifiers and values its list schema accepts", () => {
    const d = createDataset({ size: 120 });
    const plan = planOperations(models);
    const validator = new SpecValidator(models);
    for (const [opId, behaviour] of plan.behaviours) {
      if (behaviour.kind !== "list") continue;
      const c = behaviour.collection;
      const records = d.collections[c.name]!;
      // The field that addresses a record is unique and ascending; other id-like fields may be references
      // that an override setup ties to another collection (a DID's cloudPbxId names a generated Cloud PBX).
      const primary = c.idFields.includes("id") ? "id" : c.idField;
      for (const field of [primary].filter((f): f is string => f !== undefined)) {
        const ids = records.map((r) => r[field] as number);
        expect(new Set(ids).size, `${c.name}.${field}`).toBe(ids.length);
        expect([...ids].sort((x, y) => x - y), `${c.name}.${field}`).toEqual(ids);
      }
      const op = [...models.ycm.operations, ...models.workplace.operations].find((o) => o.operationId === opId)!;
      const listed = records.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => k in (op.list!.itemSchema.properties as object))));
      // A paged list answers a page (YCM's pageNumber, Workplace's pageNo), an unpaged one an array
      // in `data`. A list inside a larger object (a group's Cloud PBXs) needs that object's other
      // fields too: the conformance test checks those answers as the mock serves them.
      const body: Record<string, unknown> = { requestId: "0".repeat(32), status: "Success", time: 1 };
      if (op.paging) body.data = { pageSize: 120, [op.paging.pageNumber.name]: 1, total: records.length, list: listed };
      else if (op.list!.itemsPath.join(".") === "data") body.data = listed;
      else continue;
      if (op.api === "workplace") delete body.time;
      expect(validator.checkResponse(opId, 200, body), opId).toBeNull();
    }
    // Compiling a validator for every list of both APIs takes seconds on a busy machine: a hang guard.
  }, 60_000);

  it("reads like real data: names, emails and phones where the field says so, optional fields sometimes absent", () => {
    const users = createDataset({ size: 120 }).collections.YcmUser!;
    for (const u of users) {
      if (u.email !== undefined) expect(u.email).toMatch(/^[a-z0-9.]+@example\.(com|net|org)$/);
      if (u.mobile !== undefined) expect(u.mobile).toMatch(/^\d{11}$/);
      if (u.firstName !== undefined) expect(u.firstName).toMatch(/^\p{Lu}/u);
      for (const value of Object.values(u)) expect(value).not.toBe("");
    }
    // Optional fields are sometimes absent, like in the vendor's examples, and enums take more than one value.
    expect(users.some((u) => u.company === undefined)).toBe(true);
    expect(users.some((u) => u.company !== undefined)).toBe(true);
    expect(new Set(users.map((u) => u.userType)).size).toBeGreaterThan(1);
  });

  it("allows empty collections and refuses bad sizes and unknown collections", () => {
    const empty = createDataset({ size: 0 });
    for (const records of Object.values(empty.collections)) expect(records).toEqual([]);
    expect(() => createDataset({ size: -1 })).toThrow(/size/);
    expect(() => createDataset({ sizes: { WorkplaceUser: 1.5 } })).toThrow(/WorkplaceUser/);
    expect(() => createDataset({ sizes: { Nope: 1 } })).toThrow(/no such collection.*YcmUser/);
  });

  it("uses mulberry32, a seeded generator (no Math.random)", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const seq = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(seq);
    for (const x of seq) expect(x >= 0 && x < 1).toBe(true);
  });
});

