// Builds the typed client for one API: openapi-fetch for paths, serialisation and types;
// our transport underneath for tokens, retries, timeouts and errors.
import createClient from "openapi-fetch";
import type { HttpMethod } from "openapi-typescript-helpers";
import { YeastarInvalidRequestError } from "./errors.js";
import { checkMaxRetries, checkTimeout, resolveOptions, type YeastarClientOptions } from "./options.js";
import { checkParams } from "./params.js";
import { paginate, type PaginateOptions } from "./paginate.js";
import type { Product } from "./product.js";
import { operationKey, type OperationMeta } from "./spec-meta.js";
import { authProvider } from "./tokens.js";
import { readableResponse, Transport, type Received, type SendOptions } from "./transport.js";
import type { CallOptions, YeastarClient } from "./types.js";

const METHODS = ["GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS"] as const;

type AnyInit = CallOptions & { params?: { query?: Record<string, unknown>; path?: Record<string, unknown> }; [key: string]: unknown };
type Call = (path: string, init?: AnyInit) => Promise<{ data: unknown; response: Response }>;

// Form bodies (the token endpoints) are encoded as the spec says, not as JSON.
function formBody(body: unknown): URLSearchParams {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (value !== undefined && value !== null) form.set(key, String(value));
  }
  return form;
}

// On the direct path (see `call`) the Request openapi-fetch builds is read by the transport
// alone, which sends a new one anyway with its headers and timeout signal; without a body, the
// parts it reads are all it needs, and a real Request (with its own AbortSignal) is not built
// for nothing. Given through openapi-fetch's `Request` option; were that ignored, openapi-fetch
// would build a real Request and the transport would read the same parts from it.
function RequestParts(url: string, init: RequestInit): Request {
  if (init.body !== undefined && init.body !== null) return new Request(url, init);
  return { url, method: init.method ?? "GET", headers: new Headers(init.headers), body: null } as unknown as Request;
}

export function createApiClient(product: Product, userOptions: YeastarClientOptions | undefined): YeastarClient<any> {
  const options = resolveOptions(product.api, userOptions, product.meta.defaultBaseUrl);
  const transport = new Transport(product, options);
  const inner = createClient<any>({ baseUrl: options.baseUrl });
  // Once middleware is registered it may read any request or response: every call then takes
  // the path that builds real Requests and readable Responses (see `call`).
  let middlewareUsed = false;

  // Token grants go straight to the transport, not through openapi-fetch: middleware registered
  // with use() (a logger, say) never sees the client secret or the tokens.
  transport.auth = authProvider(options, product.grants(async (method, path, form) => {
    const request = new Request(`${options.baseUrl}${path}`, {
      method,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: formBody(form),
    });
    return (await transport.send(request, { maxRetries: options.maxRetries, timeoutMs: options.timeoutMs, auth: false, retryUnsafe: true })).json;
  }));

  /** The operation metadata for `METHOD /path`, or a clear error for a path the spec lacks. */
  function operation(method: string, path: string): OperationMeta {
    const op = product.meta.operations[operationKey(method, path)];
    if (!op) {
      const known = Object.keys(product.meta.operations).join(", ");
      throw new YeastarInvalidRequestError(`${product.api}: the spec has no operation ${method} ${path} (known: ${known})`);
    }
    return op;
  }

  async function call(method: string, path: string, init: AnyInit = {}) {
    const op = operation(method, path);
    const { maxRetries = options.maxRetries, timeoutMs = options.timeoutMs, ...rest } = init;
    checkMaxRetries(product.api, maxRetries);
    checkTimeout(product.api, timeoutMs);
    checkParams(product.api, op, rest.params);
    const sendOptions: SendOptions = { maxRetries, timeoutMs, signal: rest.signal, auth: op.auth };
    // The direct path: the transport has read and parsed the body already, so unless middleware
    // or another parseAs wants to read it, openapi-fetch is told not to (parseAs "stream" only
    // hands back response.body) and the parsed value is the data. No copy of the response, no
    // second parse; the response comes back as received, its body read, as openapi-fetch's does.
    const direct = !middlewareUsed && rest.middleware === undefined && rest.Request === undefined && (rest.parseAs ?? "json") === "json";
    let received: Received | undefined;
    const { data, response } = await inner.request(method.toLowerCase() as HttpMethod, path, {
      ...rest,
      ...(direct && { parseAs: "stream", Request: RequestParts }),
      ...(op.form && {
        bodySerializer: formBody,
        headers: { "Content-Type": "application/x-www-form-urlencoded", ...(rest.headers as Record<string, string> | undefined) },
      }),
      fetch: async (request: Request) => {
        received = await transport.send(request, sendOptions);
        return direct ? received.response : readableResponse(received);
      },
    });
    return { data: direct ? received?.json : data, response };
  }

  const client = Object.fromEntries(METHODS.map((method) => [method, ((path, init) => call(method, path, init)) satisfies Call])) as unknown as YeastarClient<any>;
  client.paginate = ((path: string, init: PaginateOptions = {}) => {
    const op = operation("GET", path);
    if (!op.paging) {
      const paged = Object.values(product.meta.operations).filter((o) => o.paging).map((o) => o.path);
      throw new YeastarInvalidRequestError(`${product.api}: GET ${path} is not paged; paginate works on ${paged.join(", ")}`);
    }
    const { concurrency, ...rest } = init;
    // Checked here as well as per page: iteration is lazy, and a bad pageSize should fail at the
    // paginate() call, not at the first `for await`.
    checkParams(product.api, op, rest.params);
    return paginate(product.api, `GET ${path}`, op.paging, init, (query, signal) =>
      call("GET", path, { ...rest, params: { ...rest.params, query }, signal }),
    );
  }) as YeastarClient<any>["paginate"];
  client.use = (...middleware) => {
    middlewareUsed = true;
    inner.use(...middleware);
  };
  client.eject = (...middleware) => inner.eject(...middleware);
  return client;
}
