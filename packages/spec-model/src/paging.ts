import { isObject, type JsonObject } from "./pointer.js";
import type { RefResolver } from "./refs.js";
import type { ListShape, Paging, Parameter, Response } from "./types.js";

/**
 * Lists and pages, recognised by their shape: a success body holding an array of objects (`data.list` with a
 * `total` beside it in YCM's and Workplace's pages, or a bare `data` array), not by a per-endpoint list.
 */

/** The page-size and page-number query parameters of both products (YCM `pageNumber`, Workplace `pageNo`). */
export const PAGE_SIZE_PARAMETERS: readonly string[] = ["pageSize"];
export const PAGE_NUMBER_PARAMETERS: readonly string[] = ["pageNumber", "pageNo"];

const MAX_DEPTH = 3;

export function findList(refs: RefResolver, response: Response): ListShape | undefined {
  const media = response.json;
  if (!media) return undefined;
  const found = search(media.schema, [], 0);
  if (!found) return undefined;
  const itemsPointer = locate(refs, media.schemaPointer, found.itemsPath);
  const itemSchemaPointer = itemsPointer ? itemsPointerOf(refs, itemsPointer) : undefined;
  const name = itemSchemaPointer?.match(/^\/components\/schemas\/([^/]+)$/)?.[1];
  return {
    status: response.status,
    itemsPath: found.itemsPath,
    ...(found.totalPath ? { totalPath: found.totalPath } : {}),
    itemSchema: found.itemSchema,
    itemSchemaPointer: itemSchemaPointer ?? `${media.schemaPointer}`,
    ...(name ? { itemSchemaName: name } : {}),
  };
}

export function findPaging(query: Parameter[], list: ListShape): Paging | undefined {
  const pageSize = query.find((p) => PAGE_SIZE_PARAMETERS.includes(p.name));
  const pageNumber = query.find((p) => PAGE_NUMBER_PARAMETERS.includes(p.name));
  if (!pageSize || !pageNumber || !list.totalPath) return undefined;
  return { pageSize, pageNumber, list: { ...list, totalPath: list.totalPath } };
}

interface Found {
  itemsPath: string[];
  totalPath?: string[];
  itemSchema: JsonObject;
}

/**
 * Breadth-first over object properties: the shallowest array of objects wins (`data` before `data.x.list`).
 * Below the envelope an array is a list only when it is a page (a `total` beside it) or the one property of
 * its object (`data.itspInfos`): an array among a record's other fields (a group's `selectedDeviceList`, a
 * room's `facility`) is part of that record, and the operation that answers it is a get, not a list.
 */
function search(schema: JsonObject, path: string[], depth: number): Found | undefined {
  const props = propertiesOf(schema);
  const names = Object.keys(props);
  const nested: Array<[string, JsonObject]> = [];
  for (const [name, prop] of Object.entries(props)) {
    if (isArrayOfObjects(prop)) {
      const total = Object.entries(props).find(([n, p]) => n !== name && /^total$/i.test(n) && isInteger(p));
      if (depth > 0 && !total && names.length > 1) return undefined;
      return { itemsPath: [...path, name], ...(total ? { totalPath: [...path, total[0]] } : {}), itemSchema: prop.items as JsonObject };
    }
    if (isObjectSchema(prop)) nested.push([name, prop]);
  }
  if (depth >= MAX_DEPTH) return undefined;
  for (const [name, prop] of nested) {
    const found = search(prop, [...path, name], depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** Properties of an object schema, including those its allOf parts add. */
export function propertiesOf(schema: JsonObject): Record<string, JsonObject> {
  const out: Record<string, JsonObject> = {};
  if (Array.isArray(schema.allOf)) for (const part of schema.allOf) if (isObject(part)) Object.assign(out, propertiesOf(part));
  if (isObject(schema.properties)) Object.assign(out, schema.properties);
  return out;
}

function isObjectSchema(s: JsonObject): boolean {
  return s.type === "object" || (s.type === undefined && (isObject(s.properties) || Array.isArray(s.allOf)));
}

function isArrayOfObjects(s: JsonObject): boolean {
  return (s.type === "array" || (Array.isArray(s.type) && s.type.includes("array"))) && isObject(s.items) && isObjectSchema(s.items);
}

function isInteger(s: JsonObject): boolean {
  return s.type === "integer" || s.type === "number";
}

/** The raw pointer of the array schema at `path` below the schema at `pointer` (following $refs). */
function locate(refs: RefResolver, pointer: string, path: string[]): string | undefined {
  let at = pointer;
  for (const name of path) {
    const here = refs.at(at);
    const hit = findProperty(refs, here.node, here.pointer, name);
    if (!hit) return undefined;
    at = hit;
  }
  return at;
}

function findProperty(refs: RefResolver, node: JsonObject, pointer: string, name: string): string | undefined {
  if (isObject(node.properties) && name in node.properties) return `${pointer}/properties/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`;
  if (Array.isArray(node.allOf)) {
    for (let i = 0; i < node.allOf.length; i++) {
      const part = refs.at(`${pointer}/allOf/${i}`);
      const hit = findProperty(refs, part.node, part.pointer, name);
      if (hit) return hit;
    }
  }
  return undefined;
}

function itemsPointerOf(refs: RefResolver, arrayPointer: string): string {
  return refs.at(`${refs.at(arrayPointer).pointer}/items`).pointer;
}
