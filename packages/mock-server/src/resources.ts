import type { Operation, Schema, SpecModel } from "@yeastar-openapi/spec-model";
import type { ApiName } from "./envelopes.js";
import { isIdField, objectView, typeOf, type ObjectView } from "./data/schema-utils.js";

/**
 * Reads each operation's shape and decides what the mock does with it, with no per-endpoint table: list
 * operations define collections (one per item schema), and reads, creates, updates and deletes are tied to the
 * collection whose items carry the identifier they name, preferring the list whose path is most like theirs.
 */

/** A collection of records, defined by a list operation's item schema. */
export interface CollectionShape {
  /** The item schema's component name (`YcmUser`), or the list's operationId when the schema is inline. */
  name: string;
  api: ApiName;
  /** The list item schema, plus the fields of the detail schemas tied to it (records hold the union). */
  schemas: Schema[];
  /** The list's view of a record. */
  listView: ObjectView;
  /** The field a create assigns and reads/updates/deletes look up by default. */
  idField: string | undefined;
  /** Top-level identifier fields (kept unique across the collection). */
  idFields: string[];
  /** Version-free path segments of the collection's lists. */
  listPaths: string[][];
}

export type Target = { in: "path" | "query" | "body"; name: string };

export type Behaviour =
  | { kind: "list"; collection: CollectionShape }
  | { kind: "get"; collection: CollectionShape; by: Target; itemPath: string[]; view: ObjectView }
  | { kind: "create"; collection: CollectionShape; itemPath: string[] | undefined; view: ObjectView | undefined }
  | { kind: "update"; collection: CollectionShape; by: Target; mode: "merge" | "replace"; itemPath: string[] | undefined; view: ObjectView | undefined }
  | { kind: "remove"; collection: CollectionShape; by: Target | { in: "bodyIds"; path: string[] } }
  | { kind: "itemAction"; collection: CollectionShape; by: Target }
  | { kind: "example" };

export interface Plan {
  collections: Map<string, CollectionShape>;
  behaviours: Map<string, Behaviour>;
}

export function planOperations(models: Record<ApiName, SpecModel>): Plan {
  const collections = new Map<string, CollectionShape>();
  const behaviours = new Map<string, Behaviour>();
  const all = (Object.keys(models) as ApiName[]).flatMap((api) => models[api].operations.map((op) => ({ api, op })));

  // 1. Collections from the lists.
  for (const { api, op } of all) {
    if (op.method !== "get" || !op.list) continue;
    const name = op.list.itemSchemaName ?? op.operationId;
    let c = collections.get(name);
    if (!c) {
      const view = objectView(op.list.itemSchema);
      c = { name, api, schemas: [op.list.itemSchema], listView: view, idField: undefined, idFields: [], listPaths: [] };
      collections.set(name, c);
    }
    c.listPaths.push(segments(op.path));
    behaviours.set(op.operationId, { kind: "list", collection: c });
  }
  for (const c of collections.values()) {
    c.idFields = Object.entries(c.listView.properties).filter(([n, s]) => isIdField(n, s)).map(([n]) => n);
    // The identifier the API addresses items by: one some operation takes as a path parameter, else `id`.
    const addressed = all.flatMap(({ op }) => op.parametersIn.path.map((p) => p.name)).find((n) => c.idFields.includes(n));
    c.idField = addressed ?? (c.idFields.includes("id") ? "id" : c.idFields[0]);
  }

  // 2. Everything else, by method and shape.
  for (const { api, op } of all) {
    if (behaviours.has(op.operationId)) continue;
    behaviours.set(op.operationId, classify(api, op, [...collections.values()].filter((c) => c.api === api)) ?? { kind: "example" });
  }
  return { collections, behaviours };
}

function classify(api: ApiName, op: Operation, collections: CollectionShape[]): Behaviour | undefined {
  const segs = segments(op.path);
  const last = op.path.split("/").pop() ?? "";
  const trailing = /^\{(.+)\}$/.exec(last)?.[1];
  const pathParams = op.parametersIn.path.map((p) => p.name);
  const body = op.requestBody?.json;
  const bodyView = body && typeOf(body.schema) === "object" ? objectView(body.schema) : undefined;
  const successSchema = op.success?.json?.schema;

  if (trailing) {
    const c = closest(collections, segs, (x) => x.listView.properties[trailing] !== undefined);
    if (!c) return undefined;
    const by: Target = { in: "path", name: trailing };
    const found = successSchema ? findItem(successSchema, trailing) : undefined;
    if (op.method === "get") {
      if (!found) return { kind: "itemAction", collection: c, by };
      c.schemas.push(found.schema);
      return { kind: "get", collection: c, by, itemPath: found.path, view: objectView(found.schema) };
    }
    if (op.method === "delete") return { kind: "remove", collection: c, by };
    if (op.method === "put" || op.method === "patch") {
      return bodyView ? update(op, c, by, found) : { kind: "itemAction", collection: c, by };
    }
    return { kind: "itemAction", collection: c, by };
  }
  // A path parameter before the last segment: an action on (or a part of) one item, e.g. `{cloudPbxId}/start`.
  if (pathParams.length) {
    const name = pathParams[pathParams.length - 1]!;
    const c = closest(collections, segs, (x) => x.listView.properties[name] !== undefined);
    return c ? { kind: "itemAction", collection: c, by: { in: "path", name } } : undefined;
  }
  if (op.method === "delete") {
    const c = closest(collections, segs, (x) => x.idField !== undefined, 1);
    if (!c?.idField) return undefined;
    const query = op.parametersIn.query.find((p) => p.name === c.idField);
    if (query) return { kind: "remove", collection: c, by: { in: "query", name: query.name } };
    const ids = body ? idsPath(body.schema) : undefined;
    return ids ? { kind: "remove", collection: c, by: { in: "bodyIds", path: ids } } : undefined;
  }
  if (!bodyView) return undefined;
  const bodyFields = Object.keys(bodyView.properties);
  const overlapping = (c: CollectionShape): boolean => {
    const shared = bodyFields.filter((f) => c.listView.properties[f] !== undefined);
    return shared.length >= 2 && shared.length * 2 >= bodyFields.length;
  };
  if (op.method === "post") {
    const c = closest(collections, segs, overlapping, 1);
    if (!c) return undefined;
    const found = successSchema && c.idField ? findItem(successSchema, c.idField) : undefined;
    return { kind: "create", collection: c, itemPath: found?.path, view: found ? objectView(found.schema) : undefined };
  }
  if (op.method === "put" || op.method === "patch") {
    const c = closest(collections, segs, (x) => overlapping(x) && x.idField !== undefined && bodyFields.includes(x.idField), 1);
    if (!c?.idField) return undefined;
    const found = successSchema ? findItem(successSchema, c.idField) : undefined;
    return update(op, c, { in: "body", name: c.idField }, found);
  }
  return undefined;
}

function update(op: Operation, c: CollectionShape, by: Target, found: { path: string[]; schema: Schema } | undefined): Behaviour {
  // PUT overwrites when the operation says so; otherwise (and for PATCH) the given fields are merged in.
  const replace = op.method === "put" && /overwrit|replac/i.test(`${op.summary ?? ""} ${op.description ?? ""}`);
  return { kind: "update", collection: c, by, mode: replace ? "replace" : "merge", itemPath: found?.path, view: found ? objectView(found.schema) : undefined };
}

/** Path segments without the version (`v1`, `v2`, `v1.0`), so `/v1/users/{id}` sits beside `/v2/users`. */
export function segments(path: string): string[] {
  return path.split("/").filter((s) => s !== "" && !/^v\d+(\.\d+)?$/.test(s));
}

/**
 * The collection whose list path shares the longest prefix with `segs` (and passes `accept`). `slack` is how
 * many of the list path's segments may differ (`user/user_create` beside `user/user_list`).
 */
function closest(collections: CollectionShape[], segs: string[], accept: (c: CollectionShape) => boolean, slack?: number): CollectionShape | undefined {
  let best: CollectionShape | undefined;
  let bestScore = -1;
  for (const c of collections) {
    if (!accept(c)) continue;
    for (const list of c.listPaths) {
      let common = 0;
      while (common < list.length && common < segs.length && list[common] === segs[common]) common++;
      if (slack !== undefined && common < list.length - slack) continue;
      if (common > bestScore) {
        best = c;
        bestScore = common;
      }
    }
  }
  return best;
}

/** Breadth-first: the shallowest object in a response schema that has the identifier field. */
function findItem(schema: Schema, field: string): { path: string[]; schema: Schema } | undefined {
  let level: Array<{ path: string[]; schema: Schema }> = [{ path: [], schema }];
  for (let depth = 0; depth < 4 && level.length; depth++) {
    const next: typeof level = [];
    for (const entry of level) {
      if (typeOf(entry.schema) !== "object") continue;
      const view = objectView(entry.schema);
      if (view.properties[field] !== undefined && entry.path.length > 0) return entry;
      for (const [name, prop] of Object.entries(view.properties)) next.push({ path: [...entry.path, name], schema: prop });
    }
    level = next;
  }
  return undefined;
}

/** Where a delete body carries its identifiers: the body itself (`[1, 2]`) or one array field (`{ ids: [1, 2] }`). */
function idsPath(schema: Schema): string[] | undefined {
  const isIdArray = (s: Schema): boolean => typeOf(s) === "array" && ["integer", "string", "number"].includes(typeOf((s.items ?? {}) as Schema) ?? "");
  if (isIdArray(schema)) return [];
  if (typeOf(schema) !== "object") return undefined;
  const arrays = Object.entries(objectView(schema).properties).filter(([, s]) => isIdArray(s));
  return arrays.length === 1 ? [arrays[0]![0]] : undefined;
}
