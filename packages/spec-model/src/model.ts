import type { HttpMethod } from "./methods.js";
import { readOperations } from "./operations.js";
import { escapePointerSegment, isObject, pointerOf, type JsonObject } from "./pointer.js";
import { RefResolver } from "./refs.js";
import type { ErrorCode, Operation, Response, Schema, Webhook } from "./types.js";

/** Component schemas whose name ends so, with `enum` + `x-enum-varnames`, are a product's error-code table. */
const ERROR_CODE_SCHEMA = /ErrorCode$/;

/**
 * One bundled OpenAPI description, read once: everything the generators, the mock server, the docs and the
 * tests ask of the spec. Built by loadSpec(); every answer is computed at construction, so reads are cheap.
 */
export class SpecModel {
  readonly refs: RefResolver;
  readonly operations: readonly Operation[];
  readonly webhooks: readonly Webhook[];
  /** The error codes of the product (`YcmErrorCode`), in the spec's order; empty when it publishes none. */
  readonly errorCodes: readonly ErrorCode[];
  private readonly byId = new Map<string, Operation>();
  private readonly codeByName = new Map<string, number>();
  private readonly nameByCode = new Map<number, string>();

  constructor(
    /** The API's name, e.g. `ycm` (from the bundle's file name, or given). */
    readonly api: string,
    /** The bundled document itself (not copied: treat it as read-only). */
    readonly document: JsonObject,
  ) {
    if (!isObject(document) || typeof document.openapi !== "string") throw new Error(`The ${api} description is not an OpenAPI document`);
    this.refs = new RefResolver(document);
    const paths = isObject(document.paths) ? document.paths : {};
    this.operations = Object.keys(paths).flatMap((path) => readOperations(this.refs, { api, path, pointer: pointerOf(["paths", path]) }));
    for (const op of this.operations) {
      if (this.byId.has(op.operationId)) throw new Error(`Duplicate operationId ${op.operationId} in the ${api} description`);
      this.byId.set(op.operationId, op);
    }
    const webhooks = isObject(document.webhooks) ? document.webhooks : {};
    this.webhooks = Object.keys(webhooks).flatMap((event) =>
      readOperations(this.refs, { api, path: event, pointer: pointerOf(["webhooks", event]) }).map((op) => ({ ...op, event })),
    );
    this.errorCodes = readErrorCodes(document);
    for (const { code, name } of this.errorCodes) {
      this.codeByName.set(name, code);
      this.nameByCode.set(code, name);
    }
  }

  get info(): JsonObject {
    return isObject(this.document.info) ? this.document.info : {};
  }

  /** The first server's URL with its variables' defaults filled in. */
  get defaultServerUrl(): string {
    const server = Array.isArray(this.document.servers) ? (this.document.servers[0] as JsonObject | undefined) : undefined;
    if (!server || typeof server.url !== "string") throw new Error(`The ${this.api} description has no server`);
    const variables = isObject(server.variables) ? server.variables : {};
    return server.url.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = (variables[name] as JsonObject | undefined)?.default;
      if (typeof value !== "string") throw new Error(`Server variable {${name}} of ${this.api} has no default`);
      return value;
    });
  }

  /** The operation with this operationId; throws naming the known ones when there is none. */
  operation(operationId: string): Operation {
    const op = this.byId.get(operationId);
    if (!op) throw new Error(`The ${this.api} description has no operation ${JSON.stringify(operationId)}`);
    return op;
  }

  hasOperation(operationId: string): boolean {
    return this.byId.has(operationId);
  }

  /** The operation at this method and path template, if any. */
  find(method: HttpMethod | Uppercase<HttpMethod>, path: string): Operation | undefined {
    const m = method.toLowerCase();
    return this.operations.find((op) => op.method === m && op.path === path);
  }

  /** Names of the component schemas. */
  get schemaNames(): string[] {
    const components = isObject(this.document.components) ? this.document.components : {};
    return Object.keys(isObject(components.schemas) ? components.schemas : {});
  }

  /** A component schema by name, resolved. */
  schema(name: string): Schema {
    if (!this.schemaNames.includes(name)) throw new Error(`The ${this.api} description has no schema ${JSON.stringify(name)}`);
    return this.refs.schemaAt(`/components/schemas/${escapePointerSegment(name)}`);
  }

  /** The response documented for an HTTP status: exact (`404`), then its range (`4XX`), then `DEFAULT`. */
  response(op: Operation, status: number): Response | undefined {
    for (const key of [String(status), `${String(status)[0]}XX`, "DEFAULT"]) {
      const hit = op.responses.find((r) => r.status === key);
      if (hit) return hit;
    }
    return undefined;
  }

  /** The code of a named error (`INVALID_PARAMETER`); throws for a name the spec does not list. */
  errorCode(name: string): number {
    const code = this.codeByName.get(name);
    if (code === undefined) throw new Error(`The ${this.api} description lists no error code named ${name}`);
    return code;
  }

  /** The name of an error code, if the spec lists it. */
  errorName(code: number): string | undefined {
    return this.nameByCode.get(code);
  }
}

function readErrorCodes(document: JsonObject): ErrorCode[] {
  const schemas = isObject(document.components) && isObject(document.components.schemas) ? document.components.schemas : {};
  const out: ErrorCode[] = [];
  for (const [name, schema] of Object.entries(schemas)) {
    if (!ERROR_CODE_SCHEMA.test(name) || !isObject(schema)) continue;
    const codes = schema.enum;
    const names = schema["x-enum-varnames"];
    if (!Array.isArray(codes) || !Array.isArray(names) || codes.length !== names.length) {
      throw new Error(`Schema ${name} must have an enum and an x-enum-varnames of the same length`);
    }
    codes.forEach((code, i) => out.push({ code: Number(code), name: String(names[i]) }));
  }
  return out;
}
