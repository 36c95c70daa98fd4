// Client options and their validation. Every mistake is reported before any request is sent,
// naming the option, and never echoing a secret.
import { YeastarInvalidRequestError } from "./errors.js";
import type { RetryOptions } from "./retry.js";
import type { TokenStore } from "./tokens.js";

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
  /** Shares tokens between processes or restarts (with `clientId` + `clientSecret`). */
  tokenStore?: TokenStore;
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
]);

export const DEFAULT_MAX_RETRIES = 2;
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_USER_AGENT = "yeastar-openapi-client";

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
  accessToken?: AccessToken;
  credentials?: Credentials;
  tokenStore?: TokenStore;
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
  let credentials: Credentials | undefined;
  if (hasCredentials) {
    if (typeof clientId !== "string" || clientId === "") fail(api, "clientId is missing or empty (it goes with clientSecret)");
    if (typeof clientSecret !== "string" || clientSecret === "") fail(api, "clientSecret is missing or empty (it goes with clientId)");
    credentials = { clientId, clientSecret };
  }
  if (options.tokenStore !== undefined) {
    const store = options.tokenStore;
    if (!credentials) fail(api, "tokenStore needs clientId and clientSecret");
    if (typeof store?.get !== "function" || typeof store?.set !== "function") fail(api, "tokenStore must have get() and set() methods");
  }
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  if (typeof userAgent !== "string" || userAgent.trim() === "") fail(api, "userAgent must be a non-empty string");
  if (options.fetch !== undefined && typeof options.fetch !== "function") fail(api, "fetch must be a function");
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
    retry: options.retry ?? {},
    ...(accessToken !== undefined && { accessToken }),
    ...(credentials && { credentials }),
    ...(options.tokenStore && { tokenStore: options.tokenStore }),
  };
}

export function checkMaxRetries(api: string, value: unknown): asserts value is number {
  if (!Number.isInteger(value) || (value as number) < 0) fail(api, `maxRetries must be a whole number >= 0, got ${String(value)}`);
}

export function checkTimeout(api: string, value: unknown): asserts value is number {
  if (typeof value !== "number" || !(value > 0) || !Number.isFinite(value)) fail(api, `timeoutMs must be a positive number of milliseconds, got ${String(value)}`);
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
  return url.href.replace(/\/+$/, "");
}
