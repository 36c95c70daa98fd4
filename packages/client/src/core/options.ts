// Client options and their validation. Every mistake is reported before any request is sent,
// naming the option, and never echoing a secret.
import { YeastarInvalidRequestError } from "./errors.js";
import type { Int64Mode, RateBudget, TransportPlugin, YeastarHooks } from "./plugin.js";
import type { RetryOptions } from "./retry.js";
import { sendable, type YeastarTokenStore } from "./tokens.js";

/** A fixed access token, or a function that returns the current one. */
export type AccessToken = string | (() => string | Promise<string>);

export interface YeastarClientOptions {
  /** API root; defaults to the vendor host from the spec. */
  baseUrl?: string;
  /** A token you manage yourself. Use this or `clientId` + `clientSecret`. */
  accessToken?: AccessToken;
  /** With `clientSecret`: the client requests and refreshes tokens itself. */
  clientId?: string;
  clientSecret?: string;
  /** Sent as `User-Agent` (YCM rejects requests without one). */
  userAgent?: string;
  /** The fetch to use (default: `globalThis.fetch`). */
  fetch?: (input: Request) => Promise<Response>;
  /** Retries after the first attempt for idempotent requests (default 2). */
  maxRetries?: number;
  /** Time allowed for each attempt, in milliseconds (default 30 000). */
  timeoutMs?: number;
  /** Backoff tuning; see `RetryOptions`. */
  retry?: RetryOptions;
  /**
   * Shares tokens between processes or restarts (with `clientId` + `clientSecret`): `fileTokenStore()`
   * of `@yeastar-openapi/client/token-store-file`, `redisTokenStore()` of `/redis`, or
   * `customTokenStore()` of `/token-store` around your own.
   */
  tokenStore?: YeastarTokenStore;
  /** Largest response body accepted, in bytes, counted as it streams in (default 16 MiB). */
  maxResponseBytes?: number;
  /** Told when the server answers something odd the client works around (default: console.warn). */
  onWarning?: (message: string) => void;
  /** Request, response, retry and error events, redacted: `createHooks()` or `loggerHooks()` of `@yeastar-openapi/client/hooks`. */
  hooks?: YeastarHooks;
  /**
   * An integer beyond 2^53 in a response: `"error"` (default) refuses the body naming the field;
   * `int64AsString` / `int64AsBigInt` from `@yeastar-openapi/client/exact` deliver it exactly.
   */
  int64?: "error" | Int64Mode<"string"> | Int64Mode<"bigint">;
  /**
   * A client-side rate limit: every request waits for it (off by default). See `rateBudget()` in
   * `@yeastar-openapi/client/rate-budget`, `redisRateBudget()` in `@yeastar-openapi/client/redis`, or
   * `customRateBudget()` around your own.
   */
  rateBudget?: RateBudget;
}

const optionNames: ReadonlySet<string> = new Set<keyof YeastarClientOptions>([
  "baseUrl",
  "accessToken",
  "clientId",
  "clientSecret",
  "userAgent",
  "fetch",
  "maxRetries",
  "timeoutMs",
  "retry",
  "tokenStore",
  "maxResponseBytes",
  "onWarning",
  "hooks",
  "int64",
  "rateBudget",
]);

export const DEFAULT_MAX_RETRIES = 2;
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_USER_AGENT = "yeastar-openapi-client";
/** A page of 50 users is about 50 KB: 16 MiB is far above any answer the APIs give, and far below harm. */
export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
/** The longest delay a timer holds: above it setTimeout fires after 1 ms. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** A header value fetch accepts: no CR, LF, NUL or character beyond Latin-1. */
export const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** The default fetch: globalThis.fetch as it is at each call (the transport knows it by identity). */
export const globalFetch = (request: Request): Promise<Response> => globalThis.fetch(request);

export type Credentials = { clientId: string; clientSecret: string };

export interface ResolvedOptions {
  baseUrl: string;
  userAgent: string;
  fetch: (input: Request) => Promise<Response>;
  maxRetries: number;
  timeoutMs: number;
  retry: RetryOptions;
  accessToken?: AccessToken | undefined;
  credentials?: Credentials | undefined;
  tokenStore?: YeastarTokenStore | undefined;
  maxResponseBytes: number;
  onWarning: (message: string) => void;
  /** The plug-ins (core/plugin.ts), innermost first: int64, rateBudget, hooks. */
  plugins: (TransportPlugin | undefined)[];
}

function fail(api: string, message: string): never {
  throw new YeastarInvalidRequestError(`${api} client: ${message}`);
}

/** Checks `options` and fills in the defaults; throws YeastarInvalidRequestError on a mistake. */
export function resolveOptions(api: string, options: YeastarClientOptions | undefined, defaultBaseUrl: string): ResolvedOptions {
  if (options === undefined || options === null || typeof options !== "object") {
    fail(api, "options are required: pass { accessToken } or { clientId, clientSecret }");
  }
  for (const key of Object.keys(options)) {
    if (!optionNames.has(key)) fail(api, `unknown option "${key}"; the options are ${[...optionNames].join(", ")}`);
  }
  const baseUrl = checkBaseUrl(api, options.baseUrl ?? defaultBaseUrl);
  const { accessToken, clientId, clientSecret } = options;
  const hasCredentials = clientId !== undefined || clientSecret !== undefined;
  if (accessToken !== undefined && hasCredentials) {
    fail(api, "pass either accessToken or clientId + clientSecret, not both");
  }
  if (accessToken === undefined && !hasCredentials) {
    fail(api, "no credentials: pass accessToken, or clientId and clientSecret");
  }
  if (accessToken !== undefined && !(typeof accessToken === "function" || (typeof accessToken === "string" && accessToken !== ""))) {
    fail(api, "accessToken must be a non-empty string or a function returning one");
  }
  if (typeof accessToken === "string" && !sendable(accessToken)) {
    fail(api, "accessToken has characters a header cannot carry");
  }
  let credentials: Credentials | undefined;
  if (hasCredentials) {
    if (typeof clientId !== "string" || clientId === "") fail(api, "clientId is missing or empty (it goes with clientSecret)");
    if (typeof clientSecret !== "string" || clientSecret === "") fail(api, "clientSecret is missing or empty (it goes with clientId)");
    credentials = { clientId, clientSecret };
  }
  if (options.tokenStore !== undefined) {
    const store = options.tokenStore;
    if (!credentials) fail(api, "tokenStore needs clientId and clientSecret");
    if (typeof store?.obtain !== "function") fail(api, "tokenStore must be made by customTokenStore(), fileTokenStore() or redisTokenStore()");
  }
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  if (typeof userAgent !== "string" || userAgent.trim() === "") fail(api, "userAgent must be a non-empty string");
  if (!HEADER_VALUE.test(userAgent)) fail(api, "userAgent has characters a header cannot carry");
  // The plug-ins (core/plugin.ts) are functions too; int64 may also say "error", the default.
  const int64 = options.int64 === "error" ? undefined : options.int64;
  for (const name of ["fetch", "onWarning", "hooks", "rateBudget", "int64"] as const) {
    const value = name == "int64" ? int64 : options[name];
    if (value !== undefined && typeof value !== "function") fail(api, name == "int64" ? 'int64 must be "error", int64AsString or int64AsBigInt' : `${name} must be a function`);
  }
  const retry = checkRetry(api, options.retry);
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  if (!Number.isSafeInteger(maxResponseBytes) || maxResponseBytes < 1) fail(api, `maxResponseBytes must be a whole number >= 1, got ${String(maxResponseBytes)}`);
  const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  checkMaxRetries(api, maxRetries);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  checkTimeout(api, timeoutMs);
  return {
    baseUrl,
    userAgent,
    fetch: options.fetch ?? globalFetch,
    maxRetries,
    timeoutMs,
    retry,
    maxResponseBytes,
    onWarning: options.onWarning ?? console.warn,
    accessToken,
    credentials,
    tokenStore: options.tokenStore,
    plugins: [int64, options.rateBudget, options.hooks],
  };
}

export function checkMaxRetries(api: string, value: unknown): asserts value is number {
  if (!Number.isInteger(value) || (value as number) < 0) fail(api, `maxRetries must be a whole number >= 0, got ${String(value)}`);
}

export function checkTimeout(api: string, value: unknown): asserts value is number {
  if (typeof value !== "number" || !(value > 0) || value > MAX_TIMER_MS) fail(api, `timeoutMs must be a positive number up to ${MAX_TIMER_MS}, got ${String(value)}`);
}

const RETRY_KEYS = ["baseDelayMs", "maxDelayMs", "maxRetryAfterMs"] as const;

function checkRetry(api: string, retry: unknown): RetryOptions {
  if (retry === undefined) return {};
  if (typeof retry !== "object" || retry === null) fail(api, "retry must be an object");
  for (const key of Object.keys(retry)) {
    if (!(RETRY_KEYS as readonly string[]).includes(key)) fail(api, `unknown retry option "${key}"`);
    const value = (retry as Record<string, unknown>)[key];
    if (value !== undefined && !(typeof value === "number" && value >= 0 && value <= MAX_TIMER_MS)) {
      fail(api, `retry.${key} must be a number from 0 to ${MAX_TIMER_MS}, got ${typeof value === "string" ? `"${value}"` : String(value)}`);
    }
  }
  return retry as RetryOptions;
}

function checkBaseUrl(api: string, value: unknown): string {
  let url: URL | undefined;
  try {
    url = typeof value === "string" ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) {
    // Show only the scheme: a URL may carry credentials.
    const shown = typeof value === "string" ? (/^[a-z][a-z0-9+.-]*:/i.exec(value)?.[0] ?? "no scheme") : typeof value;
    fail(api, `baseUrl must be an absolute http:// or https:// URL (got ${shown})`);
  }
  if (url.username || url.password) fail(api, "baseUrl must not contain a user name or password");
  // The client appends paths to baseUrl: after a query or fragment they would go nowhere.
  if (/[?#]/.test(url.href)) fail(api, "baseUrl must not contain a query (?) or fragment (#)");
  return url.href.replace(/\/+$/, "");
}
