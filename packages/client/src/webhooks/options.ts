// createWebhookHandler() options, checked once at construction: a mistake is an error naming the
// option when the server starts, not a 500 on the first delivery. No message quotes a secret.
import type { DeliveryStore } from "./delivery-store.js";
import { YeastarWebhookError, type WebhookApi } from "./errors.js";
import type { WorkplaceWebhookEvent, YcmWebhookEvent, YcmWebhookName } from "./types.js";

interface CommonHandlerOptions {
  /** Largest body accepted, in bytes (default 1 MiB). Past it: 413, and the body is not read further. */
  maxBodyBytes?: number | undefined;
  /**
   * Told about each delivery answered with an error status, with the error (a YeastarWebhookError,
   * or what your onEvent or the store threw) and that status. Default: 5xx ones are written to
   * console.error; 4xx ones (forged, malformed or oversized deliveries) are not logged.
   */
  onError?: ((error: unknown, status: number) => void) | undefined;
}

export interface YcmWebhookHandlerOptions extends CommonHandlerOptions {
  api: "ycm";
  /**
   * The webhook's secret (System > API > Webhook Event Push), or several: webhooks sharing this URL,
   * or the old and new secret while rotating. Deliveries whose `X-Signature` matches none get 401.
   */
  secret: string | readonly string[];
  /** Which webhook this URL receives, when each has its own URL (otherwise told by the payload's shape). */
  webhook?: YcmWebhookName | undefined;
  /** Called with each verified event; answer 200 once it resolves, 500 if it throws. */
  onEvent: (event: YcmWebhookEvent) => unknown;
}

export interface WorkplaceWebhookHandlerOptions extends CommonHandlerOptions {
  api: "workplace";
  /**
   * The secret you put in the callback URI (Integration > API > Settings), e.g.
   * `https://example.com/hooks/workplace?secret=<random>` or `.../hooks/workplace/<random>`:
   * deliveries whose URL does not carry it get 401. At least 16 characters (use 32 random ones).
   * Workplace signs nothing, so without it anyone who knows the URL can post events: opt out
   * explicitly with `false`.
   */
  callbackSecret: string | false;
  /** The query parameter that carries the callback secret; default: any path segment or query value. */
  callbackSecretParam?: string | undefined;
  /** Where delivered `eventId`s are remembered (default: memoryDeliveryStore()). */
  store?: DeliveryStore | undefined;
  /** How long an `eventId` is remembered, in milliseconds (default 24 hours). */
  dedupeTtlMs?: number | undefined;
  /**
   * Called with each event, once per `eventId` (a retried delivery of an event already handed over
   * is answered 200 without calling it). Answer 200 once it resolves; 500 if it throws, and the
   * claim is released so Workplace's next retry is processed.
   */
  onEvent: (event: WorkplaceWebhookEvent) => unknown;
}

export type WebhookHandlerOptions = YcmWebhookHandlerOptions | WorkplaceWebhookHandlerOptions;

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
export const DEFAULT_DEDUPE_TTL_MS = 24 * 60 * 60 * 1000;
const MIN_CALLBACK_SECRET_LENGTH = 16;

const COMMON = ["api", "onEvent", "maxBodyBytes", "onError"];
const KNOWN: Record<WebhookApi, string[]> = {
  ycm: [...COMMON, "secret", "webhook"],
  workplace: [...COMMON, "callbackSecret", "callbackSecretParam", "store", "dedupeTtlMs"],
};

function fail(message: string, api?: WebhookApi): never {
  throw new YeastarWebhookError("options_invalid", `createWebhookHandler: ${message}`, api);
}

function positiveInteger(value: unknown, name: string, api: WebhookApi): void {
  if (value !== undefined && (!Number.isSafeInteger(value) || (value as number) < 1)) fail(`${name} must be a positive integer`, api);
}

/** Checks the options; returns them with every default filled in. */
export function checkHandlerOptions(options: unknown): Required<Pick<CommonHandlerOptions, "maxBodyBytes">> & WebhookHandlerOptions {
  if (typeof options !== "object" || options === null) fail("options must be an object");
  const o = options as Record<string, unknown>;
  if (o.api !== "ycm" && o.api !== "workplace") fail(`api must be "ycm" or "workplace"`);
  const api = o.api;
  const unknown = Object.keys(o).filter((key) => !KNOWN[api].includes(key));
  if (unknown.length) fail(`unknown option ${unknown.join(", ")} for api "${api}" (known: ${KNOWN[api].join(", ")})`, api);
  if (typeof o.onEvent !== "function") fail("onEvent must be a function", api);
  if (o.onError !== undefined && typeof o.onError !== "function") fail("onError must be a function", api);
  positiveInteger(o.maxBodyBytes, "maxBodyBytes", api);
  const maxBodyBytes = (o.maxBodyBytes as number | undefined) ?? DEFAULT_MAX_BODY_BYTES;

  if (api === "ycm") {
    const secrets = typeof o.secret === "string" ? [o.secret] : Array.isArray(o.secret) ? (o.secret as unknown[]) : undefined;
    if (!secrets || secrets.length === 0 || !secrets.every((s) => typeof s === "string" && s.length > 0)) {
      fail("secret must be the YCM webhook's secret (a non-empty string) or a non-empty list of them", api);
    }
    return { ...(o as unknown as YcmWebhookHandlerOptions), maxBodyBytes };
  }

  if (o.callbackSecret !== false) {
    if (typeof o.callbackSecret !== "string") {
      fail("callbackSecret is required: the secret you put in the callback URI, or false to accept deliveries from anyone who knows the URL", api);
    }
    if (o.callbackSecret.length < MIN_CALLBACK_SECRET_LENGTH) fail(`callbackSecret must be at least ${MIN_CALLBACK_SECRET_LENGTH} characters (use 32 random ones)`, api);
  }
  if (o.callbackSecretParam !== undefined && (typeof o.callbackSecretParam !== "string" || o.callbackSecretParam === "")) {
    fail("callbackSecretParam must be a non-empty string (a query parameter name)", api);
  }
  if (o.callbackSecretParam !== undefined && o.callbackSecret === false) fail("callbackSecretParam needs a callbackSecret", api);
  const store = o.store as Partial<DeliveryStore> | undefined;
  if (store !== undefined && (typeof store !== "object" || store === null || typeof store.claim !== "function" || typeof store.release !== "function")) {
    fail("store must be a DeliveryStore (an object with claim(key, ttlMs) and release(key))", api);
  }
  positiveInteger(o.dedupeTtlMs, "dedupeTtlMs", api);
  return { ...(o as unknown as WorkplaceWebhookHandlerOptions), maxBodyBytes };
}
