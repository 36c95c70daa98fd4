// The receiving endpoint, for web-standard servers (Request in, Response out) and for node:http.
// Both share one pipeline: POST only; the Workplace callback secret (before reading anything);
// the raw body, size-limited; the YCM signature over those bytes; the payload checked against
// the spec; de-duplication of Workplace retries; the user's onEvent; an answer that says what
// happened and never echoes a secret or the body.
import type { IncomingMessage, ServerResponse } from "node:http";
import { parseJsonBody, readIncomingBody, readRequestBody } from "./body.js";
import { memoryDeliveryStore, type DeliveryStore } from "./delivery-store.js";
import { YeastarWebhookError, type YeastarWebhookErrorCode } from "./errors.js";
import { checkHandlerOptions, DEFAULT_DEDUPE_TTL_MS, type WebhookHandlerOptions } from "./options.js";
import { checkCallbackSecret, parseWorkplaceWebhook } from "./workplace.js";
import { verifyYcmWebhook, YCM_SIGNATURE_HEADER, ycmEventOf } from "./ycm.js";

/** What the pipeline needs of a request, whichever server it came from. */
interface Delivery {
  method: string;
  url: string;
  header(name: string): string | readonly string[] | null | undefined;
  readBody(limit: number): Promise<Uint8Array>;
}

interface Answer {
  status: number;
  body: Record<string, unknown>;
  /** Close the connection after answering: the request body was not read to its end. */
  close?: boolean;
}

const STATUS: Partial<Record<YeastarWebhookErrorCode, number>> = {
  signature_missing: 401,
  signature_malformed: 401,
  signature_mismatch: 401,
  callback_secret_mismatch: 401,
  payload_invalid: 400,
  event_unknown: 400,
  payload_too_large: 413,
};

type Pipeline = (delivery: Delivery) => Promise<Answer>;

function pipeline(input: WebhookHandlerOptions): Pipeline {
  const options = checkHandlerOptions(input);
  const report = options.onError ?? ((error: unknown, status: number) => status >= 500 && console.error(`Yeastar ${options.api} webhook answered ${status}:`, error));
  const store: DeliveryStore = (options.api === "workplace" && options.store) || memoryDeliveryStore();
  const ttlMs = (options.api === "workplace" && options.dedupeTtlMs) || DEFAULT_DEDUPE_TTL_MS;

  const tell = (error: unknown, status: number) => {
    try {
      report(error, status);
    } catch {
      // A failing logger must not turn an answer into an unhandled rejection.
    }
  };

  return async (delivery) => {
    // Until the body is read to its end, an answer closes the connection rather than drain it.
    let bodyRead = false;
    const refuse = (error: unknown): Answer => {
      const code = error instanceof YeastarWebhookError ? error.code : undefined;
      const status = (code && STATUS[code]) ?? 500;
      tell(error, status);
      return { status, body: { ok: false, error: code ?? "handler_failed" }, close: !bodyRead };
    };
    if (delivery.method !== "POST") return { status: 405, body: { ok: false, error: "method_not_allowed" }, close: true };
    try {
      if (options.api === "workplace" && options.callbackSecret !== false) {
        if (!checkCallbackSecret(delivery.url, options.callbackSecret, { param: options.callbackSecretParam })) {
          throw new YeastarWebhookError("callback_secret_mismatch", "The callback URL does not carry the expected secret", "workplace");
        }
      }
      const body = await delivery.readBody(options.maxBodyBytes);
      bodyRead = true;

      if (options.api === "ycm") {
        verifyYcmWebhook({ body, signature: delivery.header(YCM_SIGNATURE_HEADER), secret: options.secret });
        const event = ycmEventOf(parseJsonBody(body, "ycm"), options.webhook);
        await options.onEvent(event);
        return { status: 200, body: { ok: true } };
      }

      const event = parseWorkplaceWebhook(body);
      // WEBHOOK_TEST may come without an eventId (the vendor shows no payload): nothing to de-duplicate by.
      const key = typeof event.eventId === "string" && event.eventId !== "" ? `workplace:${event.eventId}` : undefined;
      if (key !== undefined && !(await store.claim(key, ttlMs))) return { status: 200, body: { ok: true, duplicate: true } };
      try {
        await options.onEvent(event);
      } catch (error) {
        if (key !== undefined) {
          // A store that fails to release is told about; the answer is the 500 for onEvent's failure.
          await Promise.resolve()
            .then(() => store.release(key))
            .catch((releaseError: unknown) => tell(releaseError, 500));
        }
        throw error;
      }
      return { status: 200, body: { ok: true } };
    } catch (error) {
      return refuse(error);
    }
  };
}

/** A web-standard webhook endpoint: Node 20+ fetch servers, Deno, Bun, Cloudflare Workers. */
export type WebhookHandler = (request: Request) => Promise<Response>;

/** A node:http webhook endpoint (also Express and Fastify routes that have not parsed the body). */
export type NodeWebhookHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * A webhook endpoint as a web-standard `(request: Request) => Promise<Response>`. It answers 200
 * once `onEvent` resolved (and to a Workplace retry of an event already handed over), 400 for a
 * payload that is not JSON or not a documented event, 401 for a failed signature or callback
 * secret, 405 for anything but POST, 413 past `maxBodyBytes`, 500 when onEvent or the store threw.
 * The options are checked here: a mistake throws a `YeastarWebhookError` (`options_invalid`).
 */
export function createWebhookHandler(options: WebhookHandlerOptions): WebhookHandler {
  const handle = pipeline(options);
  const api = options.api;
  return async (request) => {
    const answer = await handle({
      method: request.method,
      url: request.url,
      header: (name) => request.headers.get(name),
      readBody: (limit) => readRequestBody(request, limit, api),
    });
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (answer.status === 405) headers.allow = "POST";
    if (answer.close) headers.connection = "close";
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers });
  };
}

/**
 * The same endpoint for node:http: `http.createServer(createNodeWebhookHandler(options))`, or an
 * Express/Fastify route mounted before any body parser (it must read the raw bytes itself).
 */
export function createNodeWebhookHandler(options: WebhookHandlerOptions): NodeWebhookHandler {
  const handle = pipeline(options);
  const api = options.api;
  return (req, res) => {
    void handle({
      method: req.method ?? "",
      // Express strips a router's mount path from req.url; the secret may be in that part.
      url: (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? "/",
      header: (name) => req.headers[name.toLowerCase()],
      readBody: (limit) => readIncomingBody(req, limit, api),
    }).then((answer) => {
      if (res.headersSent || res.destroyed) return;
      res.statusCode = answer.status;
      res.setHeader("content-type", "application/json");
      if (answer.status === 405) res.setHeader("allow", "POST");
      // A body not read to its end (oversized, refused before reading) is not drained: close instead.
      if (answer.close) res.setHeader("connection", "close");
      res.end(JSON.stringify(answer.body));
    });
  };
}
