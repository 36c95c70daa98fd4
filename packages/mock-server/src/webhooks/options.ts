import { randomBytes } from "node:crypto";

/**
 * Webhook targets as the products configure them: YCM up to five URLs (System > API > Webhook Event Push), each
 * with its own 32-character secret; Workplace one callback URI (Integration > API > Settings). Nothing here ever
 * puts a secret, or a URL that may carry one, into an error message.
 */

/** YCM accepts at most this many webhooks. */
export const YCM_MAX_WEBHOOKS = 5;
/** YCM generates a 32-character secret for each webhook. */
export const YCM_SECRET_LENGTH = 32;
/** Workplace waits 60 s for the callback's answer. */
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 60_000;
/**
 * Workplace retries three more times "at increasing intervals"; the intervals are not published, these are the
 * mock's (10 s, 1 min, 5 min). Tests compress them with `webhookRetryDelaysMs`.
 */
export const DEFAULT_WEBHOOK_RETRY_DELAYS_MS: readonly number[] = [10_000, 60_000, 300_000];

/** One YCM webhook: where YCM pushes, and the secret it signs the pushes with. */
export interface YcmWebhookTarget {
  readonly url: string;
  readonly secret: string;
}

/** A YCM webhook as configured: its URL (a secret is generated), or the URL with a secret you choose. */
export type YcmWebhookOption = string | { url: string; secret?: string };

export interface WebhookOptions {
  /** YCM webhooks (at most five): a URL, or `{ url, secret }`. A secret not given is generated (32 characters). */
  ycmWebhooks?: YcmWebhookOption[];
  /** Workplace's callback URI; events go there once subscribed to (`subscribeWorkplaceEvents`). */
  workplaceCallbackUri?: string;
  /** How long a delivery waits for the receiver's answer. Default 60 000 (Workplace's 60 s). */
  webhookTimeoutMs?: number;
  /** Waits before each retry of a failed Workplace delivery; its length is the number of retries. Default `[10000, 60000, 300000]`. */
  webhookRetryDelaysMs?: number[];
}

export interface ResolvedWebhookOptions {
  ycm: YcmWebhookTarget[];
  workplace: { callbackUri: string } | undefined;
  timeoutMs: number;
  retryDelaysMs: number[];
}

export const WEBHOOK_OPTION_NAMES = ["ycmWebhooks", "workplaceCallbackUri", "webhookTimeoutMs", "webhookRetryDelaysMs"] as const satisfies ReadonlyArray<keyof WebhookOptions>;

export function resolveWebhookOptions(o: WebhookOptions): ResolvedWebhookOptions {
  const given = o.ycmWebhooks ?? [];
  if (!Array.isArray(given)) throw new TypeError("Option ycmWebhooks must be an array of URLs or { url, secret? } objects");
  if (given.length > YCM_MAX_WEBHOOKS) {
    throw new TypeError(`Option ycmWebhooks has ${given.length} webhooks; YCM allows at most ${YCM_MAX_WEBHOOKS}`);
  }
  const ycm = given.map((entry, i): YcmWebhookTarget => {
    const name = `ycmWebhooks[${i}]`;
    const spec = typeof entry === "string" ? { url: entry } : entry;
    if (typeof spec !== "object" || spec === null) throw new TypeError(`Option ${name} must be a URL or { url, secret? }`);
    for (const key of Object.keys(spec)) if (key !== "url" && key !== "secret") throw new TypeError(`Option ${name} has an unknown key "${key}" (use url and secret)`);
    const url = httpUrl(spec.url, `${name}.url`);
    return { url, secret: spec.secret === undefined ? generateSecret() : checkSecret(spec.secret, `${name}.secret`) };
  });
  const workplace = o.workplaceCallbackUri === undefined ? undefined : { callbackUri: httpUrl(o.workplaceCallbackUri, "workplaceCallbackUri") };
  const timeoutMs = o.webhookTimeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new TypeError(`Option webhookTimeoutMs must be a positive integer of milliseconds, got ${String(timeoutMs)}`);
  const delays = o.webhookRetryDelaysMs ?? DEFAULT_WEBHOOK_RETRY_DELAYS_MS;
  if (!Array.isArray(delays) || delays.length > 10 || delays.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new TypeError("Option webhookRetryDelaysMs must be an array of at most 10 non-negative integers of milliseconds (Workplace retries three times)");
  }
  return { ycm, workplace, timeoutMs, retryDelaysMs: [...delays] };
}

/** 32 characters from [A-Za-z0-9], like the secrets YCM shows. */
export function generateSecret(): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  let out = "";
  while (out.length < YCM_SECRET_LENGTH) {
    // 248 = 4 * 62: bytes above it are dropped so every character is equally likely.
    for (const byte of randomBytes(YCM_SECRET_LENGTH)) if (byte < 248 && out.length < YCM_SECRET_LENGTH) out += alphabet[byte % 62];
  }
  return out;
}

/** The message names the option and the length, never the value. */
export function checkSecret(value: unknown, name: string): string {
  if (typeof value !== "string") throw new TypeError(`Option ${name} must be a string of ${YCM_SECRET_LENGTH} characters`);
  if (value.length !== YCM_SECRET_LENGTH || !/^[\x21-\x7e]+$/.test(value)) {
    throw new TypeError(`Option ${name} must be ${YCM_SECRET_LENGTH} printable characters without spaces, like the secrets YCM generates (got ${value.length} characters)`);
  }
  return value;
}

/** An absolute http(s) URL; the message does not repeat it (a callback URI can carry a secret). */
function httpUrl(value: unknown, name: string): string {
  let url: URL | undefined;
  try {
    url = typeof value === "string" ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) throw new TypeError(`Option ${name} must be an absolute http:// or https:// URL`);
  return url.href;
}

/** A URL as the delivery log and the banner show it: no query string and no user info, which can carry a secret. */
export function shownUrl(href: string): string {
  const url = new URL(href);
  return `${url.protocol}//${url.host}${url.pathname}`;
}
