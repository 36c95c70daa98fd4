// What sends every request: it adds the token and User-Agent, applies the timeout and the
// caller's AbortSignal, retries what is safe to retry, replays once with a new token when the
// token is refused, and turns every failure into one of our typed errors. The token grants go
// through here too (without a token), so they get the same retries and errors.
import {
  YeastarAbortError,
  YeastarApiError,
  YeastarConnectionError,
  YeastarError,
  YeastarResponseError,
  YeastarTimeoutError,
  type YeastarApiName,
  type YeastarErrorContext,
} from "./errors.js";
import { isRecord } from "./product.js";
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
  /** The spec's path template, naming the operation in errors. */
  path: string;
  /**
   * Told as each attempt starts (no argument; a promise it returns is waited for, within the
   * call's signal and timeout) and fails (its error). Set by plug-ins (core/plugin.ts).
   */
  onAttempt?: ((failed?: YeastarError) => void | Promise<void>) | undefined;
  /** Reads a body instead of JSON.parse: set by the `int64` plug-in (exact Longs). */
  parse?: ((text: string) => unknown) | undefined;
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
  const home = new URL(options.baseUrl).origin;
  // The plug-ins (core/plugin.ts) wrap `send`, innermost first.
  let observed = send;
  for (const plugin of options.plugins) if (plugin) observed = plugin(api, options.onWarning, observed);
  const auth = authProvider(
    api,
    options,
    product.grants(async (method, path, form) => {
      const request = {
        method,
        url: `${options.baseUrl}${path}`,
        headers: new Headers({ "Content-Type": FORM_CONTENT_TYPE }),
        body: formBody(form).toString(),
      };
      return (await observed(request, { maxRetries: options.maxRetries, timeoutMs: options.timeoutMs, auth: false, retryUnsafe: true, path })).json;
    }),
    product.tokenLifetimeMs,
  );

  /** Where a request went, for an error: its coordinates and `METHOD /path (host)`, never the query string. */
  function context(request: Outgoing, call: SendOptions): YeastarErrorContext & { api: YeastarApiName; where: string; path: string } {
    const url = new URL(request.url);
    return {
      path: url.pathname,
      api,
      operation: `${request.method} ${call.path}`,
      method: request.method,
      url: url.origin + url.pathname,
      where: `${request.method} ${url.pathname} (${url.host})`,
    };
  }

  /** An error of `Kind` about `request`, its message starting with the API and `METHOD /path (host)`. */
  function failure<E extends YeastarError>(
    Kind: new (message: string, options?: { cause?: unknown; response?: Response } & YeastarErrorContext) => E,
    request: Outgoing,
    call: SendOptions,
    text: string,
    extra?: { cause?: unknown; response?: Response },
  ): E {
    const where = context(request, call);
    // An error about an answer carries it, and its status.
    return new Kind(`${api} ${where.where} ${text}`, { ...where, ...extra, status: extra?.response?.status });
  }

  /** Sends `request` until it succeeds or fails for good; resolves with the success read to the end. */
  async function send(request: Outgoing, call: SendOptions): Promise<Received> {
    // An aborted call sends nothing, not even a token request.
    if (call.signal?.aborted) throw failure(YeastarAbortError, request, call, "was aborted", { cause: call.signal.reason });
    const canRetry = call.retryUnsafe || IDEMPOTENT_METHODS.has(request.method);
    let retries = 0;
    let replayed = false;
    for (;;) {
      let token = call.auth ? auth.token() : undefined;
      if (typeof token === "object") token = await bounded(token, request, call, "a token");
      // Like the token: a plug-in (the rate budget) that has nothing to wait for answers no promise.
      const held = call.onAttempt?.();
      if (held) await bounded(held, request, call, "the rate budget");
      let failed: YeastarError;
      try {
        const received = await attempt(request, token, call);
        const error = errorOf(received, request, call);
        if (!error) return received;
        failed = error;
      } catch (error) {
        if (!(error instanceof YeastarConnectionError)) throw error;
        failed = error;
      }
      call.onAttempt?.(failed);
      if (failed instanceof YeastarApiError && token !== undefined && !replayed && product.tokenRejected(failed)) {
        replayed = true;
        if (await auth.rejected(token)) continue;
        throw failed;
      }
      if (!canRetry || retries >= call.maxRetries || !retryable(failed)) throw failed;
      const wait = delay(failed, ++retries);
      if (wait === undefined) throw failed;
      try {
        await sleep(wait, call.signal);
      } catch {
        throw failure(YeastarAbortError, request, call, "was aborted while waiting to retry", { cause: call.signal?.reason });
      }
    }
  }

  /**
   * The token being fetched (or the rate budget's permission), bounded by the call's signal and
   * timeout: a slow token endpoint or a token store that never answers cannot hold the call
   * longer than the call allows. The fetch itself goes on for the other calls waiting for it.
   */
  function bounded<T>(token: Promise<T>, request: Outgoing, call: SendOptions, what: string): Promise<T> {
    const { signal } = call;
    return new Promise((resolve, reject) => {
      const settle = (fail: boolean, value: unknown) => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        if (fail) reject(value);
        else resolve(value as T);
      };
      const onAbort = () => settle(true, failure(YeastarAbortError, request, call, `was aborted waiting for ${what}`, { cause: signal?.reason }));
      const timer = setTimeout(() => settle(true, failure(YeastarTimeoutError, request, call, `timed out after ${call.timeoutMs} ms waiting for ${what}`)), call.timeoutMs);
      signal?.addEventListener("abort", onAbort, { once: true });
      token.then((value) => settle(false, value), (error: unknown) => settle(true, error));
    });
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
      // No redirect is followed: a redirect would carry the form credentials or the bearer
      // token to wherever the server points; errorOf turns it into an error naming both ends.
      const init: RequestInit = { method, headers: sent, body: body ?? null, signal: controller.signal, redirect: "manual" };
      // The global fetch gets the URL and init as they are and builds the one Request itself: a
      // Request built here would be copied again inside fetch, and every Request costs tens of
      // microseconds, more with the timeout signal linked in (bench/: per-request overhead).
      const response = options.fetch === globalFetch ? await globalThis.fetch(url, init) : await options.fetch(new Request(url, init));
      const text = await readText(response, request, call);
      return { response, text, json: parseJson(text, response, request, call) };
    } catch (error) {
      if (signal?.aborted) throw failure(YeastarAbortError, request, call, "was aborted", { cause: signal.reason });
      if (controller.signal.reason === TIMEOUT) throw failure(YeastarTimeoutError, request, call, `timed out after ${call.timeoutMs} ms`);
      if (error instanceof YeastarError) throw error;
      throw failure(YeastarConnectionError, request, call, `failed: ${describeCause(error)}`, { cause: error });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    }
  }

  /**
   * The body as text, at most `maxResponseBytes` of it. A declared length is checked before
   * reading; a body without one, or a compressed one (which may inflate far beyond its
   * length), is counted as it streams in and cancelled once it passes the limit.
   */
  async function readText(response: Response, request: Outgoing, call: SendOptions): Promise<string> {
    const max = options.maxResponseBytes;
    const tooLarge = (size: string, cancel: () => Promise<void> = () => response.body!.cancel()) => {
      cancel().catch(() => undefined);
      return failure(YeastarResponseError, request, call, `answered a body ${size}, over maxResponseBytes (${max})`, { response });
    };
    const declared = response.headers.get("content-length");
    if (declared !== null && Number(declared) > max && response.body) throw tooLarge(`of ${declared} bytes`);
    if (!response.body || (declared !== null && !response.headers.has("content-encoding"))) return response.text();
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let text = "";
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return text + decoder.decode();
      size += value.byteLength;
      if (size > max) throw tooLarge(`passing ${max} bytes`, () => reader.cancel());
      text += decoder.decode(value, { stream: true });
    }
  }

  function parseJson(text: string, response: Response, request: Outgoing, call: SendOptions): unknown {
    if (text === "") return undefined;
    let json: unknown;
    try {
      // The exact mode (the `int64` plug-in) reads a Long beyond 2^53 without rounding it.
      json = (call.parse ?? JSON.parse)(text);
    } catch {
      // A 2xx that promised JSON and cut off is a transport failure (and worth a retry);
      // an error page in HTML is reported as the API error it stands for.
      if (response.ok) throw failure(YeastarConnectionError, request, call, `failed: the body is not valid JSON (HTTP ${response.status})`, { response });
      return undefined;
    }
    // JSON.parse rounds an integer beyond 2^53 without a word (a Long id such as
    // 17896360390850257349). Such a number has at least 16 digits, so the parsed body is
    // searched only when the text has a run of 16 digits: a success never returns a wrong id.
    // The rounded value is not quoted: it must never be taken for the id.
    if (response.ok && LONG_RUN.test(text)) {
      const found = unsafeInteger(json, "");
      if (found) {
        throw failure(YeastarResponseError, request, call, `answered ${found} = an integer beyond Number.MAX_SAFE_INTEGER (see the int64 option)`, { response });
      }
    }
    return json;
  }

  /** The error a response stands for, or undefined for a success. */
  function errorOf({ response, text, json }: Received, request: Outgoing, call: SendOptions): YeastarError | undefined {
    const { status } = response;
    if ((status >= 300 && status < 400) || response.type === "opaqueredirect") {
      // A browser hides where an opaque redirect points; a Location is shown without its query.
      let target = "elsewhere";
      try {
        const to = new URL(response.headers.get("location")!, request.url);
        target = to.origin + to.pathname;
      } catch {}
      return failure(
        YeastarResponseError,
        request,
        call,
        `was redirected (HTTP ${status}) from ${home} to ${target}: not followed, to keep credentials on ${home}`,
        { response },
      );
    }
    const httpError = !response.ok;
    const vendor = product.vendorError(json, httpError);
    if (!httpError && !vendor) {
      if (isRecord(json) || status === 204 || request.method === "HEAD") return undefined;
      return failure(YeastarResponseError, request, call, `answered HTTP ${status} with ${text ? "JSON" : "no body"} instead of the success object`, { response });
    }
    const code = vendor?.code;
    const { where, path, ...coordinates } = context(request, call);
    return new YeastarApiError({
      ...coordinates,
      status,
      code,
      codeName: typeof code === "number" ? meta.errorCodes[code] : undefined,
      message: vendor?.message ?? (json === undefined && text ? `non-JSON response (${response.headers.get("content-type") ?? "no content type"})` : undefined),
      detail: vendor?.detail,
      requestId: vendor?.requestId,
      request: `${request.method} ${path}`,
      where,
      body: json ?? text.slice(0, 500),
      headers: response.headers,
      response,
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

  return observed;
}

const LONG_RUN = /\d{16}/;

/** The path of the first integer in `value` that is not exact as a JavaScript number. */
function unsafeInteger(value: unknown, path: string): string | undefined {
  if (typeof value === "number") return Number.isInteger(value) && !Number.isSafeInteger(value) ? path || "the body" : undefined;
  if (typeof value === "object" && value !== null) {
    const array = Array.isArray(value);
    for (const key in value) {
      const found = unsafeInteger((value as Record<string, unknown>)[key], array ? `${path}[${key}]` : path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return undefined;
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
