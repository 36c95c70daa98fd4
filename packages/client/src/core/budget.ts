// The shape of the `rateBudget` option. The client only asks it for permission before each
// request and tells it when the API said "too many requests"; the buckets themselves live behind
// their own imports (`@yeastar-openapi/client/rate-budget`, `/redis`), so the core stays small.

/** A client-side rate limit shared by every request of a credential (in one process or a fleet). */
export interface RateBudget {
  /**
   * Resolves when one more request may be sent now, waiting for the budget as long as needed.
   * The client bounds the wait by the call's `signal` and `timeoutMs` (passed on, so the budget
   * can stop waiting too).
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
