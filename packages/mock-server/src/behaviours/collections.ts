import type { Operation, Parameter } from "@yeastar-openapi/spec-model";
import { IdAllocator, newRecord, recordSchema, type Item } from "../data.js";
import { ProjectionCache } from "../data/projections.js";
import { assembleJson } from "../json-text.js";
import { objectView, project, typeOf, type ObjectView } from "../data/schema-utils.js";
import { hintFor } from "../data/vocabulary.js";
import type { Reply } from "../envelopes.js";
import { paginate, search, sortByField } from "../listing.js";
import { intParam, ParamError } from "../params.js";
import { streamFor, type Rng } from "../random.js";
import type { Behaviour, CollectionShape, Target } from "../resources.js";
import type { CallContext, Handler } from "../state.js";
import { getAt, type Answers } from "./answers.js";

/** The default behaviours over collections: list, get, create, update, delete, and actions on one item. */

// Neither product publishes a default for every list; the mock's own, when the spec gives none.
const DEFAULT_PAGE_SIZE = 10;

export function collectionHandler(op: Operation, behaviour: Exclude<Behaviour, { kind: "example" }>, answers: Answers, seed: number): Handler {
  switch (behaviour.kind) {
    case "list":
      return listHandler(op, behaviour.collection, answers);
    case "get": {
      const { collection, by, itemPath, view } = behaviour;
      return (ctx) => {
        const found = find(ctx, collection, by);
        return found.item ? answers.reply(op, [[itemPath, project(found.item, view)]]) : notFound(ctx, collection, found.key);
      };
    }
    case "itemAction": {
      const { collection, by } = behaviour;
      return (ctx) => {
        const found = find(ctx, collection, by);
        return found.item ? answers.reply(op) : notFound(ctx, collection, found.key);
      };
    }
    case "create":
      return createHandler(op, behaviour, answers, seed);
    case "update":
      return updateHandler(op, behaviour, answers);
    case "remove":
      return removeHandler(op, behaviour, answers);
  }
}

function items(ctx: CallContext, c: CollectionShape): Item[] {
  return (ctx.state.dataset.collections[c.name] ??= []);
}

function readTarget(ctx: CallContext, by: Target): string | undefined {
  if (by.in === "path") return ctx.pathParams[by.name];
  if (by.in === "query") return ctx.query.get(by.name) ?? undefined;
  const body = ctx.json as Record<string, unknown> | undefined;
  const value = body?.[by.name] ?? ctx.form.get(by.name) ?? undefined;
  return value === undefined || value === null ? undefined : String(value);
}

function find(ctx: CallContext, c: CollectionShape, by: Target): { item: Item | undefined; key: string } {
  const key = readTarget(ctx, by);
  if (key === undefined) throw new ParamError(by.name, "is required");
  return { item: items(ctx, c).find((i) => i[by.name] !== undefined && String(i[by.name]) === key), key: `${by.name} ${key}` };
}

function notFound(ctx: CallContext, c: CollectionShape, what: string): Reply {
  return ctx.errors.notFound(`no ${c.name} with ${what}`, c.name);
}

function listHandler(op: Operation, c: CollectionShape, answers: Answers): Handler {
  const shape = op.list!;
  const paging = op.paging;
  const pageNames = paging ? [paging.pageSize.name, paging.pageNumber.name] : [];
  // The page object (the list's parent) echoes the page parameters it has fields for.
  const pageView = objectView(schemaAt(op.success!.json!.schema, shape.itemsPath.slice(0, -1)));
  const echoed = pageNames.filter((n) => pageView.properties[n] !== undefined);
  const parent = shape.itemsPath.slice(0, -1);
  const filters = op.parametersIn.query.filter((p) => !pageNames.includes(p.name));
  const rule = (p: Parameter, fallback: number): { default: number; min?: number; max?: number } => ({
    default: typeof p.schema.default === "number" ? p.schema.default : fallback,
    ...(typeof p.schema.minimum === "number" ? { min: p.schema.minimum } : { min: 1 }),
    ...(typeof p.schema.maximum === "number" ? { max: p.schema.maximum } : {}),
  });
  // Everything that depends on the operation only is read once, here, not per request.
  const sizeRule = paging ? rule(paging.pageSize, DEFAULT_PAGE_SIZE) : undefined;
  const numberRule = paging ? rule(paging.pageNumber, 1) : undefined;
  const echoedPaths = echoed.map((name) => ({ name, path: [...parent, name] }));
  const projections = new ProjectionCache(c.listView);

  return (ctx) => {
    let list = filter(items(ctx, c), filters, ctx.query, c.listView);
    const fills: Array<[string[], unknown]> = [];
    if (paging) {
      const pageSize = intParam(ctx.query, paging.pageSize.name, sizeRule!);
      const pageNumber = intParam(ctx.query, paging.pageNumber.name, numberRule!);
      const page = paginate(list, pageSize, ctx.faults.repeatPage ? 1 : pageNumber);
      list = page.list;
      fills.push([paging.list.totalPath, page.total + (ctx.faults.growingTotal ?? 0)]);
      for (const { name, path } of echoedPaths) fills.push([path, name === paging.pageSize.name ? pageSize : pageNumber]);
    } else if (shape.totalPath) {
      fills.push([shape.totalPath, list.length]);
    }
    fills.push([shape.itemsPath, list.map((i) => projections.project(i))]);
    const reply = answers.reply(op, fills);
    // The page's records are kept projections with their JSON text remembered: the answer's text is assembled.
    assembleJson(reply.body);
    return reply;
  };
}

/**
 * Query parameters other than paging, as the spec names them: `sort` orders by a field (`-field` descending),
 * a parameter named like a field filters on it, and any other string parameter is a keyword search.
 */
function filter(all: Item[], params: Parameter[], query: URLSearchParams, view: ObjectView): Item[] {
  let out: Item[] = all;
  for (const p of params) {
    const values = query.getAll(p.name);
    if (values.length > 1) throw new ParamError(p.name, "must be given once");
    const raw = values[0];
    if (raw === undefined || raw === "") continue;
    if (p.name === "sort") {
      const descending = raw.startsWith("-");
      const field = descending ? raw.slice(1) : raw;
      if (view.closed && view.properties[field] === undefined) {
        throw new ParamError("sort", `must be a field name, optionally prefixed with "-" (got "${raw}")`);
      }
      out = sortByField(out, field, descending);
    } else if (fieldOf(p, view) !== undefined) {
      const field = fieldOf(p, view)!;
      const wanted = new Set(commaSeparated(p) ? raw.split(",") : [raw]);
      out = out.filter((i) => (Array.isArray(i[field]) ? (i[field] as unknown[]).map(String) : [String(i[field])]).some((v) => wanted.has(v)));
    } else if (typeOf(p.schema) === "string") {
      out = search(out, raw, (i) => searchable(i));
    }
  }
  return out;
}

/** The field a filter parameter names: itself (`type`), or the singular of a plural (`roomIds` -> `roomId`). */
function fieldOf(p: Parameter, view: ObjectView): string | undefined {
  if (view.properties[p.name] !== undefined) return p.name;
  const singular = p.name.endsWith("s") ? p.name.slice(0, -1) : undefined;
  return singular !== undefined && view.properties[singular] !== undefined ? singular : undefined;
}

/** A parameter whose one value lists several, comma-separated: as its pattern shows, or an unexploded array. */
function commaSeparated(p: Parameter): boolean {
  const schema = p.schema as { type?: unknown; pattern?: unknown };
  return (typeof schema.pattern === "string" && schema.pattern.includes(",")) || (typeOf(p.schema) === "array" && !p.explode);
}

/** Every scalar field, and the full name where the record has a first and a last name ("user name" searches). */
function searchable(item: Item): string[] {
  const out: string[] = [];
  let first: string | undefined;
  let last: string | undefined;
  for (const [key, value] of Object.entries(item)) {
    if (typeof value === "string" || typeof value === "number") out.push(String(value));
    else if (Array.isArray(value)) for (const v of value) if (typeof v === "string") out.push(v);
    const hint = typeof value === "string" ? hintFor(key) : undefined;
    if (hint === "firstName") first = value as string;
    if (hint === "lastName") last = value as string;
  }
  if (first !== undefined && last !== undefined) out.push(`${first} ${last}`);
  return out;
}

function schemaAt(schema: Record<string, unknown>, path: string[]): Record<string, unknown> {
  let s = schema;
  for (const name of path) s = objectView(s).properties[name] ?? {};
  return s;
}

function bodyObject(ctx: CallContext): Item {
  if (ctx.json && typeof ctx.json === "object" && !Array.isArray(ctx.json)) return ctx.json as Item;
  return Object.fromEntries(ctx.form.entries());
}

function createHandler(op: Operation, b: Extract<Behaviour, { kind: "create" }>, answers: Answers, seed: number): Handler {
  const c = b.collection;
  let rng: Rng | undefined;
  let ids: IdAllocator | undefined;
  return (ctx) => {
    const list = items(ctx, c);
    if (!rng || !ids) {
      rng = streamFor(seed, `${c.name}#create`);
      ids = new IdAllocator(rng);
    }
    for (const field of c.idFields) for (const i of list) ids.seen(field, i[field]);
    const record = newRecord(c, rng, ids, list.length + 1, bodyObject(ctx));
    list.push(record);
    return answers.reply(op, b.itemPath && b.view ? [[b.itemPath, project(record, b.view)]] : []);
  };
}

function updateHandler(op: Operation, b: Extract<Behaviour, { kind: "update" }>, answers: Answers): Handler {
  const c = b.collection;
  const view = objectView(recordSchema(c));
  return (ctx) => {
    const found = find(ctx, c, b.by);
    if (!found.item) return notFound(ctx, c, found.key);
    const given = Object.entries(bodyObject(ctx)).filter(([k]) => view.properties[k] !== undefined && !c.idFields.includes(k));
    if (b.mode === "replace") {
      // A full overwrite: what the body leaves out is gone, except the identifiers and what the schema requires.
      for (const key of Object.keys(found.item)) {
        if (!c.idFields.includes(key) && !view.required.includes(key)) delete found.item[key];
      }
    }
    for (const [k, v] of given) found.item[k] = v;
    return answers.reply(op, b.itemPath && b.view ? [[b.itemPath, project(found.item, b.view)]] : []);
  };
}

function removeHandler(op: Operation, b: Extract<Behaviour, { kind: "remove" }>, answers: Answers): Handler {
  const c = b.collection;
  return (ctx) => {
    const list = items(ctx, c);
    if (b.by.in === "bodyIds") {
      const raw = getAt(ctx.json, b.by.path);
      const wanted = new Set((Array.isArray(raw) ? raw : []).map(String));
      const field = c.idField!;
      ctx.state.dataset.collections[c.name] = list.filter((i) => !wanted.has(String(i[field])));
      return answers.reply(op);
    }
    if (b.by.in === "query") {
      const wanted = new Set(ctx.query.getAll(b.by.name).flatMap((v) => v.split(",")));
      const field = b.by.name;
      ctx.state.dataset.collections[c.name] = list.filter((i) => !wanted.has(String(i[field])));
      return answers.reply(op);
    }
    const found = find(ctx, c, b.by);
    if (!found.item) return notFound(ctx, c, found.key);
    list.splice(list.indexOf(found.item), 1);
    return answers.reply(op);
  };
}
