// YCM webhook deliveries: verify the `X-Signature` (Base64 of HMAC-SHA256 over the raw body, keyed
// with the webhook's secret), then parse the JSON array into a typed event.
import { createHmac, timingSafeEqual } from "node:crypto";
import { ycmWebhooks } from "../generated/ycm.webhooks.js";
import { YeastarWebhookError } from "./errors.js";
import { bodyBytes, parseJsonBody, type WebhookBody } from "./body.js";
import { declaredKeys, shapeProblem, type WebhookMeta } from "./shape.js";
import type { YcmWebhookEvent, YcmWebhookName } from "./types.js";

// The generated table and the generated types list the same webhooks (a compile error otherwise).
const webhooks: { readonly [Name in YcmWebhookName]: WebhookMeta } = ycmWebhooks;
const webhookNames = Object.keys(webhooks) as YcmWebhookName[];

/** The header YCM signs its pushes in, from the spec (`X-Signature`). */
export const YCM_SIGNATURE_HEADER: string = signatureHeader();

function signatureHeader(): string {
  const names = new Set(webhookNames.map((name) => webhooks[name].signatureHeader));
  const [name] = names;
  // A spec where the YCM webhooks disagree, or one has no signature, needs a decision here first.
  if (names.size !== 1 || name === undefined) throw new Error("the YCM webhooks of the spec do not share one signature header");
  return name;
}

/** HMAC-SHA256 digests are 32 bytes; their Base64 is 43 characters and one `=`. */
const DIGEST_BYTES = 32;
const BASE64_DIGEST = /^[A-Za-z0-9+/]{43}=$/;

export interface YcmWebhookInput {
  /**
   * The request body exactly as received: the bytes (Uint8Array, Buffer, ArrayBuffer), or a string
   * that is those bytes decoded as UTF-8 without any change. Never a re-serialised
   * `JSON.stringify(parsed)`: its bytes differ, and so does the signature.
   */
  body: WebhookBody;
  /** The value of the `X-Signature` header (`request.headers.get("x-signature")`, `req.headers["x-signature"]`). */
  signature: string | readonly string[] | null | undefined;
  /**
   * The webhook's secret (the 32-character key YCM shows in System > API > Webhook Event Push), or
   * several (up to five webhooks may share a URL; or the old and new secret while rotating it).
   */
  secret: string | readonly string[];
}

function secretsOf(secret: unknown): string[] {
  const list = typeof secret === "string" ? [secret] : Array.isArray(secret) ? (secret as unknown[]) : undefined;
  if (!list || list.length === 0 || !list.every((s): s is string => typeof s === "string" && s.length > 0)) {
    const what = list === undefined ? typeof secret : list.length === 0 ? "an empty list" : "a list with an empty or non-string entry";
    throw new YeastarWebhookError(
      "secret_invalid",
      `The YCM webhook secret must be a non-empty string or a non-empty list of them (got ${what === "string" ? "an empty string" : what})`,
      "ycm",
    );
  }
  return list;
}

/**
 * Checks a YCM delivery's signature; returns nothing when it is genuine, throws a
 * `YeastarWebhookError` otherwise:
 * - `secret_invalid`: `secret` is not a non-empty string (a configuration error);
 * - `signature_missing`: no `X-Signature` header;
 * - `signature_malformed`: the header is not Base64 of 32 bytes (an HMAC-SHA256);
 * - `signature_mismatch`: the signature is not the HMAC of this body with this secret. A wrong
 *   secret and a tampered body cannot be told apart (that is what an HMAC guarantees), so both
 *   are this one error; a body that was parsed and re-serialised before verifying is too.
 *
 * The comparison is constant-time (node:crypto `timingSafeEqual` over the two 32-byte digests;
 * the received header's length is checked against the fixed digest length, never against the
 * expected value). No error carries the secret or either signature.
 */
export function verifyYcmWebhook(input: YcmWebhookInput): void {
  const secrets = secretsOf(input?.secret);
  const received = receivedDigest(input.signature);
  const bytes = bodyBytes(input.body);
  let match = false;
  // Every secret is tried, so the time taken does not say which one matched.
  for (const secret of secrets) {
    const expected = createHmac("sha256", secret).update(bytes).digest();
    if (timingSafeEqual(expected, received)) match = true;
  }
  if (!match) {
    throw new YeastarWebhookError(
      "signature_mismatch",
      `The ${YCM_SIGNATURE_HEADER} header does not match the body: the secret is wrong or the body is not the one YCM signed (verify the raw bytes as received, before any JSON parsing)`,
      "ycm",
    );
  }
}

function receivedDigest(signature: YcmWebhookInput["signature"]): Buffer {
  const values = typeof signature === "string" ? [signature] : Array.isArray(signature) ? signature : [];
  if (values.length === 0 || (values.length === 1 && values[0]!.trim() === "")) {
    throw new YeastarWebhookError("signature_missing", `The delivery has no ${YCM_SIGNATURE_HEADER} header: it is not signed`, "ycm");
  }
  const value = values.length === 1 ? values[0]!.trim() : "";
  if (!BASE64_DIGEST.test(value)) {
    throw new YeastarWebhookError(
      "signature_malformed",
      `The ${YCM_SIGNATURE_HEADER} header is not one Base64-encoded HMAC-SHA256 (${DIGEST_BYTES} bytes, 44 characters)`,
      "ycm",
    );
  }
  return Buffer.from(value, "base64");
}

export interface ParseYcmWebhookInput extends YcmWebhookInput {
  /**
   * Which webhook this URL receives, when you gave each its own URL. Without it the event is told
   * by its shape (PCE DID Change elements have `event`, PCE Capacity Change elements `repository`);
   * an empty array can then not be told and is refused.
   */
  webhook?: YcmWebhookName | undefined;
}

/**
 * Verifies a YCM delivery (as verifyYcmWebhook, same errors), then parses it into a typed event:
 * `{ type: "pceDidChange" | "pceCapacityChange", data }`, `data` being the JSON array checked
 * against the spec's schema. A body that is not JSON or not a documented payload throws
 * `payload_invalid`.
 */
export function parseYcmWebhook(input: ParseYcmWebhookInput): YcmWebhookEvent {
  verifyYcmWebhook(input);
  return ycmEventOf(parseJsonBody(input.body, "ycm"), input.webhook);
}

/** The typed event of a verified payload (the handler verifies first, then calls this). */
export function ycmEventOf(payload: unknown, webhook?: YcmWebhookName): YcmWebhookEvent {
  if (webhook !== undefined && !Object.hasOwn(webhooks, webhook)) {
    throw new YeastarWebhookError("options_invalid", `Unknown YCM webhook ${JSON.stringify(webhook)}; the spec has ${webhookNames.join(", ")}`, "ycm");
  }
  // The schemas are open (a capacity change element fits any object with an `sn`), so the webhook
  // is the one whose schema names most of the payload's keys; the payload must then fit it.
  const candidates = (webhook ? [webhook] : webhookNames).map((name) => ({ name, score: declaredKeys(payload, webhooks[name].body) }));
  const best = Math.max(...candidates.map((c) => c.score));
  const closest = candidates.filter((c) => c.score === best);
  const fits = closest.filter((c) => !shapeProblem(payload, webhooks[c.name].body, "body"));
  if (fits.length === 0) {
    const problems = closest.map((c) => `as ${c.name}: ${shapeProblem(payload, webhooks[c.name].body, "body")}`);
    throw new YeastarWebhookError("payload_invalid", `The YCM payload is not a documented event (${problems.join("; ")})`, "ycm");
  }
  if (fits.length > 1) {
    throw new YeastarWebhookError(
      "payload_invalid",
      `The YCM payload fits ${fits.map((f) => f.name).join(" and ")} alike (an empty array carries no event); pass \`webhook\` to say which webhook this URL receives`,
      "ycm",
    );
  }
  return { type: fits[0]!.name, data: payload } as YcmWebhookEvent;
}
