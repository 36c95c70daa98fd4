// The one error class of the webhooks entry point, told apart by `code`. It does not extend the
// core's YeastarError: this entry is bundled on its own (an app that only receives webhooks does
// not load the API client, and the reverse), so a shared base class would exist twice and
// `instanceof` across the two would lie.
//
// No message, `cause` or toJSON() carries a secret, the expected signature or the received one:
// messages are fixed sentences plus names from the spec, and signature failures have no cause.

/** Which product a webhook came from. */
export type WebhookApi = "ycm" | "workplace";

export type YeastarWebhookErrorCode =
  /** The YCM secret given to verify with is not a non-empty string (a configuration error). */
  | "secret_invalid"
  /** The delivery has no signature header. */
  | "signature_missing"
  /** The signature header is not Base64 of a 32-byte HMAC-SHA256. */
  | "signature_malformed"
  /** The signature does not match the body: a wrong secret or a changed body (indistinguishable). */
  | "signature_mismatch"
  /** The Workplace callback URI does not carry the expected secret. */
  | "callback_secret_mismatch"
  /** The body is not JSON, or not the shape the spec gives the event. */
  | "payload_invalid"
  /** A Workplace `eventType` the spec does not list. */
  | "event_unknown"
  /** The body is larger than the handler's `maxBodyBytes`. */
  | "payload_too_large"
  /** The body was already read by something else (e.g. a JSON body parser mounted before the handler). */
  | "body_consumed"
  /** createWebhookHandler() options that cannot work. */
  | "options_invalid";

/** Every failure of the webhooks entry point: check `code`. */
export class YeastarWebhookError extends Error {
  override readonly name = "YeastarWebhookError";
  readonly code: YeastarWebhookErrorCode;
  readonly api: WebhookApi | undefined;

  constructor(code: YeastarWebhookErrorCode, message: string, api?: WebhookApi) {
    super(message);
    this.code = code;
    this.api = api;
  }

  /** For log pipelines: name, code, api and message; never a secret, a signature or the body. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, api: this.api, message: this.message };
  }
}
