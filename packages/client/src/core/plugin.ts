// The one point where code outside the core joins the transport: the `hooks`, `rateBudget` and
// `int64` options are plug-ins made by the package's other entries (`/hooks`, `/rate-budget` and
// `/redis`, `/exact`). Types only: the core carries one loop that applies them and two optional
// fields on each call (`onAttempt`, `parse`), so a client without them pays for nothing else
// (test/size.test.ts).
import type { YeastarApiName } from "./errors.js";
import type { Send } from "./transport.js";

/**
 * Called once per client with its API name, its `onWarning` (where a plug-in reports what it
 * works around) and the client's `send`; wraps that `send` (every request, the token grants
 * included, with its retries). The `Send` it returns may set, on the call it passes on,
 * `onAttempt` (told as each attempt starts, where a promise it returns is waited for within the
 * call's signal and timeout, and as each attempt fails) and `parse` (reads a body instead of
 * JSON.parse), keeping what an outer plug-in set there. Plug-ins apply in the order int64,
 * rateBudget, hooks (the last is the outermost). The raw requests carry the bearer token and the
 * grants' secrets, which is why only this package's own entries make plug-ins.
 */
export interface TransportPlugin {
  (api: YeastarApiName, onWarning: (message: string) => void, send: Send): Send;
}

/** The `hooks` option: made by `createHooks()` or `loggerHooks()` of `@yeastar-openapi/client/hooks`. */
export interface YeastarHooks extends TransportPlugin {
  readonly yeastarHooks: true;
}

/**
 * How integers beyond 2^53 (Yeastar's Longs, `format: int64`) are delivered: `int64AsString` or
 * `int64AsBigInt` from `@yeastar-openapi/client/exact`.
 */
export interface Int64Mode<K extends "string" | "bigint" = "string" | "bigint"> extends TransportPlugin {
  /** What an integer beyond 2^53 becomes: a string of digits, or a bigint. */
  readonly int64: K;
}

/**
 * A client-side rate limit shared by every request of a credential (in one process or a fleet):
 * the `rateBudget` option, made by `rateBudget()` of `@yeastar-openapi/client/rate-budget`,
 * `redisRateBudget()` of `/redis`, or `customRateBudget()` around your own `take` and `pause`.
 */
export interface RateBudget extends TransportPlugin {
  /**
   * Resolves when one more request may be sent now, waiting for the budget as long as needed.
   * The client bounds the wait by the call's `signal` and `timeoutMs` (passed on, so the budget
   * can stop waiting too). Answers nothing (no promise) when there is room at once.
   */
  take(signal: AbortSignal | null | undefined, timeoutMs: number): void | Promise<void>;
  /**
   * The API answered HTTP 429 or YCM's 1000040 RATE_LIMIT_EXCEEDED: hold every request of the
   * budget for `retryAfterMs` (the answer's `Retry-After`), or the budget's own pause when
   * undefined. The retry of the refused request then waits in `take` like any other. Not awaited:
   * it must not throw or reject (a failed pause shows in the next `take`).
   */
  pause(retryAfterMs: number | undefined): void | Promise<void>;
}
