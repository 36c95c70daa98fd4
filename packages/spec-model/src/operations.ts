import { HTTP_METHODS, type HttpMethod } from "./methods.js";
import { findList, findPaging } from "./paging.js";
import { escapePointerSegment, isObject, type JsonObject } from "./pointer.js";
import type { RefResolver } from "./refs.js";
import type {
  MediaType,
  NamedExample,
  Operation,
  Parameter,
  ParameterLocation,
  RequestBody,
  Response,
  SecurityRequirement,
} from "./types.js";

/** Reads operations (and webhooks, which are operations keyed by event name) out of a bundled document. */

const LOCATIONS: readonly ParameterLocation[] = ["query", "path", "header", "cookie"];

export interface PathItemSource {
  api: string;
  /** The path template, or the webhook's event name. */
  path: string;
  /** Pointer of the path item (`/paths/~1a` or `/webhooks/x`). */
  pointer: string;
}

export function readOperations(refs: RefResolver, source: PathItemSource): Operation[] {
  const item = refs.at(source.pointer);
  const out: Operation[] = [];
  for (const method of HTTP_METHODS) {
    if (!isObject(item.node[method])) continue;
    out.push(readOperation(refs, source, item.node, item.pointer, method));
  }
  return out;
}

function readOperation(refs: RefResolver, source: PathItemSource, item: JsonObject, itemPointer: string, method: HttpMethod): Operation {
  const pointer = `${itemPointer}/${method}`;
  const op = refs.at(pointer).node;
  const label = `${method.toUpperCase()} ${source.path}`;
  if (typeof op.operationId !== "string" || op.operationId === "") throw new Error(`Spec operation ${label} has no operationId`);

  // Path-level parameters apply unless the operation redefines the same name and location.
  const byKey = new Map<string, Parameter>();
  const collect = (list: unknown, base: string): void => {
    if (!Array.isArray(list)) return;
    list.forEach((_, i) => {
      const p = readParameter(refs, `${base}/parameters/${i}`);
      byKey.set(`${p.in}:${p.name}`, p);
    });
  };
  collect(item.parameters, itemPointer);
  collect(op.parameters, pointer);
  const parameters = [...byKey.values()];
  const parametersIn = Object.fromEntries(LOCATIONS.map((l) => [l, parameters.filter((p) => p.in === l)])) as Operation["parametersIn"];

  const requestBody = op.requestBody === undefined ? undefined : readRequestBody(refs, `${pointer}/requestBody`);
  const responses = Object.keys(isObject(op.responses) ? op.responses : {}).map((status) =>
    readResponse(refs, status, `${pointer}/responses/${escapePointerSegment(status)}`),
  );
  const security = (Array.isArray(op.security) ? op.security : Array.isArray(refs.document.security) ? refs.document.security : []) as SecurityRequirement[];
  const needsToken = security.length > 0 && !security.some((r) => Object.keys(r).length === 0);
  const success = responses.find((r) => /^2(\d\d|XX)$/.test(r.status));
  const list = success ? findList(refs, success) : undefined;
  const paging = list ? findPaging(parametersIn.query, list) : undefined;

  return {
    api: source.api,
    operationId: op.operationId,
    method,
    path: source.path,
    pointer,
    tags: Array.isArray(op.tags) ? op.tags.map(String) : [],
    ...(typeof op.summary === "string" ? { summary: op.summary } : {}),
    ...(typeof op.description === "string" ? { description: op.description } : {}),
    deprecated: op.deprecated === true,
    parameters,
    parametersIn,
    ...(requestBody ? { requestBody } : {}),
    responses,
    security,
    needsToken,
    ...(success ? { success } : {}),
    ...(list ? { list } : {}),
    ...(paging ? { paging } : {}),
    node: op,
  };
}

function readParameter(refs: RefResolver, at: string): Parameter {
  const { node, pointer } = refs.at(at);
  const location = node.in as ParameterLocation;
  if (typeof node.name !== "string" || !LOCATIONS.includes(location)) throw new Error(`Spec parameter at #${pointer} needs a name and a valid "in"`);
  let schemaPointer = `${pointer}/schema`;
  let schema: JsonObject = {};
  if (node.schema !== undefined) {
    schema = refs.schema(node.schema, schemaPointer);
  } else if (isObject(node.content)) {
    // A content-typed parameter: its schema sits under the (single) media type.
    const type = Object.keys(node.content)[0];
    if (type !== undefined) {
      schemaPointer = `${pointer}/content/${escapePointerSegment(type)}/schema`;
      schema = refs.schema((node.content[type] as JsonObject).schema ?? {}, schemaPointer);
    }
  }
  const examples = readExamples(refs, node, schema);
  const style = typeof node.style === "string" ? node.style : location === "query" || location === "cookie" ? "form" : "simple";
  return {
    name: node.name,
    in: location,
    required: node.required === true || location === "path",
    ...(typeof node.description === "string" ? { description: node.description } : {}),
    schema,
    schemaPointer,
    ...(examples.length ? { example: examples[0]?.value } : {}),
    examples,
    pointer,
    style,
    explode: typeof node.explode === "boolean" ? node.explode : style === "form",
    ...(node["x-yeastar-path-wildcard"] === true ? { wildcard: true as const } : {}),
  };
}

function readMedia(refs: RefResolver, base: string, content: unknown): MediaType[] {
  if (!isObject(content)) return [];
  return Object.entries(content).map(([type, raw]) => {
    const schemaPointer = `${base}/content/${escapePointerSegment(type)}/schema`;
    const media = isObject(raw) ? raw : {};
    const schema = media.schema === undefined ? {} : refs.schema(media.schema, schemaPointer);
    const examples = readExamples(refs, media, schema);
    return {
      mediaType: type.split(";")[0]!.trim().toLowerCase(),
      schema,
      schemaPointer,
      ...(examples.length ? { example: examples[0]?.value } : {}),
      examples,
    };
  });
}

const isJson = (m: MediaType): boolean => m.mediaType === "application/json" || m.mediaType.endsWith("+json");

function readRequestBody(refs: RefResolver, at: string): RequestBody {
  const { node, pointer } = refs.at(at);
  const content = readMedia(refs, pointer, node.content);
  const json = content.find(isJson);
  const form = content.find((m) => m.mediaType === "application/x-www-form-urlencoded");
  return {
    required: node.required === true,
    ...(typeof node.description === "string" ? { description: node.description } : {}),
    pointer,
    content,
    ...(json ? { json } : {}),
    ...(form ? { form } : {}),
  };
}

function readResponse(refs: RefResolver, status: string, at: string): Response {
  const { node, pointer } = refs.at(at);
  const content = readMedia(refs, pointer, node.content);
  const json = content.find(isJson);
  return {
    status: status.toUpperCase(),
    ...(typeof node.description === "string" ? { description: node.description } : {}),
    pointer,
    content,
    ...(json ? { json } : {}),
  };
}

/** `example`, then every entry of `examples` (each may be a `$ref` to components/examples), then the schema's. */
function readExamples(refs: RefResolver, holder: JsonObject, schema: JsonObject): NamedExample[] {
  const out: NamedExample[] = [];
  if (holder.example !== undefined) out.push({ name: "example", value: holder.example });
  if (isObject(holder.examples)) {
    for (const [name, raw] of Object.entries(holder.examples)) {
      const example = refs.resolve<JsonObject>(raw);
      if (example.value === undefined) continue;
      out.push({ name, ...(typeof example.summary === "string" ? { summary: example.summary } : {}), value: example.value });
    }
  }
  if (out.length === 0 && schema.example !== undefined) out.push({ name: "example", value: schema.example });
  if (out.length === 0 && Array.isArray(schema.examples) && schema.examples.length) out.push({ name: "example", value: schema.examples[0] });
  return out;
}
