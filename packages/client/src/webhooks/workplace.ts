// Workplace webhook deliveries. Workplace documents no signature, so the defences are the ones the
// receiver can set up itself: a secret in the callback URI (checked in constant time), the payload
// checked against the spec, and retried deliveries (same `eventId`) handed over once.
import { createHash, timingSafeEqual } from "node:crypto";
import { workplaceWebhooks } from "../generated/workplace.webhooks.js";
import { parseJsonBody, type WebhookBody } from "./body.js";
import { YeastarWebhookError } from "./errors.js";
import { isJsonObject, shapeProblem, type WebhookMeta } from "./shape.js";
import type { WorkplaceWebhookEvent, WorkplaceWebhookEventType } from "./types.js";

// The generated table and the generated types list the same event types (a compile error otherwise).
const webhooks: { readonly [Type in WorkplaceWebhookEventType]: WebhookMeta } = workplaceWebhooks;

/** The event types the spec documents, `WEBHOOK_TEST` included. */
export const WORKPLACE_WEBHOOK_EVENT_TYPES = Object.freeze(Object.keys(webhooks)) as readonly WorkplaceWebhookEventType[];

/** Whether `type` is an event type the spec documents. */
export function isWorkplaceWebhookEventType(type: unknown): type is WorkplaceWebhookEventType {
  return typeof type === "string" && Object.hasOwn(webhooks, type);
}

/**
 * Parses a Workplace delivery (the raw body, or its text) into a typed event, discriminated by
 * `eventType`. Throws `YeastarWebhookError`: `payload_invalid` when the body is not JSON or not
 * the shape the spec gives its event type, `event_unknown` for an `eventType` the spec does not
 * list. It checks no secret: use checkCallbackSecret() (or createWebhookHandler) for that.
 */
export function parseWorkplaceWebhook(body: WebhookBody): WorkplaceWebhookEvent {
  const payload = parseJsonBody(body, "workplace");
  if (!isJsonObject(payload)) throw new YeastarWebhookError("payload_invalid", "The Workplace payload must be a JSON object", "workplace");
  const type = payload.eventType;
  if (typeof type !== "string") throw new YeastarWebhookError("payload_invalid", "The Workplace payload has no eventType string", "workplace");
  if (!isWorkplaceWebhookEventType(type)) {
    throw new YeastarWebhookError(
      "event_unknown",
      `Unknown Workplace eventType ${JSON.stringify(type.slice(0, 64))}; the spec documents ${WORKPLACE_WEBHOOK_EVENT_TYPES.join(", ")}`,
      "workplace",
    );
  }
  const problem = shapeProblem(payload, webhooks[type].body, "body");
  if (problem) throw new YeastarWebhookError("payload_invalid", `The Workplace ${type} payload does not match the spec: ${problem}`, "workplace");
  return payload as unknown as WorkplaceWebhookEvent;
}

/** Where a callback secret is looked for. */
export interface CallbackSecretOptions {
  /**
   * The query parameter that carries it (`https://example.com/hooks/workplace?token=...` ->
   * `"token"`). Without it, the secret may be any path segment or any query parameter's value.
   */
  param?: string | undefined;
}

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest();

/**
 * Whether a callback URL carries `expected`, the secret you put in the Workplace callback URI (as
 * a query parameter or a path segment). `input` is the URL (absolute, or a path with its query
 * string such as node's `req.url`) or a Request. Constant-time: SHA-256 of each candidate and of
 * the secret, compared with `timingSafeEqual`, so neither the secret's length nor a common prefix
 * shows in the time taken. Never throws on a hostile URL (an unparsable one is `false`); throws
 * only when `expected` is not a non-empty string.
 */
export function checkCallbackSecret(input: string | URL | Request | { url: string }, expected: string, options: CallbackSecretOptions = {}): boolean {
  if (typeof expected !== "string" || expected.length === 0) {
    throw new YeastarWebhookError("options_invalid", "The expected callback secret must be a non-empty string", "workplace");
  }
  let url: URL;
  try {
    const href = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    url = new URL(href, "http://callback.invalid");
  } catch {
    return false;
  }
  const candidates: string[] = [];
  if (options.param !== undefined) {
    candidates.push(...url.searchParams.getAll(options.param));
  } else {
    for (const segment of url.pathname.split("/")) {
      if (!segment) continue;
      try {
        candidates.push(decodeURIComponent(segment));
      } catch {
        candidates.push(segment);
      }
    }
    for (const [, value] of url.searchParams) candidates.push(value);
  }
  const want = sha256(expected);
  let match = false;
  for (const candidate of candidates) if (timingSafeEqual(sha256(candidate), want)) match = true;
  return match;
}
