// De-duplication of webhook deliveries. The interface is shared with the Redis entry point
// (`redisDeliveryStore` in @yeastar-openapi/client/redis): keep its shape.
import { YeastarWebhookError } from "./errors.js";

/**
 * Remembers which webhook deliveries were handed to the user, so a retried delivery (Workplace
 * retries three more times when the receiver fails or is slow) is processed once.
 */
export interface DeliveryStore {
  /**
   * Claims `key` (e.g. "workplace:" + eventId) for `ttlMs` milliseconds. Resolves true when this
   * caller is the first to claim it (it must process the event), false when it was already claimed
   * and not released (a duplicate: acknowledge without processing).
   */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /** Releases a claim whose processing failed, so the next retry is processed. */
  release(key: string): Promise<void>;
}

export interface MemoryDeliveryStoreOptions {
  /**
   * The most claims kept (default 10,000). Past it the oldest claim is forgotten first, so memory
   * stays bounded; a retry of a forgotten delivery would be processed again.
   */
  maxEntries?: number | undefined;
}

const DEFAULT_MAX_ENTRIES = 10_000;

/**
 * A DeliveryStore in this process's memory: enough for one receiver process. Several processes
 * behind a load balancer need a shared store (`redisDeliveryStore`). Claims expire after their
 * `ttlMs`; at most `maxEntries` are kept.
 */
export function memoryDeliveryStore(options: MemoryDeliveryStoreOptions = {}): DeliveryStore {
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
    throw new YeastarWebhookError("options_invalid", `memoryDeliveryStore: maxEntries must be a positive integer (got ${String(maxEntries)})`);
  }
  // key -> when the claim expires (ms). A Map iterates in insertion order: oldest claim first.
  const claims = new Map<string, number>();

  return {
    async claim(key, ttlMs) {
      if (typeof key !== "string" || key === "") throw new YeastarWebhookError("options_invalid", "DeliveryStore.claim: the key must be a non-empty string");
      if (typeof ttlMs !== "number" || !(ttlMs > 0) || !Number.isFinite(ttlMs)) {
        throw new YeastarWebhookError("options_invalid", `DeliveryStore.claim: ttlMs must be a positive number of milliseconds (got ${String(ttlMs)})`);
      }
      const now = Date.now();
      const expires = claims.get(key);
      if (expires !== undefined && expires > now) return false;
      claims.delete(key);
      claims.set(key, now + ttlMs);
      // Drop expired claims from the old end, then the oldest ones past the bound.
      for (const [oldKey, oldExpires] of claims) {
        if (oldExpires > now && claims.size <= maxEntries) break;
        claims.delete(oldKey);
      }
      return true;
    },
    async release(key) {
      claims.delete(key);
    },
  };
}
