// Webhook de-duplication across a fleet: the first receiver to claim a delivery processes it.
import { checkKeys, checkPrefix, redisCommand, type RedisClientLike } from "./redis-command.js";

/**
 * The webhook `DeliveryStore` (`@yeastar-openapi/client/webhooks`) in Redis: `claim` is
 * `SET key 1 NX PX ttl`, `release` is `DEL key`. Structurally the same interface, declared here
 * so this entry does not depend on the webhooks one.
 */
export interface RedisDeliveryStore {
  /** True when this caller is the first to claim `key` for `ttlMs` (it must process the event). */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /** Releases a claim whose processing failed, so the next retry is processed. */
  release(key: string): Promise<void>;
}

export interface RedisDeliveryStoreOptions {
  /** Put before every key. Default `yeastar-openapi:delivery:`. */
  prefix?: string;
}

const WHO = "redisDeliveryStore";

export function redisDeliveryStore(redis: RedisClientLike, options: RedisDeliveryStoreOptions = {}): RedisDeliveryStore {
  const command = redisCommand(redis, WHO);
  if (typeof options !== "object" || options === null) throw new TypeError(`${WHO}: options must be an object`);
  checkKeys(options as Record<string, unknown>, ["prefix"], WHO);
  const prefix = checkPrefix(options.prefix ?? "yeastar-openapi:delivery:", WHO);
  const checkKey = (key: unknown): string => {
    if (typeof key !== "string" || key === "") throw new TypeError(`${WHO}: key must be a non-empty string`);
    return prefix + key;
  };
  return {
    async claim(key, ttlMs) {
      const name = checkKey(key);
      if (!Number.isSafeInteger(ttlMs) || ttlMs < 1) throw new TypeError(`${WHO}: ttlMs must be a whole number of milliseconds >= 1, got ${String(ttlMs)}`);
      return (await command(["SET", name, "1", "NX", "PX", ttlMs])) !== null;
    },
    async release(key) {
      await command(["DEL", checkKey(key)]);
    },
  };
}
