// What a hook receives. Every field is safe to log: no header is passed on, the query string and
// the bodies are redacted, and `error` is the client's own error (built without secrets).
import type { YeastarApiName } from "@yeastar-openapi/client";

export type YeastarHookEventType = "request" | "response" | "retry" | "error";

interface EventBase<T extends YeastarHookEventType> {
  type: T;
  api: YeastarApiName;
  /**
   * The same number on every event of one request (its attempts and its end), new for each
   * request of a client: what to key a span or a timer on. A token grant is a request of its own.
   */
  requestNumber: number;
  /** The spec's operationId (`listYcmUsers`, `getYcmAccessToken`); undefined for a path the spec lacks. */
  operationId: string | undefined;
  /** `GET`, `POST`, ... */
  method: string;
  /** The path template as the spec writes it: `/dm/open_api/v1/users/{userId}`. */
  path: string;
  /** The path as sent, its parameters filled in: `/dm/open_api/v1/users/13123`. */
  filledPath: string;
  /** Origin, filled path and query string, secret query parameters (`access_token`) redacted. */
  url: string;
  /**
   * The attempt this event is about, from 1: a retry after an error, or the replay after a
   * refused token, is the next attempt. 0 on an `error` event when the call failed before any
   * attempt (aborted, or no token could be had).
   */
  attempt: number;
}

/** An attempt is about to be sent. */
export interface YeastarRequestEvent extends EventBase<"request"> {
  /** The request body, redacted (with `includeBodies`); form bodies (the token grants) as an object. */
  requestBody?: unknown;
}

/** The call succeeded: its last attempt was answered with a success. */
export interface YeastarResponseEvent extends EventBase<"response"> {
  status: number;
  /** Milliseconds from the attempt's `request` event to the body read and parsed. */
  durationMs: number;
  /** Yeastar's `requestId` from the body, when it carries one (quote it to Yeastar support). */
  requestId: string | undefined;
  /** The response body, redacted (with `includeBodies`). */
  responseBody?: unknown;
}

/** An attempt failed and the next one is starting now (the transport waited `delayMs` in between). */
export interface YeastarRetryEvent extends EventBase<"retry"> {
  /** The failed attempt's number; the next attempt is `attempt + 1`. */
  attempt: number;
  /** Why the attempt failed: a YeastarApiError (status, code, requestId) or a YeastarConnectionError. */
  error: unknown;
  /** The failed attempt's HTTP status, when it got an answer. */
  status: number | undefined;
  requestId: string | undefined;
  /** Milliseconds the failed attempt took. */
  durationMs: number;
  /** Milliseconds between the failure and the next attempt (backoff, `Retry-After`, a new token). */
  delayMs: number;
}

/** The call failed for good: the error it throws. */
export interface YeastarErrorEvent extends EventBase<"error"> {
  error: unknown;
  status: number | undefined;
  requestId: string | undefined;
  /** Milliseconds of the last attempt; undefined when no attempt was made. */
  durationMs: number | undefined;
}

export type YeastarHookEvent = YeastarRequestEvent | YeastarResponseEvent | YeastarRetryEvent | YeastarErrorEvent;

/** The callbacks `createHooks()` takes; each may return a promise (its rejection is reported, not awaited). */
export interface YeastarHookHandlers {
  request?(event: YeastarRequestEvent): unknown;
  response?(event: YeastarResponseEvent): unknown;
  retry?(event: YeastarRetryEvent): unknown;
  error?(event: YeastarErrorEvent): unknown;
  /** Every event, after its own callback. */
  onEvent?(event: YeastarHookEvent): unknown;
}

export interface CreateHooksOptions {
  /**
   * Pass the request body on `request` events and the response body on `response` events,
   * redacted (default false: bodies are large and hold personal data).
   */
  includeBodies?: boolean;
}
