// The facts the runtime needs from the spec, in the shape scripts/generate-client-meta.mjs
// writes them (src/generated/*.ts). Reading limits from there, never restating them by hand,
// keeps the client's checks in step with the spec.

export type ParamType = "integer" | "number" | "string" | "boolean";

/** What the spec says about one query or path parameter. */
export interface ParamRule {
  readonly name: string;
  readonly in: "query" | "path";
  readonly required: boolean;
  readonly type?: ParamType;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly pattern?: string;
  readonly enum?: readonly (string | number)[];
}

/** How a paged operation names its page parameters. */
export interface PagingRule {
  readonly sizeParam: string;
  readonly numberParam: string;
}

export interface OperationMeta {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  /** The request body is application/x-www-form-urlencoded. */
  readonly form: boolean;
  /** The operation needs the bearer token (false for the token endpoints). */
  readonly auth: boolean;
  readonly params: readonly ParamRule[];
  readonly paging?: PagingRule;
}

export interface ApiSpecMeta {
  /** The first server of the spec with its variables at their defaults. */
  readonly defaultBaseUrl: string;
  /** Keyed `METHOD /path`, the method upper-case. */
  readonly operations: Readonly<Record<string, OperationMeta>>;
  /** Published error codes and their names (YCM); empty where none are published. */
  readonly errorCodes: Readonly<Record<number, string>>;
}

export function operationKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path}`;
}
