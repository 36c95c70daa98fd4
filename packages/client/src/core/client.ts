// Builds the typed client for one API: openapi-fetch's types, and its serialisers for paths,
// queries and headers; our transport underneath for tokens, retries, timeouts and errors.
import createClient, { createQuerySerializer, defaultPathSerializer, mergeHeaders } from "openapi-fetch";
import type { HttpMethod } from "openapi-typescript-helpers";
import { YeastarError, YeastarInvalidRequestError } from "./errors.js";
import { checkMaxRetries, checkTimeout, HEADER_VALUE, resolveOptions, type YeastarClientOptions } from "./options.js";
import { checkParams } from "./params.js";
import { paginate, type PaginateOptions } from "./paginate.js";
import type { Product } from "./product.js";
import { type OperationMeta, usualOperation } from "./spec-meta.js";
import { type Styled, styledFor } from "./styles.js";
import { createTransport, FORM_CONTENT_TYPE, formBody, readableResponse, type SendOptions } from "./transport.js";
import type { CallOptions, YeastarClient } from "./types.js";

const METHODS = ["GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS"] as const;

type Params = { query?: Record<string, unknown>; path?: Record<string, unknown>; header?: Record<string, unknown> };
type AnyInit = CallOptions & { params?: Params; headers?: HeadersInit; [key: string]: unknown };
type Call = (path: string, init?: AnyInit) => Promise<{ data: unknown; response: Response }>;

// The call options the direct path (see `call`) handles itself; any other (a body, parseAs,
// querySerializer, baseUrl, fetch, per-call middleware...) is left to openapi-fetch.
const DIRECT_OPTIONS: ReadonlySet<string> = new Set(["params", "headers", "signal", "maxRetries", "timeoutMs"]);

// openapi-fetch's defaultPathSerializer scans the template with a regular expression on every
// call; the templates are few and fixed, so each is split once, into literal text at even
// indices and parameter names at odd ones. A template with anything but plain {name}s (label,
// matrix or exploded styles) is kept as null, and it and any value that is not a string, number
// or boolean (arrays, objects) are left to openapi-fetch.
const templates = new Map<string, string[] | null>();
function serializePath(path: string, values: Record<string, unknown>): string {
  let parts = templates.get(path);
  if (parts === undefined) {
    parts = path.split(/\{([^{}]+)\}/);
    if (parts.some((part, i) => i % 2 === 1 && !/^\w+$/.test(part))) parts = null;
    templates.set(path, parts);
  }
  if (parts === null) return defaultPathSerializer(path, values);
  let url = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const value = values[parts[i]!];
    if (!(typeof value === "string" || typeof value === "number" || typeof value === "boolean" || typeof value === "bigint")) return defaultPathSerializer(path, values);
    url += encodeURIComponent(String(value)) + parts[i + 1];
  }
  return url;
}

export function createApiClient(product: Product, userOptions: YeastarClientOptions | undefined): YeastarClient<any> {
  const { api, meta } = product;
  const options = resolveOptions(api, userOptions, meta.defaultBaseUrl);
  const send = createTransport(product, options);
  const inner = createClient<any>({ baseUrl: options.baseUrl });
  // openapi-fetch's default query serialiser, made once instead of on every call.
  const querySerializer = createQuerySerializer();
  // Once middleware is registered it may read any request or response: every call then goes
  // through openapi-fetch, which builds real Requests and hands middleware readable Responses.
  let middlewareUsed = false;
  const derived = new Map<string, OperationMeta>();
  // The serialisers of the few operations whose parameters the defaults would send wrongly
  // (styles.ts), worked out on an operation's first call; null for all the others.
  const styles = new WeakMap<OperationMeta, Styled | null>();
  function styled(op: OperationMeta): Styled | null {
    let found = styles.get(op);
    if (found === undefined) styles.set(op, (found = styledFor(op, querySerializer)));
    return found;
  }

  /** The operation metadata for `METHOD /path`, or a clear error for a path the spec lacks. */
  function operation(method: string, path: string): OperationMeta {
    const ops = meta.operations[method];
    // Own keys only: a "path" such as "toString" must not find Object.prototype's.
    let op = ops && Object.hasOwn(ops, path) ? ops[path] : undefined;
    // The browser build lists only unusual operations; the others are derived once per path.
    if (!op && meta.usual && path[0] === "/") {
      op = derived.get(path) ?? usualOperation(meta.usual, path);
      derived.set(path, op);
    }
    if (!op) {
      const known = Object.entries(meta.operations).flatMap(([m, ops]) => Object.keys(ops).map((p) => `${m} ${p}`));
      throw new YeastarInvalidRequestError(`${api}: the spec has no operation ${method} ${path} (known: ${known.join(", ")})`);
    }
    return op;
  }

  async function call(method: string, path: string, init: AnyInit | undefined | null) {
    const op = operation(method, path);
    init ??= {};
    const { maxRetries = options.maxRetries, timeoutMs = options.timeoutMs, signal } = init;
    const params = init.params ?? {};
    if (typeof params !== "object") throw new YeastarInvalidRequestError(`${api} ${method} ${path}: params must be an object, got ${typeof params}`);
    // The client's own values were checked when it was made.
    if (init.maxRetries !== undefined) checkMaxRetries(api, maxRetries);
    if (init.timeoutMs !== undefined) checkTimeout(api, timeoutMs);
    checkParams(api, method, path, op, params);
    if (init.headers || params.header) checkHeaders(method, path, [init.headers, params.header]);
    const sendOptions: SendOptions = { maxRetries, timeoutMs, signal, auth: !op.noAuth, path };
    try {
      return await dispatch(method, path, op, init, params, sendOptions);
    } catch (error) {
      // Whatever openapi-fetch, fetch's Headers or the caller's middleware throws is reported
      // as ours, with the original kept as the cause.
      if (error instanceof YeastarError) throw error;
      throw new YeastarInvalidRequestError(`${api} ${method} ${path} failed before sending (${(error as Error)?.name ?? "a thrown value"})`, { cause: error });
    }
  }

  async function dispatch(method: string, path: string, op: OperationMeta, init: AnyInit, params: Params, sendOptions: SendOptions) {
    const style = styled(op);
    if (direct(init)) {
      // The direct path: the URL and headers made with openapi-fetch's own serialisers, as its
      // request() would make them, and sent without building a Request, a copy of the response
      // or a second parse (bench/: per-request overhead). The body has been read; the response
      // comes back as received, as openapi-fetch's does.
      const search = (style?.query ?? querySerializer)(params.query ?? {});
      const url = `${options.baseUrl}${(style?.path ?? serializePath)(path, params.path ?? {})}${search ? `?${search}` : ""}`;
      const headers = init.headers || params.header ? mergeHeaders(init.headers, params.header as HeadersInit) : undefined;
      const { json, response } = await send({ method, url, headers }, sendOptions);
      return { data: json, response };
    }
    const { maxRetries: _retries, timeoutMs: _timeout, ...rest } = init;
    const { data, response } = await inner.request(method.toLowerCase() as HttpMethod, path, {
      ...rest,
      params,
      // The spec's serialisation, unless the caller brought their own serialiser.
      ...(style?.query && !rest.querySerializer && { querySerializer: style.query }),
      ...(style?.path && !rest.pathSerializer && { pathSerializer: style.path }),
      ...(op.form && {
        bodySerializer: formBody,
        headers: { "Content-Type": FORM_CONTENT_TYPE, ...(rest.headers as Record<string, string> | undefined) },
      }),
      fetch: async (request: Request) => {
        const body = request.body ? await request.arrayBuffer() : undefined;
        return readableResponse(await send({ method: request.method, url: request.url, headers: new Headers(request.headers), body }, sendOptions));
      },
    });
    return { data, response };
  }

  /** A header value fetch would refuse, reported without echoing it (it may be a secret). */
  function checkHeaders(method: string, path: string, sources: unknown[]): void {
    for (const source of sources) {
      if (!source) continue;
      const entries = source instanceof Headers ? [...source] : Array.isArray(source) ? source : Object.entries(source);
      for (const [name, value] of entries as [string, unknown][]) {
        if (value !== undefined && value !== null && !HEADER_VALUE.test(String(value))) {
          throw new YeastarInvalidRequestError(`${api} ${method} ${path}: header "${name}" has characters a header cannot carry`);
        }
      }
    }
  }

  function direct(init: Record<string, unknown>): boolean {
    if (middlewareUsed) return false;
    for (const key in init) {
      if (init[key] !== undefined && !DIRECT_OPTIONS.has(key) && !(key === "parseAs" && init[key] === "json")) return false;
    }
    return true;
  }

  const client = Object.fromEntries(METHODS.map((method) => [method, ((path, init) => call(method, path, init)) satisfies Call])) as unknown as YeastarClient<any>;
  client.paginate = ((path: string, init?: PaginateOptions | null) => {
    const op = operation("GET", path);
    init ??= {};
    if (!op.pageParam) {
      const paged = Object.entries(meta.operations.GET ?? {}).filter(([, o]) => o.pageParam).map(([p]) => p);
      throw new YeastarInvalidRequestError(`${api}: GET ${path} is not paged; paginate works on ${paged.join(", ")}`);
    }
    const { concurrency, strict, maxPages, ...rest } = init;
    // Checked here as well as per page: iteration is lazy, and a bad pageSize should fail at the
    // paginate() call, not at the first `for await`.
    checkParams(api, "GET", path, op, rest.params);
    return paginate(api, `GET ${path}`, op.pageParam, init, (query, signal) => call("GET", path, { ...rest, params: { ...rest.params, query }, signal }));
  }) as YeastarClient<any>["paginate"];
  client.use = (...middleware) => {
    middlewareUsed = true;
    inner.use(...middleware);
  };
  client.eject = (...middleware) => inner.eject(...middleware);
  return client;
}
