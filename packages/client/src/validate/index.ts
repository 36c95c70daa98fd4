// @yeastar-openapi/client/validate: opt-in checking of every success body against the spec's
// response schema for its operation. Unknown fields are never drift (Yeastar adds fields between
// releases); a missing required field, a wrong type or an unknown enum value is, reported as a
// warning or thrown as YeastarValidationError, by choice.
import { YeastarResponseError, type YeastarApiName } from "@yeastar-openapi/client";
import type { Middleware } from "openapi-fetch";
import { OPERATION_FACTS, operationIdOf } from "../hooks/facts.js";
import { isSecretName } from "../hooks/redact.js";
import { validatorFor, type ErrorObject } from "./schemas.js";

/** One way a body differs from the spec. */
export interface ValidationIssue {
  /** JSON pointer to the offending value (`/data/list/3/userType`), or to the missing field. */
  pointer: string;
  /** `required` (a missing field), `type`, `enum` (a value the spec does not list), or another JSON Schema keyword. */
  kind: string;
  /** What is wrong, without the value when the field's name looks secret. */
  message: string;
}

/** A success body that does not match the spec's schema for its operation (`mode: "error"`). */
export class YeastarValidationError extends YeastarResponseError {
  override readonly name: string = "YeastarValidationError";
  /** The spec's operationId (`listYcmUsers`). */
  readonly operationId: string;
  /** JSON pointer of the first issue. */
  readonly pointer: string;
  readonly issues: readonly ValidationIssue[];
  /** Yeastar's requestId from the body, when it has one. */
  readonly requestId: string | undefined;

  constructor(init: { api: YeastarApiName; operationId: string; method: string; path: string; url: string; status: number; issues: ValidationIssue[]; requestId?: string | undefined }) {
    const shown = init.issues.slice(0, 3).map((issue) => `${issue.pointer || "/"}: ${issue.message}`);
    const more = init.issues.length > 3 ? ` (and ${init.issues.length - 3} more)` : "";
    const id = init.requestId ? ` (requestId ${init.requestId})` : "";
    super(`${init.api} ${init.operationId} (${init.method} ${init.path}): the response does not match the spec: ${shown.join("; ")}${more}${id}`, {
      api: init.api,
      operation: `${init.method} ${init.path}`,
      method: init.method,
      url: init.url,
      status: init.status,
    });
    this.operationId = init.operationId;
    this.pointer = init.issues[0]?.pointer ?? "";
    this.issues = init.issues;
    this.requestId = init.requestId;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), operationId: this.operationId, pointer: this.pointer, issues: this.issues, requestId: this.requestId };
  }
}

export interface ValidateResponsesOptions {
  /** "warn" (default): tell `onWarning` and return the body; "error": throw YeastarValidationError. */
  mode?: "warn" | "error";
  /** Where warnings go (default console.warn); pass the client's `onWarning`, or a logger's warn. */
  onWarning?: (message: string, error: YeastarValidationError) => void;
}

interface UsesMiddleware {
  use(...middleware: Middleware[]): void;
}

const MODES = ["warn", "error"];
const OPTION_NAMES = ["mode", "onWarning"];

/**
 * Checks every success body `client` receives (each call and each page of `paginate`) against
 * the spec's schema for its operation, compiled with Ajv on the operation's first response.
 * Returns the middleware it registered, for `client.eject()`. Calls then go through
 * openapi-fetch's middleware path: slower than without, which is why it is opt-in.
 */
export function validateResponses(client: UsesMiddleware, options: ValidateResponsesOptions = {}): Middleware {
  if (typeof client?.use !== "function") throw new TypeError("validateResponses: pass a client made by createYcmClient() or createWorkplaceClient()");
  if (typeof options !== "object" || options === null) throw new TypeError("validateResponses: options must be an object");
  for (const key of Object.keys(options)) {
    if (!OPTION_NAMES.includes(key)) throw new TypeError(`validateResponses: unknown option "${key}"; the options are ${OPTION_NAMES.join(", ")}`);
  }
  const { mode = "warn", onWarning = (message: string) => console.warn(message) } = options;
  if (!MODES.includes(mode)) throw new TypeError(`validateResponses: mode must be "warn" or "error", got ${JSON.stringify(mode)}`);
  if (typeof onWarning !== "function") throw new TypeError("validateResponses: onWarning must be a function");

  const middleware: Middleware = {
    async onResponse({ request, response, schemaPath }) {
      const error = await check(request, response, schemaPath);
      if (!error) return undefined;
      if (mode === "error") throw error;
      onWarning(error.message, error);
      return undefined;
    },
  };
  client.use(middleware);
  return middleware;
}

/** The error `response` stands for, or undefined when its body matches (or the spec has no schema for it). */
async function check(request: Request, response: Response, path: string): Promise<YeastarValidationError | undefined> {
  if (!response.ok) return undefined;
  const found = operationOf(request.method, path);
  if (!found) return undefined;
  const validate = validatorFor(found.api, found.operationId);
  if (!validate) return undefined;
  let body: unknown;
  try {
    body = await response.clone().json();
  } catch {
    // An empty or non-JSON success was already turned into an error by the client, when it is one.
    return undefined;
  }
  if (validate(body)) return undefined;
  const url = new URL(request.url);
  const requestId = (body as { requestId?: unknown })?.requestId;
  return new YeastarValidationError({
    api: found.api,
    operationId: found.operationId,
    method: request.method,
    path,
    // Without the query string: it may carry an access_token.
    url: url.origin + url.pathname,
    status: response.status,
    issues: issuesOf(validate.errors ?? [], OPERATION_FACTS[found.api].secretFields),
    requestId: typeof requestId === "string" ? requestId : undefined,
  });
}

function operationOf(method: string, path: string): { api: YeastarApiName; operationId: string } | undefined {
  for (const api of Object.keys(OPERATION_FACTS) as YeastarApiName[]) {
    const operationId = operationIdOf(api, method, path);
    if (operationId) return { api, operationId };
  }
  return undefined;
}

/** Ajv's errors as issues, one per pointer and kind; the summary errors of oneOf/anyOf dropped when a branch says more. */
function issuesOf(errors: readonly ErrorObject[], secretFields: readonly string[] = []): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    const issue = issueOf(error, secretFields);
    const key = `${issue.pointer} ${issue.kind} ${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  const detailed = issues.filter((issue) => issue.kind !== "oneOf" && issue.kind !== "anyOf");
  return detailed.length ? detailed : issues;
}

function issueOf(error: ErrorObject, secretFields: readonly string[]): ValidationIssue {
  const field = error.instancePath.split("/").pop() ?? "";
  const secret = isSecretName(field, secretFields);
  switch (error.keyword) {
    case "required": {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      return { pointer: `${error.instancePath}/${missing.replaceAll("~", "~0").replaceAll("/", "~1")}`, kind: "required", message: "a required field is missing" };
    }
    case "type":
      return { pointer: error.instancePath, kind: "type", message: `should be ${String((error.params as { type: unknown }).type)}, got ${typeName(error.data)}` };
    case "enum": {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues;
      const got = secret ? "a value" : show(error.data);
      return { pointer: error.instancePath, kind: "enum", message: `${got} is not one of ${allowed.map(show).join(", ")}` };
    }
    case "const":
      return { pointer: error.instancePath, kind: "enum", message: `${secret ? "a value" : show(error.data)} is not ${show((error.params as { allowedValue: unknown }).allowedValue)}` };
    default:
      return { pointer: error.instancePath, kind: error.keyword, message: error.message ?? error.keyword };
  }
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
