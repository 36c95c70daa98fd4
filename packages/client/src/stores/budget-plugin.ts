// What makes a bucket the `rateBudget` option (core/plugin.ts): before each attempt, wait for the
// budget; after an answer saying "too many requests", pause every request sharing it. Kept out of
// the core so a client without a budget carries none of it.
// The error classes by the package's name (left external by the build), so a failed budget is
// the same YeastarError the caller's client throws.
import { YeastarError, type YeastarApiError, type TransportPlugin } from "@yeastar-openapi/client";
import type { RateBudget } from "../core/plugin.js";
import { retryAfterMs } from "../core/retry.js";
import type { ycmSpec } from "../generated/ycm.js";

/** A budget's own two operations; `customRateBudget()` makes the `rateBudget` option from them. */
export type RateBudgetParts = Pick<RateBudget, "take" | "pause">;

// YCM's "slow down" by its name in the spec, typed so a renamed code fails to compile (as in
// ycm/product.ts); Workplace documents none and answers HTTP 429.
const RATE_LIMIT_EXCEEDED: (typeof ycmSpec.errorCodes)[keyof typeof ycmSpec.errorCodes] = "RATE_LIMIT_EXCEEDED";

/**
 * The `rateBudget` option from your own `take` and `pause` (see `RateBudget`): e.g. a bucket kept
 * in another store than memory or Redis. `rateBudget()` and `redisRateBudget()` are made this way.
 */
export function customRateBudget(parts: RateBudgetParts): RateBudget {
  if (typeof parts?.take !== "function" || typeof parts.pause !== "function") throw new TypeError("customRateBudget: pass an object with take() and pause() methods");
  const take = parts.take.bind(parts);
  const pause = parts.pause.bind(parts);
  const plugin: TransportPlugin = (api, _onWarning, send) => (request, call) => {
    const outer = call.onAttempt;
    return send(request, {
      ...call,
      onAttempt(failed) {
        if (failed) {
          const { status, codeName, headers } = failed as Partial<YeastarApiError>;
          // Every request of the budget (every process sharing it) holds, not just this one. A
          // pause that fails must not fail the call (the next take reports a broken store).
          if (status === 429 || codeName === RATE_LIMIT_EXCEEDED) {
            try {
              Promise.resolve(pause(retryAfterMs(headers ?? new Headers()))).catch(() => undefined);
            } catch {}
          }
          return outer?.(failed);
        }
        // Room at once answers no promise, so a call with room is not held up by an await.
        const wait = take(call.signal, call.timeoutMs);
        if (!wait) return outer?.();
        return wait.then(
          () => outer?.(),
          (error: unknown) => {
            // What the budget's storage threw is reported as ours, with it as the cause.
            throw error instanceof YeastarError ? error : new YeastarError(`${api} ${request.method} ${call.path}: the rate budget failed`, { cause: error });
          },
        );
      },
    });
  };
  return Object.assign(plugin, { take, pause });
}
