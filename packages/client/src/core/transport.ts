// What sends every request: it adds the token and User-Agent, applies the timeout and the
// caller's AbortSignal, retries what is safe to retry, replays once with a new token when the
// token is refused, and turns every failure into one of our typed errors. The token grants go
// through here too (without a token), so they get the same retries and errors.
import {
  YeastarAbortError,
  YeastarApiError,
  YeastarConnectionError,
  YeastarTimeoutError,
  type YeastarError,
} from "./errors.js";
import { globalFetch, type ResolvedOptions } from "./options.js";
import type { Product } from "./product.js";
import { IDEMPOTENT_METHODS, RETRY_DEFAULTS, RETRYABLE_STATUSES, backoffDelay, retryAfterMs, sleep } from "./retry.js";
import { authProvider } from "./tokens.js";

/** One request, in the parts the transport sends (and sends again on a retry). */
export interface Outgoing {
  method: string;
  url: string;
  /** The caller's headers, in a Headers the transport may add Authorization and User-Agent to. */
  headers?: Headers | undefined;
  /** A body that can be sent more than once. */
  body?: string | ArrayBuffer | undefined;
}

export interface SendOptions {
  maxRetries: number;
  timeoutMs: number;
  signal?: AbortSignal | null | undefined;
  /** Send the bearer token. */
  auth: boolean;
  /** Retry even though the method is not idempotent (token grants are safe to repeat). */
  retryUnsafe?: boolean;
}

/** A response read to the end: its JSON (if any) already parsed. */
export interface Received {
  response: Response;
  text: string;
  json: unknown;
}

export type Send = (request: Outgoing, call: SendOptions) => Promise<Received>;

const TIMEOUT = Symbol("timeout");
export const FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";

// Form bodies (the token endpoints) are encoded as the spec says, not as JSON.
export function formBody(body: unknown): URLSearchParams {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (value !== undefined && value !== null) form.set(key, String(value));
  }
  return form;
}

export function createTransport(product: Product, options: ResolvedOptions): Send {
  const { api, meta } = product;
  const auth = authProvider(
    options,
    product.grants(async (method, path, form) => {
      const request = {
        method,
        url: `${options.baseUrl}${path}`,
        headers: new Headers({ "Content-Type": FORM_CONTENT_TYPE }),
        body: formBody(form).toString(),
      };
      return (await send(request, { maxRetries: options.maxRetries, timeoutMs: options.timeoutMs, auth: false, retryUnsafe: true })).json;
    }),
  );

  /** Sends `request` until it succeeds or fails for good; resolves with the success read to the end. */
  async function send(request: Outgoing, call: SendOptions): Promise<Received> {
    const canRetry = call.retryUnsafe || IDEMPOTENT_METHODS.has(request.method);
    let retries = 0;
    let replayed = false;
    for (;;) {
      let token = call.auth ? auth.token() : undefined;
      if (typeof token === "object") token = await token;
      let failure: YeastarError;
      try {
        const received = await attempt(request, token, call);
        const apiError = errorOf(received, request);
        if (!apiError) return received;
        failure = apiError;
      } catch (error) {
        if (!(error instanceof YeastarConnectionError)) throw error;
        failure = error;
      }
      if (failure instanceof YeastarApiError && token !== undefined && !replayed && product.tokenRejected(failure)) {
        replayed = true;
        if (await auth.rejected(token)) continue;
        throw failure;
      }
      if (!canRetry || retries >= call.maxRetries || !retryable(failure)) throw failure;
      const wait = delay(failure, ++retries);
      if (wait === undefined) throw failure;
      try {
        await sleep(wait, call.signal);
      } catch {
        throw new YeastarAbortError(`${route(request)} was aborted while waiting to retry`);
      }
    }
  }

  async function attempt(request: Outgoing, token: string | undefined, call: SendOptions): Promise<Received> {
    const { method, url, headers, body } = request;
    // Without headers of the caller's, a plain object: cheaper than a Headers, which fetch
    // builds anyway.
    let sent: HeadersInit;
    if (headers) {
      if (token !== undefined) headers.set("Authorization", `Bearer ${token}`);
      if (!headers.has("User-Agent")) headers.set("User-Agent", options.userAgent);
      sent = headers;
    } else {
      sent = token === undefined ? { "User-Agent": options.userAgent } : { "User-Agent": options.userAgent, Authorization: `Bearer ${token}` };
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(TIMEOUT), call.timeoutMs);
    const { signal } = call;
    const onAbort = () => controller.abort(signal?.reason);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener("abort", onAbort, { once: true });
    try {
      const init = { method, headers: sent, body: body ?? null, signal: controller.signal };
      // The global fetch gets the URL and init as they are and builds the one Request itself: a
      // Request built here would be copied again inside fetch, and every Request costs tens of
      // microseconds, more with the timeout signal linked in (bench/: per-request overhead).
      const response = options.fetch === globalFetch ? await globalThis.fetch(url, init) : await options.fetch(new Request(url, init));
      const text = await response.text();
      return { response, text, json: parseJson(text, response) };
    } catch (error) {
      if (signal?.aborted) throw new YeastarAbortError(`${route(request)} was aborted`, { cause: signal.reason });
      if (controller.signal.reason === TIMEOUT) throw new YeastarTimeoutError(`${route(request)} timed out after ${call.timeoutMs} ms`);
      if (error instanceof YeastarConnectionError) throw error;
      throw new YeastarConnectionError(`${route(request)} failed: ${describeCause(error)}`, { cause: error });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    }
  }

  /** The error a response stands for, or undefined for a success. */
  function errorOf({ response, text, json }: Received, request: Outgoing): YeastarApiError | undefined {
    const httpError = !response.ok;
    const vendor = product.vendorError(json, httpError);
    if (!httpError && !vendor) return undefined;
    const code = vendor?.code;
    return new YeastarApiError({
      api,
      status: response.status,
      code,
      codeName: typeof code === "number" ? meta.errorCodes[code] : undefined,
      message: vendor?.message ?? (json === undefined && text ? `non-JSON response (${response.headers.get("content-type") ?? "no content type"})` : undefined),
      detail: vendor?.detail,
      requestId: vendor?.requestId,
      request: route(request),
      body: json ?? text.slice(0, 500),
      headers: response.headers,
    });
  }

  function retryable(error: YeastarError): boolean {
    return error instanceof YeastarApiError ? RETRYABLE_STATUSES.has(error.status) || product.rateLimited(error) : error instanceof YeastarConnectionError;
  }

  /** How long to wait before the next try, or undefined when the server asks for too long. */
  function delay(error: YeastarError, retry: number): number | undefined {
    const asked = error instanceof YeastarApiError && error.headers ? retryAfterMs(error.headers) : undefined;
    if (asked === undefined) return backoffDelay(retry, options.retry);
    return asked <= (options.retry.maxRetryAfterMs ?? RETRY_DEFAULTS.maxRetryAfterMs) ? asked : undefined;
  }

  return send;
}

/**
 * `METHOD /path`, naming a request in errors: never the query string, which may carry an
 * access_token. Worked out only when there is an error to name.
 */
function route({ method, url }: Outgoing): string {
  return `${method} ${new URL(url).pathname}`;
}

function parseJson(text: string, response: Response): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // A 2xx that promised JSON and cut off is a transport failure (and worth a retry);
    // an error page in HTML is reported as the API error it stands for.
    if (response.ok) throw new YeastarConnectionError(`response body is not valid JSON (HTTP ${response.status})`);
    return undefined;
  }
}

/**
 * The success as a Response openapi-fetch and middleware can read: a copy of the body whose
 * json() returns the value already parsed instead of parsing it twice. Only calls that go
 * through openapi-fetch (see `call` in client.ts) need it.
 */
export function readableResponse({ response, text, json }: Received): Response {
  // An empty body must be null: a Response with a null-body status (204, 205, 304) refuses "".
  const copy = new Response(text === "" ? null : text, { status: response.status, statusText: response.statusText, headers: response.headers });
  if (json !== undefined) copy.json = async () => json;
  return copy;
}

function describeCause(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const message = error instanceof Error ? error.message : String(error);
  return cause?.code ? `${message} (${cause.code})` : cause?.message ? `${message} (${cause.message})` : message;
}
