// One error hierarchy for everything the client can fail with, built by one factory
// (`apiErrorFrom`) so every caller gets the same fields whatever went wrong.
// Messages never contain secrets: they are built only from the status, the vendor's code and
// message, and the request's method, host and path (never its headers, query string or body).

/** Which API an error came from. */
export type YeastarApiName = "YCM" | "Workplace";

/** Where an error happened: set on every error about a request. */
export interface YeastarErrorContext {
  api?: YeastarApiName | undefined;
  /** `METHOD /path/{template}` as the spec names the operation. */
  operation?: string | undefined;
  method?: string | undefined;
  /** The request's URL without its query string (it may carry an `access_token`). */
  url?: string | undefined;
  /** HTTP status of the response, when there was one. */
  status?: number | undefined;
}

// What toJSON writes, besides name and message: never the body, headers or anything sent.
const JSON_FIELDS = ["api", "operation", "method", "url", "status", "code", "codeName", "detail", "requestId", "reason"] as const;

/** Base class of every error this client throws. */
export class YeastarError extends Error {
  override readonly name: string = "YeastarError";
  declare readonly api?: YeastarApiName;
  declare readonly operation?: string;
  declare readonly method?: string;
  declare readonly url?: string;
  declare readonly status?: number;

  // Private, behind a getter: util.inspect and JSON show neither, and a Response's URL may carry
  // a query string with an `access_token`.
  #response: Response | undefined;

  constructor(message: string, options?: { cause?: unknown; response?: Response | undefined } & YeastarErrorContext) {
    super(message, options && "cause" in options ? { cause: options.cause } : undefined);
    if (options) {
      for (const key of ["api", "operation", "method", "url", "status"] as const) {
        if (options[key] !== undefined) (this as Record<string, unknown>)[key] = options[key];
      }
      this.#response = options.response;
    }
  }

  /** The raw Response the error is about, when the server answered (its body already read). */
  get response(): Response | undefined {
    return this.#response;
  }

  /** For log pipelines: name, message and the request's coordinates; never a secret or a header. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, message: this.message };
    for (const key of JSON_FIELDS) {
      const value = (this as Record<string, unknown>)[key];
      if (value !== undefined) out[key] = value;
    }
    const cause = this.cause as { name?: unknown; message?: unknown } | undefined;
    if (cause !== undefined) out.cause = cause instanceof YeastarError ? cause.toJSON() : { name: cause?.name, message: cause?.message };
    return out;
  }
}

export interface YeastarApiErrorInit extends YeastarErrorContext {
  api: YeastarApiName;
  /** HTTP status of the response (200 when the vendor answered `status: "Failed"` with HTTP 200). */
  status: number;
  /** The vendor's error code: a number on YCM (e.g. 1000035), a string on Workplace (its `errMsg`). */
  code?: number | string | undefined;
  /** The name of a YCM error code from the published table (e.g. `TOKEN_EXPIRED`). */
  codeName?: string | undefined;
  /** The vendor's message. */
  message?: string | undefined;
  /** Workplace's `detailMsg`, when present. */
  detail?: string | undefined;
  /** The vendor's `requestId`, to quote when asking Yeastar support. */
  requestId?: string | undefined;
  /** `METHOD /path` of the request (no query string: it may carry an `access_token`). */
  request: string;
  /** Names the request in the message: `METHOD /path (host)`. */
  where?: string | undefined;
  /** The parsed error body, or the first characters of a body that was not JSON. */
  body?: unknown;
  /** The response headers. */
  headers?: Headers | undefined;
  /** The raw Response (its body already read). */
  response?: Response | undefined;
}

const API_ERROR_FIELDS = ["code", "codeName", "detail", "requestId", "request", "body", "headers"] as const;

/** The API answered with an error: an HTTP error status or a `status: "Failed"` envelope. */
export class YeastarApiError extends YeastarError {
  override readonly name: string = "YeastarApiError";
  declare readonly api: YeastarApiName;
  declare readonly status: number;
  declare readonly code: number | string | undefined;
  declare readonly codeName: string | undefined;
  declare readonly detail: string | undefined;
  declare readonly requestId: string | undefined;
  declare readonly request: string;
  declare readonly body: unknown;
  declare readonly headers: Headers | undefined;

  constructor(init: YeastarApiErrorInit) {
    super(describe(init), init);
    // Each an own property, set even when undefined (one loop: the bundle is smaller).
    for (const key of API_ERROR_FIELDS) (this as Record<string, unknown>)[key] = init[key];
  }
}

function describe(init: YeastarApiErrorInit): string {
  const code = init.code === undefined ? "" : ` ${init.code}${init.codeName && init.codeName !== init.code ? ` ${init.codeName}` : ""}`;
  // Each piece once: a YCM errmsg repeats the code name ("USER_NOT_FOUND: no user ..."), and
  // Workplace's errMsg is the code.
  const said = [init.code, init.codeName].map(String);
  const text = [...new Set([init.message, init.detail])]
    .map((part) => said.reduce((rest, name) => (rest?.startsWith(`${name}: `) ? rest.slice(name.length + 2) : rest), part))
    .filter((part) => part && !said.includes(part))
    .join(": ");
  const id = init.requestId ? ` (requestId ${init.requestId})` : "";
  return `${init.api} API error on ${init.where ?? init.request}: HTTP ${init.status}${code}${text ? ` - ${text}` : ""}${id}`;
}

/** The request never got a usable response: DNS, refused or dropped connection, unreadable body. */
export class YeastarConnectionError extends YeastarError {
  override readonly name: string = "YeastarConnectionError";
}

/** The request (or the wait for its token) took longer than `timeoutMs`. */
export class YeastarTimeoutError extends YeastarConnectionError {
  override readonly name: string = "YeastarTimeoutError";
}

/** The caller's `AbortSignal` aborted the request. */
export class YeastarAbortError extends YeastarError {
  override readonly name: string = "YeastarAbortError";
}

/** Options or parameters that cannot be sent: caught before any request is made. */
export class YeastarInvalidRequestError extends YeastarError {
  override readonly name: string = "YeastarInvalidRequestError";
}

/**
 * The server answered, but with something the client refuses to use: a redirect, a body over
 * `maxResponseBytes`, an integer JavaScript cannot hold exactly, a success body that is not an
 * object, an unusable token. Not retried.
 */
export class YeastarResponseError extends YeastarError {
  override readonly name: string = "YeastarResponseError";
}

/** Why a walk could not return every item exactly once. */
export type YeastarPaginationReason = "short-page" | "capped-page" | "total-changed" | "duplicate" | "count-mismatch" | "too-many-pages";

/** `paginate` could not return every item exactly once (strict mode), or hit `maxPages`. */
export class YeastarPaginationError extends YeastarError {
  override readonly name: string = "YeastarPaginationError";
  readonly reason: YeastarPaginationReason;
  constructor(message: string, reason: YeastarPaginationReason, context?: YeastarErrorContext) {
    super(message, context);
    this.reason = reason;
  }
}
