// The fetch that openapi-fetch calls: it adds the token and User-Agent, applies the timeout and
// the caller's AbortSignal, retries what is safe to retry, replays once with a new token when
// the token is refused, and turns every failure into one of our typed errors.
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
import type { AuthProvider } from "./tokens.js";

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

const TIMEOUT = Symbol("timeout");

export class Transport {
  auth: AuthProvider | undefined;

  constructor(
    private readonly product: Product,
    private readonly options: ResolvedOptions,
  ) {}

  /** Sends `request` until it succeeds or fails for good; resolves with the success read to the end. */
  async send(request: Request, call: SendOptions): Promise<Received> {
    const method = request.method;
    // The path alone names the request in errors: the query string may carry an access_token.
    const route = `${method} ${new URL(request.url).pathname}`;
    const body = request.body ? await request.arrayBuffer() : undefined;
    const canRetry = call.retryUnsafe || IDEMPOTENT_METHODS.has(method);
    let retries = 0;
    let replayed = false;
    for (;;) {
      const token = call.auth ? await this.requireAuth().token() : undefined;
      let failure: YeastarError;
      try {
        const received = await this.attempt(request, body, token, call, route);
        const apiError = this.apiError(received, route);
        if (!apiError) return received;
        failure = apiError;
      } catch (error) {
        if (error instanceof YeastarAbortError || !(error instanceof YeastarConnectionError)) throw error;
        failure = error;
      }
      if (failure instanceof YeastarApiError && token !== undefined && !replayed && this.product.tokenRejected(failure)) {
        replayed = true;
        if (await this.requireAuth().rejected(token)) continue;
        throw failure;
      }
      if (!canRetry || retries >= call.maxRetries || !this.retryable(failure)) throw failure;
      retries += 1;
      const wait = this.delay(failure, retries);
      if (wait === undefined) throw failure;
      try {
        await sleep(wait, call.signal);
      } catch {
        throw new YeastarAbortError(`${route} was aborted while waiting to retry`);
      }
    }
  }

  private requireAuth(): AuthProvider {
    if (!this.auth) throw new Error("internal: transport used before its auth provider was set");
    return this.auth;
  }

  private async attempt(request: Request, body: ArrayBuffer | undefined, token: string | undefined, call: SendOptions, route: string): Promise<Received> {
    const headers = new Headers(request.headers);
    if (token !== undefined) headers.set("Authorization", `Bearer ${token}`);
    if (!headers.has("User-Agent")) headers.set("User-Agent", this.options.userAgent);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(TIMEOUT), call.timeoutMs);
    const onAbort = () => controller.abort(call.signal?.reason);
    if (call.signal?.aborted) onAbort();
    else call.signal?.addEventListener("abort", onAbort, { once: true });
    try {
      const init = { method: request.method, headers, body: body ?? null, signal: controller.signal };
      // The global fetch gets the URL and init as they are and builds the one Request itself: a
      // Request built here would be copied again inside fetch, and every Request costs tens of
      // microseconds, more with the timeout signal linked in (bench/: per-request overhead).
      const response = this.options.fetch === globalFetch ? await globalThis.fetch(request.url, init) : await this.options.fetch(new Request(request.url, init));
      const text = await response.text();
      return { response, text, json: parseJson(text, response) };
    } catch (error) {
      if (call.signal?.aborted) throw new YeastarAbortError(`${route} was aborted`, { cause: call.signal.reason });
      if (controller.signal.reason === TIMEOUT) {
        throw new YeastarTimeoutError(`${route} timed out after ${call.timeoutMs} ms`);
      }
      if (error instanceof YeastarConnectionError) throw error;
      throw new YeastarConnectionError(`${route} failed: ${describeCause(error)}`, { cause: error });
    } finally {
      clearTimeout(timer);
      call.signal?.removeEventListener("abort", onAbort);
    }
  }

  /** The error a response stands for, or undefined for a success. */
  private apiError({ response, text, json }: Received, route: string): YeastarApiError | undefined {
    const httpError = !response.ok;
    const vendor = this.product.vendorError(json, httpError);
    if (!httpError && !vendor) return undefined;
    const code = vendor?.code;
    return new YeastarApiError({
      api: this.product.api,
      status: response.status,
      code,
      codeName: typeof code === "number" ? this.product.meta.errorCodes[code] : undefined,
      message: vendor?.message ?? (json === undefined && text ? `non-JSON response (${response.headers.get("content-type") ?? "no content type"})` : undefined),
      detail: vendor?.detail,
      requestId: vendor?.requestId,
      request: route,
      body: json ?? text.slice(0, 500),
      headers: response.headers,
    });
  }

  private retryable(error: YeastarError): boolean {
    if (error instanceof YeastarApiError) return RETRYABLE_STATUSES.has(error.status) || this.product.rateLimited(error);
    return error instanceof YeastarConnectionError;
  }

  /** How long to wait before the next try, or undefined when the server asks for too long. */
  private delay(error: YeastarError, retry: number): number | undefined {
    const asked = error instanceof YeastarApiError && error.headers ? retryAfterMs(error.headers) : undefined;
    if (asked === undefined) return backoffDelay(retry, this.options.retry);
    const ceiling = this.options.retry.maxRetryAfterMs ?? RETRY_DEFAULTS.maxRetryAfterMs;
    return asked <= ceiling ? asked : undefined;
  }
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
 * json() returns the value already parsed instead of parsing it twice. The client skips the copy
 * when nothing but itself would read the body (see `call` in client.ts).
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
