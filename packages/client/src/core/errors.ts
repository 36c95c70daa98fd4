// One error hierarchy for everything the client can fail with, built by one factory
// (`apiErrorFrom`) so every caller gets the same fields whatever went wrong.
// Messages never contain secrets: they are built only from the status, the vendor's code and
// message, and the request's method and path (never its headers, query string or body).

/** Base class of every error this client throws. */
export class YeastarError extends Error {
  override readonly name: string = "YeastarError";
}

/** Which API an error came from. */
export type YeastarApiName = "YCM" | "Workplace";

export interface YeastarApiErrorInit {
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
  /** The parsed error body, or the first characters of a body that was not JSON. */
  body?: unknown;
  /** The response headers. */
  headers?: Headers | undefined;
}

/** The API answered with an error: an HTTP error status or a `status: "Failed"` envelope. */
export class YeastarApiError extends YeastarError {
  override readonly name: string = "YeastarApiError";
  readonly api: YeastarApiName;
  readonly status: number;
  readonly code: number | string | undefined;
  readonly codeName: string | undefined;
  readonly detail: string | undefined;
  readonly requestId: string | undefined;
  readonly request: string;
  readonly body: unknown;
  readonly headers: Headers | undefined;

  constructor(init: YeastarApiErrorInit) {
    super(describe(init));
    this.api = init.api;
    this.status = init.status;
    this.code = init.code;
    this.codeName = init.codeName;
    this.detail = init.detail;
    this.requestId = init.requestId;
    this.request = init.request;
    this.body = init.body;
    this.headers = init.headers;
  }
}

function describe(init: YeastarApiErrorInit): string {
  const code = init.code === undefined ? "" : ` ${init.code}${init.codeName ? ` ${init.codeName}` : ""}`;
  const text = [init.message, init.detail].filter(Boolean).join(": ");
  const id = init.requestId ? ` (requestId ${init.requestId})` : "";
  return `${init.api} API error on ${init.request}: HTTP ${init.status}${code}${text ? ` - ${text}` : ""}${id}`;
}

/** The request never got a usable response: DNS, refused or dropped connection, unreadable body. */
export class YeastarConnectionError extends YeastarError {
  override readonly name: string = "YeastarConnectionError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The request took longer than `timeoutMs`. */
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
