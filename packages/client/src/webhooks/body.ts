// The raw body of a delivery: as bytes for the signature, decoded for JSON, and read from a
// request with a size limit (the declared Content-Length first, then counted as it streams in,
// reading stopped at the limit).
import type { IncomingMessage } from "node:http";
import { YeastarWebhookError, type WebhookApi } from "./errors.js";

/** A request body exactly as received. */
export type WebhookBody = Uint8Array | ArrayBuffer | string;

const encoder = new TextEncoder();

export function bodyBytes(body: WebhookBody): Uint8Array {
  if (typeof body === "string") return encoder.encode(body);
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  throw new TypeError(`The webhook body must be the raw bytes (Uint8Array, Buffer, ArrayBuffer) or a string (got ${body === null ? "null" : typeof body})`);
}

/** The body parsed as JSON; `payload_invalid` when it is not UTF-8 JSON. */
export function parseJsonBody(body: WebhookBody, api: WebhookApi): unknown {
  let text: string;
  try {
    text = typeof body === "string" ? body : new TextDecoder("utf-8", { fatal: true }).decode(bodyBytes(body));
  } catch (error) {
    if (error instanceof TypeError && !(body instanceof Uint8Array || body instanceof ArrayBuffer)) throw error;
    throw new YeastarWebhookError("payload_invalid", "The webhook body is not UTF-8 text", api);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new YeastarWebhookError("payload_invalid", "The webhook body is not JSON", api);
  }
}

function tooLarge(limit: number, api: WebhookApi): YeastarWebhookError {
  return new YeastarWebhookError("payload_too_large", `The webhook body is larger than maxBodyBytes (${limit} bytes)`, api);
}

function declaredTooLarge(contentLength: string | null | undefined, limit: number): boolean {
  if (!contentLength) return false;
  const length = Number(contentLength);
  return Number.isFinite(length) && length > limit;
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/** Reads a web-standard Request's body, at most `limit` bytes. */
export async function readRequestBody(request: Request, limit: number, api: WebhookApi): Promise<Uint8Array> {
  if (request.bodyUsed) throw bodyConsumed(api);
  if (declaredTooLarge(request.headers.get("content-length"), limit)) {
    await request.body?.cancel().catch(() => undefined);
    throw tooLarge(limit, api);
  }
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit, api);
    }
    chunks.push(value);
  }
  return concat(chunks, total);
}

function bodyConsumed(api: WebhookApi): YeastarWebhookError {
  return new YeastarWebhookError(
    "body_consumed",
    "The request body was already read (a body parser such as express.json() ran first): mount the webhook handler before it, so it can verify the raw bytes",
    api,
  );
}

/** Reads a node:http request's body, at most `limit` bytes; stops reading (pauses) past the limit. */
export function readIncomingBody(req: IncomingMessage, limit: number, api: WebhookApi): Promise<Uint8Array> {
  if (req.readableEnded) return Promise.reject(bodyConsumed(api));
  if (declaredTooLarge(req.headers["content-length"], limit)) return Promise.reject(tooLarge(limit, api));
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let total = 0;
    const cleanup = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      req.off("close", onClose);
    };
    const onData = (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total > limit) {
        cleanup();
        req.pause();
        reject(tooLarge(limit, api));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(concat(chunks, total));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onClose = () => {
      cleanup();
      reject(new Error("The webhook request was closed before its body was read"));
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
    req.on("close", onClose);
  });
}
