// The rate budget of a fleet: one token bucket per Client ID in Redis, its arithmetic atomic in a
// Lua script on Redis's clock, and one "paused until" every member obeys.
import type { RateBudget } from "../core/plugin.js";
import { customRateBudget } from "./budget-plugin.js";
import { BUCKET_OPTIONS, checkBucket, waitForRoom, type RateBudgetOptions } from "./bucket.js";
import { checkKeys, checkPrefix, credentialKey, evaluate, redisCommand, type RedisClientLike } from "./redis-command.js";

export interface RedisRateBudgetOptions extends RateBudgetOptions {
  /** The client's API root, the same on every process (part of the key, hashed). */
  baseUrl: string;
  /** The Client ID whose budget this is (part of the key, hashed). */
  clientId: string;
  /** Put before every key. Default `yeastar-openapi:`. */
  prefix?: string;
}

const WHO = "redisRateBudget";

// KEYS: the bucket (a hash). ARGV: burst, rate, interval, "take" or "pause", pause ms.
// "take" answers 0 when a request may go now (and counts it), otherwise the milliseconds until
// there may be room; nothing is reserved, so a caller that gives up costs the others nothing.
// "pause" empties the bucket and holds every taker until Redis's now + pause.
const BUCKET = `
if redis.replicate_commands then pcall(redis.replicate_commands) end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local burst, rate, interval = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at', 'paused')
local tokens, at, paused = tonumber(b[1]) or burst, tonumber(b[2]) or now, tonumber(b[3]) or 0
local wait = 0
if ARGV[4] == 'pause' then
  local untilMs = now + tonumber(ARGV[5])
  if untilMs > paused then tokens, at, paused = 0, untilMs, untilMs end
elseif now < paused then
  return paused - now
else
  if now > at then
    tokens = math.min(burst, tokens + (now - at) * rate / interval)
    at = now
  end
  if tokens >= 1 then tokens = tokens - 1 else wait = math.max(1, math.ceil((1 - tokens) * interval / rate)) end
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', at, 'paused', paused)
redis.call('PEXPIRE', KEYS[1], math.max(paused - now, 0) + math.ceil(burst * interval / rate) + 1000)
return wait`;

/**
 * A rate budget shared by every process using this Redis and Client ID. On HTTP 429 or YCM's
 * 1000040 every member holds until the `Retry-After` (or `pauseMs`) has passed.
 */
export function redisRateBudget(redis: RedisClientLike, options: RedisRateBudgetOptions): RateBudget {
  const command = redisCommand(redis, WHO);
  const { burst, rate, intervalMs, pauseMs } = checkBucket(options, WHO);
  checkKeys(options as unknown as Record<string, unknown>, ["baseUrl", "clientId", "prefix", ...BUCKET_OPTIONS], WHO);
  const key = credentialKey(checkPrefix(options.prefix ?? "yeastar-openapi:", WHO), "budget", options.baseUrl, options.clientId, WHO);
  const run = async (op: "take" | "pause", ms = 0) => Number(await evaluate(command, BUCKET, [key], [burst, rate, intervalMs, op, Math.ceil(ms)]));
  return customRateBudget({
    take: (signal, timeoutMs) => waitForRoom(() => run("take"), signal, timeoutMs),
    // Never rejects (the client does not wait for it): if Redis is down, the next take says so.
    pause: (retryAfterMs) => run("pause", retryAfterMs ?? pauseMs).then(() => undefined, () => undefined),
  });
}
