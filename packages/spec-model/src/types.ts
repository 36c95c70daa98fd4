import type { HttpMethod } from "./methods.js";
import type { JsonObject } from "./pointer.js";

/** A JSON Schema with every `$ref` resolved (see RefResolver.schema). */
export type Schema = JsonObject;

export type ParameterLocation = "query" | "path" | "header" | "cookie";

export interface NamedExample {
  /** The key under `examples`, or `example` for a lone `example`. */
  name: string;
  summary?: string;
  value: unknown;
}

export interface Parameter {
  name: string;
  in: ParameterLocation;
  required: boolean;
  description?: string;
  /** Resolved schema (`{}` for a content-typed parameter). */
  schema: Schema;
  /** Where the schema lives in the document (for validators that `$ref` into it). */
  schemaPointer: string;
  /** The first example (parameter's `example`, first of `examples`, or its schema's `example`). */
  example?: unknown;
  examples: NamedExample[];
  /** Where the parameter object lives. */
  pointer: string;
  /** How the value is serialised, OpenAPI's defaults applied (query and cookie: `form`; path and header: `simple`). */
  style: string;
  /** Whether arrays and objects are exploded (OpenAPI's default: true for `form`, else false). */
  explode: boolean;
  /** A path parameter marked `x-yeastar-path-wildcard: true`: it stands for the rest of the path, slashes included. */
  wildcard?: true;
}

export interface MediaType {
  /** Lower case, without parameters, e.g. `application/json`. */
  mediaType: string;
  schema: Schema;
  schemaPointer: string;
  /** The first example (media `example`, first of `examples`, or the schema's `example`). */
  example?: unknown;
  examples: NamedExample[];
}

export interface RequestBody {
  required: boolean;
  description?: string;
  pointer: string;
  content: MediaType[];
  /** The JSON media type, if any (`application/json` or a `+json` type). */
  json?: MediaType;
  /** The `application/x-www-form-urlencoded` media type, if any. */
  form?: MediaType;
}

export interface Response {
  /** As written in the spec, upper case: `200`, `4XX`, `DEFAULT`. */
  status: string;
  description?: string;
  pointer: string;
  content: MediaType[];
  json?: MediaType;
}

/** One alternative of a `security` list: scheme name -> scopes. `{}` means anonymous is allowed. */
export type SecurityRequirement = Record<string, string[]>;

/** Where a list's items sit in a response body, detected from the schema. */
export interface ListShape {
  /** The status of the response that carries the list. */
  status: string;
  /** Property names from the body to the array, e.g. `["data", "list"]` or `["data"]`. */
  itemsPath: string[];
  /** Property names from the body to the total count, e.g. `["data", "total"]`, when the page has one. */
  totalPath?: string[];
  /** The array's item schema (resolved). */
  itemSchema: Schema;
  itemSchemaPointer: string;
  /** The component name of the item schema (`YcmUser`), when it is a named component. */
  itemSchemaName?: string;
}

/** A paged list: the page-size and page-number query parameters plus the page shape. */
export interface Paging {
  pageSize: Parameter;
  pageNumber: Parameter;
  list: ListShape & { totalPath: string[] };
}

export interface Operation {
  /** The API the operation belongs to, e.g. `ycm`. */
  api: string;
  operationId: string;
  method: HttpMethod;
  /** The path template (`/dm/open_api/v1/users/{userId}`); for a webhook, its name. */
  path: string;
  /** Where the operation object lives in the document. */
  pointer: string;
  tags: string[];
  summary?: string;
  description?: string;
  deprecated: boolean;
  /** Path-level and operation-level parameters merged (the operation's win). */
  parameters: Parameter[];
  parametersIn: Record<ParameterLocation, Parameter[]>;
  requestBody?: RequestBody;
  responses: Response[];
  /** The effective `security` (the operation's, or the root's when it has none). */
  security: SecurityRequirement[];
  /** Whether a call must carry credentials (a non-empty requirement and no anonymous alternative). */
  needsToken: boolean;
  /** The first 2XX response (the success answer). */
  success?: Response;
  /** Present when the success body carries an array of objects. */
  list?: ListShape;
  /** Present when the operation is a paged list (page parameters + a page with a total). */
  paging?: Paging;
  /** The raw operation object, for anything the model does not answer yet. */
  node: JsonObject;
}

export interface Webhook extends Operation {
  /** The key under the document's top-level `webhooks`. */
  event: string;
}

export interface ErrorCode {
  code: number;
  name: string;
}
