// The facts the runtime needs from the spec, in the shape scripts/generate-meta.mjs
// writes them (src/generated/*.ts; *.browser.ts in the browser build). Reading limits from there, never restating them by hand,
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
  /**
   * An array or object query parameter serialised otherwise than the client's default (arrays
   * `form` exploded, objects `deepObject`): the spec's `style` and `explode`, where they differ.
   */
  readonly style?: "form" | "spaceDelimited" | "pipeDelimited" | "deepObject";
  readonly explode?: boolean;
  /** A path parameter that stands for the rest of the path (`x-yeastar-path-wildcard`): its slashes are sent as slashes. */
  readonly wildcard?: true;
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

/** The usual case of an API's operations, in the browser build (see usualOperation). */
export interface UsualOperation {
  /** The rule of each query parameter name, as most operations that have it say. */
  readonly query: ParamRules;
  /** The rule of each path parameter name (required wherever the path template names it). */
  readonly path: ParamRules;
  /** The page-number parameter of the API's paged lists. */
  readonly pageParam?: string;
}

export interface ApiSpecMeta {
  /** The first server of the spec with its variables at their defaults. */
  readonly defaultBaseUrl: string;
  /**
   * By method (upper case), then by path as the spec writes it: every operation (the Node build),
   * or with `usual`, only those that the usual case would get wrong (the browser build).
   */
  readonly operations: Readonly<Record<string, Readonly<Record<string, OperationMeta>>>>;
  /** The browser build: what an operation not in `operations` is checked against. */
  readonly usual?: UsualOperation;
  /** Published error codes and their names (YCM); empty where none are published. */
  readonly errorCodes: Readonly<Record<number, string>>;
  /** The host of each region the spec's servers name (`x-yeastar-region`; Workplace: global, eu). */
  readonly regions?: Readonly<Record<string, string>>;
}

// The browser build ships no table of every operation: an app bundles the metadata whichever
// operations it calls, and ~90 operations' paths alone are ~350 B gzip. An operation the table
// does not list is derived from its path and the API's rules by name, once per path. The
// generator lists every spec operation this would get wrong, so only the Node build's "no such
// operation" and per-operation "unknown parameter" checks are lost in a browser.
export function usualOperation(usual: UsualOperation, path: string): OperationMeta {
  const op: { query: ParamRules; path?: Record<string, ParamRule>; pageParam?: string } = { query: usual.query, pageParam: usual.pageParam! };
  for (const [, name] of path.matchAll(/\{(\w+)\}/g)) (op.path ??= {})[name!] = { required: true, ...usual.path[name!] };
  return op;
}
