// Type-level wiring between the generated `paths` and the methods our client exposes.
import type { MaybeOptionalInit, Middleware, ParseAsResponse } from "openapi-fetch";
import type { HttpMethod, MediaType, PathsWithMethod, RequiredKeysOf, ResponseObjectMap, SuccessResponse } from "openapi-typescript-helpers";
import type { PageIterable } from "./paginate.js";

/** Options every call accepts on top of openapi-fetch's (they override the client's). */
export interface CallOptions {
  /** Retries after the first attempt for an idempotent request. */
  maxRetries?: number;
  /** Time allowed for each attempt, in milliseconds. */
  timeoutMs?: number;
  /** Aborts the call, including any wait between retries. */
  signal?: AbortSignal | null;
}

// YCM requires a User-Agent header on every request and the spec says so; the client always
// sets it, so callers must not be forced to pass it on each call.
type ManagedHeader = "User-Agent";
type ManageOperation<Op> = Op extends { parameters: { header: infer H } }
  ? Omit<Op, "parameters"> & {
      parameters: Omit<Op["parameters"], "header"> & {
        header?: Omit<H, ManagedHeader> & Partial<Pick<H, Extract<keyof H, ManagedHeader>>>;
      };
    }
  : Op;

/** The generated `paths` with the headers the client manages made optional. */
export type ManagedPaths<Paths> = {
  [P in keyof Paths]: { [M in keyof Paths[P]]: M extends HttpMethod ? ManageOperation<Paths[P][M]> : Paths[P][M] };
};

// openapi-fetch makes the init argument required only when the operation has required inputs.
type InitParam<Init> =
  RequiredKeysOf<Init> extends never
    ? [(Init & CallOptions & { [key: string]: unknown })?]
    : [Init & CallOptions & { [key: string]: unknown }];

/**
 * The success body of an operation called with `Init`.
 * openapi-fetch's FetchResponse["data"] less its Readable<...>: a deep mapped type that drops
 * writeOnly ($Write) properties, which our generated types never mark (openapi-typescript's
 * readWriteMarkers is off), and that rebuilt every model as an anonymous object, so editors
 * showed a 13-field literal where the spec names a `YcmUser`.
 */
export type SuccessBody<Op, Init> = Op extends Record<string | number, any>
  ? NonNullable<ParseAsResponse<SuccessResponse<ResponseObjectMap<Op>, MediaType>, Init>>
  : never;

/**
 * What a call resolves to. API errors are thrown as `YeastarApiError` (a `status: "Failed"`
 * envelope included), so `data` is always the success body. Parameterised by that body rather than
 * by the operation, so an editor hovers a call's result as `YeastarResponse<YcmUserListResponse>`
 * instead of the operation's whole type.
 */
export interface YeastarResponse<Data> {
  data: Data;
  response: Response;
}

// openapi-fetch states these constraints in its .d.ts, where they go unchecked; spelled out
// here so our own source type-checks.
type Operation<PathItem, Method> = Method extends keyof PathItem ? PathItem[Method] : never;
type Init<PathItem, Method extends HttpMethod> = Method extends keyof PathItem ? MaybeOptionalInit<PathItem, Method> : never;

// The path is inferred as written and checked afterwards, rather than constrained: a misspelt path
// then fails on the path itself ("... is not assignable to parameter of type '/dm/open_api/...'"),
// instead of falling back to every path, whose required inputs made the compiler complain about
// a missing second argument. Editors still complete paths from the parameter's type.
type CheckedPath<Paths extends {}, Method extends HttpMethod, Path> = [Path] extends [PathsWithMethod<Paths, Method>] ? Path : PathsWithMethod<Paths, Method>;
type InitFor<Paths extends {}, Method extends HttpMethod, Path, I> = [Path] extends [PathsWithMethod<Paths, Method>] ? InitParam<I> : [unknown?];

export type YeastarMethod<Paths extends {}, Method extends HttpMethod> = <
  Path extends string,
  I extends Path extends keyof Paths ? Init<Paths[Path], Method> : never,
>(
  url: CheckedPath<Paths, Method, Path>,
  ...init: InitFor<Paths, Method, Path, I>
) => Promise<YeastarResponse<SuccessBody<Path extends keyof Paths ? Operation<Paths[Path], Method> : never, I>>>;

type GetBody<Paths, P extends keyof Paths> = SuccessBody<Operation<Paths[P], "get">, {}>;
/** The item type of a paged GET endpoint (`data.list[number]`), or never. */
export type PageItem<Paths, P extends keyof Paths> = GetBody<Paths, P> extends { data: { list: (infer T)[] } } ? T : never;
/** The GET paths that return pages. */
export type PagedPath<Paths extends {}> = {
  [P in PathsWithMethod<Paths, "get">]: [PageItem<Paths, P>] extends [never] ? never : P;
}[PathsWithMethod<Paths, "get">];

/** What `paginate(path, init)` takes for the paged path `P`. */
export type PaginateInitFor<Paths extends {}, P extends keyof Paths> = PaginateInit<Init<Paths[P], "get">>;

type PaginateInit<I> = I & Omit<CallOptions, "signal"> & { concurrency?: number; strict?: boolean; maxPages?: number; signal?: AbortSignal | null };

/** The typed client for one API: openapi-fetch's methods, with our runtime underneath. */
export interface YeastarClient<Paths extends {}> {
  GET: YeastarMethod<Paths, "get">;
  PUT: YeastarMethod<Paths, "put">;
  POST: YeastarMethod<Paths, "post">;
  DELETE: YeastarMethod<Paths, "delete">;
  PATCH: YeastarMethod<Paths, "patch">;
  HEAD: YeastarMethod<Paths, "head">;
  OPTIONS: YeastarMethod<Paths, "options">;
  /**
   * Iterates every item of a paged endpoint, fetching pages as needed (`concurrency` pages at
   * once after the first); `.pages()` iterates whole pages.
   */
  paginate<P extends PagedPath<Paths>, I extends Init<Paths[P], "get">>(
    url: P,
    ...init: [PaginateInit<I>?]
  ): PageIterable<PageItem<Paths, P>>;
  /** Registers openapi-fetch middleware. */
  use(...middleware: Middleware[]): void;
  /** Unregisters openapi-fetch middleware. */
  eject(...middleware: Middleware[]): void;
}

