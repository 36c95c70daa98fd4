// The token bucket YCM enforces per Client ID (Burst, Rate, Interval), kept on the client side so
// requests wait for room instead of being refused: in memory for one process (here), or in Redis
// for a fleet (redis-rate-budget.ts).
import type { RateBudget } from "../core/plugin.js";
import { customRateBudget } from "./budget-plugin.js";
import { sleep } from "../core/retry.js";

/**
 * YCM's knobs: the bucket holds at most `burst` requests and gains `rate` requests every
 * `intervalMs` (YCM sets Interval in minutes: Burst 600, Rate 300, Interval 3 is
 * `{ burst: 600, rate: 300, intervalMs: 180_000 }`).
 */
export interface RateBudgetOptions {
  /** Requests that may go at once after a quiet spell (the bucket's size); at least 1. */
  burst: number;
  /** Requests added every `intervalMs`. */
  rate: number;
  /** The refill interval in milliseconds. Default 1 000 (then `rate` is per second). */
  intervalMs?: number;
  /** How long every request holds after HTTP 429 / YCM 1000040 without `Retry-After`. Default 1 000. */
  pauseMs?: number;
}

export interface Bucket {
  burst: number;
  rate: number;
  intervalMs: number;
  pauseMs: number;
}

export const BUCKET_OPTIONS = ["burst", "rate", "intervalMs", "pauseMs"] as const;

export function checkBucket(options: RateBudgetOptions, who: string): Bucket {
  if (typeof options !== "object" || options === null) throw new TypeError(`${who}: options are required: { burst, rate, intervalMs }`);
  const { burst, rate, intervalMs = 1_000, pauseMs = 1_000 } = options;
  if (!Number.isSafeInteger(burst) || burst < 1) throw new TypeError(`${who}: burst must be a whole number >= 1, got ${String(burst)}`);
  if (typeof rate !== "number" || !Number.isFinite(rate) || rate <= 0) throw new TypeError(`${who}: rate must be a number > 0, got ${String(rate)}`);
  for (const [key, value] of [["intervalMs", intervalMs], ["pauseMs", pauseMs]] as const) {
    if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) throw new TypeError(`${who}: ${key} must be a positive number of milliseconds, got ${String(value)}`);
  }
  return { burst, rate, intervalMs, pauseMs };
}

/**
 * Asks `tryTake` (0: taken; otherwise the milliseconds until there may be room) until it takes,
 * sleeping in between. The client gives up at `timeoutMs` or on `signal`; the loop stops too.
 */
export async function waitForRoom(tryTake: () => number | Promise<number>, signal: AbortSignal | null | undefined, timeoutMs: number): Promise<void> {
  // A little after the client's own timeout: the client reports the timeout, not this loop.
  const deadline = Date.now() + timeoutMs + 1_000;
  for (;;) {
    const wait = await tryTake();
    if (!(wait > 0)) return;
    const left = deadline - Date.now();
    if (left <= 0) throw new Error("no room in the rate budget within the call's timeout");
    await sleep(Math.min(wait, left), signal);
  }
}

/** A rate budget for the requests of one process: pass the same one to every client of a credential. */
export function rateBudget(options: RateBudgetOptions): RateBudget {
  const { burst, rate, intervalMs, pauseMs } = checkBucket(options, "rateBudget");
  for (const key of Object.keys(options)) {
    if (!(BUCKET_OPTIONS as readonly string[]).includes(key)) throw new TypeError(`rateBudget: unknown option "${key}"; the options are ${BUCKET_OPTIONS.join(", ")}`);
  }
  let tokens = burst;
  let at = Date.now();
  let pausedUntil = 0;
  const tryTake = (): number => {
    const now = Date.now();
    if (now < pausedUntil) return pausedUntil - now;
    if (now > at) {
      tokens = Math.min(burst, tokens + ((now - at) * rate) / intervalMs);
      at = now;
    }
    if (tokens >= 1) {
      tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil(((1 - tokens) * intervalMs) / rate));
  };
  return customRateBudget({
    take: (signal, timeoutMs) => (tryTake() === 0 ? undefined : waitForRoom(tryTake, signal, timeoutMs)),
    pause(retryAfterMs) {
      const until = Date.now() + (retryAfterMs ?? pauseMs);
      if (until > pausedUntil) {
        // The bucket starts empty after the pause: the server's count was higher than ours.
        pausedUntil = until;
        at = until;
        tokens = 0;
      }
    },
  });
}
