// When and how long to wait before retrying. Named constants, one policy for both APIs.

export interface RetryOptions {
  /** First backoff delay in ms (default 500); doubles each retry. */
  baseDelayMs?: number;
  /** Cap on a backoff delay in ms (default 8 000). */
  maxDelayMs?: number;
  /** Longest `Retry-After` we wait for, in ms (default 60 000); above it the error is thrown at once. */
  maxRetryAfterMs?: number;
}

export const RETRY_DEFAULTS: Required<RetryOptions> = {
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};

/** HTTP statuses worth retrying: rate limiting and the server's transient failures. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/** Methods that are safe to send twice. */
export const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);

/**
 * Milliseconds to wait before retry number `retry` (1-based): exponential with "full jitter"
 * between half and all of the step, so clients that failed together do not retry together.
 */
export function backoffDelay(retry: number, options: RetryOptions, random: () => number = Math.random): number {
  const { baseDelayMs, maxDelayMs } = { ...RETRY_DEFAULTS, ...options };
  const step = Math.min(maxDelayMs, baseDelayMs * 2 ** (retry - 1));
  return step / 2 + random() * (step / 2);
}

/** Parses `Retry-After` (seconds or an HTTP date) into milliseconds, or undefined. */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  const value = headers.get("retry-after");
  if (value === null || value.trim() === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
