// The facts the runtime needs from the spec, in the shape scripts/generate-client-meta.mjs
// writes them (src/generated/*.ts). Reading limits from there, never restating them by hand,
// keeps the client's checks in step with the spec. The shape is the one the client looks
// things up in (method, then path, then parameter name), and leaves out what is the usual
// case (a token is needed, a parameter is optional, a JSON body): it ships in browser bundles.

export type ParamType = "integer" | "number" | "string" | "boolean";

/** What the spec says about one query or path parameter. */
export interface ParamRule {
  readonly required?: true;
  readonly type?: ParamType;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly pattern?: string;
  readonly enum?: readonly (string | number)[];
}

/** Parameters by name. */
export type ParamRules = Readonly<Record<string, ParamRule>>;

export interface OperationMeta {
  readonly query?: ParamRules;
  readonly path?: ParamRules;
  /** The request body is application/x-www-form-urlencoded. */
  readonly form?: true;
  /** The operation needs no bearer token (the token endpoints). */
  readonly noAuth?: true;
  /** A paged list: the query parameter that carries the page number (`pageNumber`, `pageNo`). */
  readonly pageParam?: string;
}

export interface ApiSpecMeta {
  /** The first server of the spec with its variables at their defaults. */
  readonly defaultBaseUrl: string;
  /** By method (upper case), then by path as the spec writes it. */
  readonly operations: Readonly<Record<string, Readonly<Record<string, OperationMeta>>>>;
  /** Published error codes and their names (YCM); empty where none are published. */
  readonly errorCodes: Readonly<Record<number, string>>;
}
