import type { IncomingHttpHeaders } from "node:http";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import * as formatsModule from "ajv-formats";
import type { FormatsPlugin } from "ajv-formats";
import type { Operation, SpecModel } from "@yeastar-openapi/spec-model";
import type { ApiName } from "./envelopes.js";

/**
 * Checks requests and the mock's own responses against the bundled OpenAPI documents.
 *
 * Each document is registered whole under an $id, and every check is a tiny schema that `$ref`s a pointer into
 * it; the `#/components/...` refs inside then resolve against the same document, exactly as in the spec.
 */

// ajv-formats is CommonJS: its default export arrives as the module itself or under .default, depending on the loader.
const addFormats = ((formatsModule as unknown as { default?: FormatsPlugin }).default ?? formatsModule) as FormatsPlugin;

export interface RequestData {
  pathParams: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Media type without parameters, lower case; undefined when the request had no Content-Type. */
  contentType: string | undefined;
  /** Parsed form body; undefined when the body was absent or not a form. */
  form: URLSearchParams | undefined;
  /** Parsed JSON body; undefined when the body was absent or not JSON. */
  json?: unknown;
  bodyLength: number;
}

interface ParamCheck {
  location: "query" | "path" | "header";
  name: string;
  array: boolean;
  /** An array sent once, its items comma-separated (`regionIds=3,4`: style form, explode false). */
  commaSeparated: boolean;
}

interface CompiledOperation {
  op: Operation;
  params: ParamCheck[];
  /** One validator per location, over an object of that location's parameters. */
  paramValidators: Partial<Record<ParamCheck["location"], ValidateFunction>>;
  body?: { required: boolean; media: Map<string, ValidateFunction> };
  responses: Map<string, ValidateFunction | null>;
}

// OpenAPI says these header "parameters" are ignored: they are governed by other parts of the description.
const IGNORED_HEADERS = new Set(["accept", "content-type", "authorization"]);

export class SpecValidator {
  readonly operations = new Map<string, Operation>();
  private readonly compiled = new Map<string, CompiledOperation>();
  private readonly apiErrors = new Map<ApiName, Map<string, ValidateFunction | null>>();
  private readonly webhooks = new Map<string, ValidateFunction>();
  // Requests are coerced (query strings are strings); responses must match the spec exactly, so no coercion.
  // allErrors on requests too: picking the oneOf branch the client meant needs every branch's errors.
  private readonly requestAjv = makeAjv({ coerceTypes: true, allErrors: true });
  private readonly responseAjv = makeAjv({ coerceTypes: false, allErrors: true });

  constructor(readonly models: Record<ApiName, SpecModel>) {
    for (const api of Object.keys(models) as ApiName[]) {
      const doc = { ...structuredClone(models[api].document), $id: docId(api) };
      this.requestAjv.addSchema(doc);
      this.responseAjv.addSchema(doc);
      for (const op of models[api].operations) {
        if (this.operations.has(op.operationId)) throw new Error(`Duplicate operationId ${op.operationId} in the specs`);
        this.operations.set(op.operationId, op);
      }
    }
    // Compile everything now: a broken $ref must stop the mock at start, not on the first request that uses it.
    for (const op of this.operations.values()) this.compiled.set(op.operationId, this.compile(op));
  }

  /** Returns a message naming the offending parameter, or null when the request is valid. */
  checkRequest(operationId: string, data: RequestData): string | null {
    const c = this.get(operationId);
    for (const location of ["path", "header", "query"] as const) {
      const validate = c.paramValidators[location];
      if (!validate) continue;
      const values: Record<string, unknown> = {};
      for (const p of c.params) {
        if (p.location !== location) continue;
        // The spec's form for such a list is one parameter; a repeated one is how a client that
        // ignores `explode: false` would send it.
        if (p.commaSeparated && data.query.getAll(p.name).length > 1) {
          return `query parameter ${p.name} must be sent once, its items comma-separated (style form, explode false)`;
        }
        const value = readParam(p, data);
        if (value !== undefined) values[p.name] = value;
      }
      if (!validate(values)) return describe(validate.errors ?? []);
    }
    if (c.body) {
      const hasBody = data.bodyLength > 0 || data.contentType !== undefined;
      if (!hasBody) return c.body.required ? "request body is required" : null;
      const validate = data.contentType === undefined ? undefined : c.body.media.get(data.contentType);
      const value = data.form ? formToObject(data.form) : data.json;
      if (!validate || value === undefined) {
        return `request body must be ${[...c.body.media.keys()].join(" or ")} (got ${data.contentType ?? "no Content-Type"})`;
      }
      if (!validate(value)) return describe(validate.errors ?? []);
    }
    return null;
  }

  /** Returns the spec violations of a response, or null when it conforms. */
  checkResponse(operationId: string, status: number, body: unknown): string[] | null {
    return runResponseCheck(this.get(operationId).responses, status, body, operationId);
  }

  /** For answers to requests that matched no operation: checked against the API's shared error response. */
  checkApiError(api: ApiName, status: number, body: unknown): string[] | null {
    let responses = this.apiErrors.get(api);
    if (!responses) {
      const first = [...this.compiled.values()].find((c) => c.op.api === api);
      if (!first) return [`the ${api} spec has no operations`];
      responses = new Map([...first.responses].filter(([key]) => key !== "200" && !key.startsWith("2")));
      this.apiErrors.set(api, responses);
    }
    return runResponseCheck(responses, status, body, `${api} error`);
  }

  /** The spec violations of a webhook payload the mock is about to send (by the webhook's operationId), or null. */
  checkWebhook(api: ApiName, operationId: string, body: unknown): string[] | null {
    let validate = this.webhooks.get(operationId);
    if (!validate) {
      const hook = this.models[api].webhooks.find((w) => w.operationId === operationId);
      const pointer = hook?.requestBody?.json?.schemaPointer;
      if (!pointer) return [`the ${api} spec has no webhook ${operationId} with a JSON body`];
      validate = this.responseAjv.compile({ $ref: ref(api, pointer) });
      this.webhooks.set(operationId, validate);
    }
    if (validate(body)) return null;
    return (validate.errors ?? []).map((e) => `${operationId}: ${e.instancePath || "(body)"} ${e.message ?? e.keyword}${extra(e)}`);
  }

  private get(operationId: string): CompiledOperation {
    const c = this.compiled.get(operationId);
    if (!c) throw new Error(`The spec has no operation ${operationId}`);
    return c;
  }

  private compile(op: Operation): CompiledOperation {
    const api = op.api as ApiName;
    const params: ParamCheck[] = [];
    const schemas: Record<string, { properties: Record<string, unknown>; required: string[] }> = {};
    for (const p of op.parameters) {
      const location = p.in;
      if (location === "cookie") continue;
      if (location === "header" && IGNORED_HEADERS.has(p.name.toLowerCase())) continue;
      const array = p.schema.type === "array";
      params.push({ location, name: p.name, array, commaSeparated: array && location === "query" && p.style === "form" && !p.explode });
      const target = (schemas[location] ??= { properties: {}, required: [] });
      target.properties[p.name] = { $ref: ref(api, p.schemaPointer) };
      if (p.required) target.required.push(p.name);
    }
    const paramValidators: CompiledOperation["paramValidators"] = {};
    for (const [location, s] of Object.entries(schemas) as Array<[ParamCheck["location"], (typeof schemas)[string]]>) {
      paramValidators[location] = this.requestAjv.compile({ type: "object", properties: s.properties, required: s.required });
    }

    let body: CompiledOperation["body"];
    if (op.requestBody) {
      const media = new Map<string, ValidateFunction>();
      for (const m of op.requestBody.content) media.set(m.mediaType, this.requestAjv.compile({ $ref: ref(api, m.schemaPointer) }));
      body = { required: op.requestBody.required, media };
    }

    const responses = new Map<string, ValidateFunction | null>();
    for (const r of op.responses) {
      responses.set(r.status, r.json ? this.responseAjv.compile({ $ref: ref(api, r.json.schemaPointer) }) : null);
    }
    return { op, params, paramValidators, ...(body ? { body } : {}), responses };
  }
}

function makeAjv(options: { coerceTypes: boolean; allErrors: boolean }): Ajv2020 {
  // strict: false because the registered document is an OpenAPI file, not a pure JSON Schema: its top-level
  // keys and OpenAPI's schema keywords (example, discriminator, x-*) would otherwise be refused.
  const ajv = new Ajv2020({ ...options, strict: false, validateFormats: true });
  addFormats(ajv);
  return ajv;
}

function docId(api: ApiName): string {
  return `https://yeastar-openapi.invalid/spec/${api}.openapi.json`;
}

function ref(api: ApiName, pointer: string): string {
  const fragment = pointer
    .split("/")
    .map((segment) => encodeURIComponent(segment))
    .join("/");
  return `${docId(api)}#${fragment}`;
}

function readParam(p: ParamCheck, data: RequestData): unknown {
  if (p.location === "path") return data.pathParams[p.name];
  if (p.location === "header") {
    const value = data.headers[p.name.toLowerCase()];
    // An empty header carries nothing: a required one (YCM's User-Agent) is as missing as if absent.
    if (value === "") return undefined;
    return Array.isArray(value) && !p.array ? value.join(", ") : value;
  }
  const all = data.query.getAll(p.name);
  if (all.length === 0) return undefined;
  if (p.commaSeparated) return all[0]!.split(",");
  // A repeated scalar stays an array so that the schema's type check refuses it.
  return p.array || all.length > 1 ? all : all[0];
}

function formToObject(form: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    const all = form.getAll(key);
    out[key] = all.length === 1 ? (all[0] as string) : all;
  }
  return out;
}

function runResponseCheck(
  responses: Map<string, ValidateFunction | null>,
  status: number,
  body: unknown,
  label: string,
): string[] | null {
  const range = `${String(status)[0]}XX`;
  const key = [String(status), range, "DEFAULT"].find((k) => responses.has(k));
  if (key === undefined) return [`${label}: HTTP ${status} is not a documented response (documented: ${[...responses.keys()].join(", ")})`];
  const validate = responses.get(key);
  if (!validate) return body === undefined ? null : [`${label}: HTTP ${status} is documented without a JSON body`];
  if (validate(body)) return null;
  return (validate.errors ?? []).map((e) => `${label} HTTP ${status}: ${e.instancePath || "(body)"} ${e.message ?? e.keyword}${extra(e)}`);
}

/**
 * Turns ajv's errors into one message that names the parameter, e.g. `pageSize must be <= 50`.
 *
 * For a oneOf (YCM's token request: one branch per grant_type), a branch whose `const`/`enum` failed is not the one
 * the client meant, so the error of the remaining branch is reported (`refresh_token is required`), not
 * "must match exactly one schema". Branches are told apart by the schema that holds the failing keyword.
 */
function describe(errors: ErrorObject[]): string {
  const specific = errors.filter((e) => e.keyword !== "oneOf" && e.keyword !== "anyOf");
  const branches = new Map<string, ErrorObject[]>();
  for (const e of specific) {
    const key = owningSchema(e.schemaPath);
    branches.set(key, [...(branches.get(key) ?? []), e]);
  }
  const isTagError = (e: ErrorObject): boolean => e.keyword === "const" || e.keyword === "enum";
  const meant = branches.size > 1 ? [...branches.values()].find((list) => !list.some(isTagError)) : specific;
  const chosen = meant?.[0] ?? specific.find(isTagError) ?? specific[0] ?? errors[0];
  if (!chosen) return "request is invalid";
  if (chosen.keyword === "required") return `${String((chosen.params as { missingProperty: string }).missingProperty)} is required`;
  const name = chosen.instancePath.split("/")[1]?.replace(/~1/g, "/").replace(/~0/g, "~") ?? "request";
  if (!meant && isTagError(chosen)) {
    const allowed = specific
      .filter((e) => e.instancePath === chosen.instancePath && isTagError(e))
      .flatMap((e) => (e.keyword === "const" ? [(e.params as { allowedValue: unknown }).allowedValue] : (e.params as { allowedValues: unknown[] }).allowedValues));
    return `${name} must be one of: ${[...new Set(allowed.map(String))].join(", ")}`;
  }
  return `${name} ${chosen.message ?? "is invalid"}${extra(chosen)}`;
}

/** `#/components/schemas/A/properties/x/const` and `#/components/schemas/A/required` both belong to `#/components/schemas/A`. */
function owningSchema(schemaPath: string): string {
  const props = schemaPath.indexOf("/properties/");
  return props >= 0 ? schemaPath.slice(0, props) : schemaPath.slice(0, schemaPath.lastIndexOf("/"));
}

function extra(e: ErrorObject): string {
  if (e.keyword === "enum") return `: ${(e.params as { allowedValues: unknown[] }).allowedValues.map(String).join(", ")}`;
  if (e.keyword === "const") return `: ${String((e.params as { allowedValue: unknown }).allowedValue)}`;
  if (e.keyword === "additionalProperties") return `: ${String((e.params as { additionalProperty: string }).additionalProperty)}`;
  return "";
}
