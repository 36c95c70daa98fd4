// A token store in Redis for a fleet: every process on every host shares one token per Client ID,
// and one of them refreshes it while the others wait.
import { sleep } from "../core/retry.js";
import type { StoredToken, YeastarTokenStore } from "../core/tokens.js";
import { customTokenStore } from "./token-store-plugin.js";
import { checkKeys, checkPrefix, credentialKey, evaluate, milliseconds, redisCommand, type RedisClientLike } from "./redis-command.js";

export interface RedisTokenStoreOptions {
  /** The client's API root, the same on every process (part of the key, hashed). */
  baseUrl: string;
  /** The Client ID (part of the key, hashed). The secret is never needed here. */
  clientId: string;
  /** Put before every key. Default `yeastar-openapi:`. */
  prefix?: string;
  /**
   * The refresh lock expires after this long, so a process that died holding it blocks the
   * others at most this long. Longer than a token request normally takes. Default 10 000.
   */
  lockTtlMs?: number;
  /** How long a process waits for another one's refresh before giving up. Default 30 000. */
  waitMs?: number;
  /** How often a waiting process looks for the new token (or a free lock). Default 25. */
  pollMs?: number;
}

const OPTIONS = ["baseUrl", "clientId", "prefix", "lockTtlMs", "waitMs", "pollMs"] as const;
const WHO = "redisTokenStore";

// KEYS: lock, fence counter, token. ARGV: lock TTL. The lock's value is a fencing number taken
// from a counter that only grows: {fence, stored token} when taken, {0, stored token} when held by
// another process.
const ACQUIRE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return {0, redis.call('HGET', KEYS[3], 'token')} end
local fence = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], fence, 'PX', ARGV[1])
return {fence, redis.call('HGET', KEYS[3], 'token')}`;

// KEYS: token, lock. ARGV: token JSON, fence. Compare-and-set: a token is written only over one
// stored under a smaller fencing number, so a holder whose lock expired while it waited for the
// token endpoint cannot overwrite the token a later holder stored. Then the lock is released if
// it is still this holder's.
const STORE = `
local stored = tonumber(redis.call('HGET', KEYS[1], 'fence') or '0')
local written = 0
if stored < tonumber(ARGV[2]) then
  redis.call('HSET', KEYS[1], 'token', ARGV[1], 'fence', ARGV[2])
  written = 1
end
if redis.call('GET', KEYS[2]) == ARGV[2] then redis.call('DEL', KEYS[2]) end
return written`;

// KEYS: lock. ARGV: fence. Releases the lock only if it is still this holder's.
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

// KEYS: token, fence counter. ARGV: token JSON. A plain write (set()), with a new fencing number.
const SET = `
local fence = redis.call('INCR', KEYS[2])
redis.call('HSET', KEYS[1], 'token', ARGV[1], 'fence', fence)
return fence`;

/**
 * A `TokenStore` in Redis, on a connected node-redis or ioredis client. The token lives under a
 * key derived from `baseUrl` and `clientId` (a hash: the key names no account, and the secret is
 * not an input). `renew` is a distributed single flight: a lock with an expiry (SET NX PX) and a
 * fencing number, a compare-and-set write in a Lua script, and waiters that poll for the new
 * token within `waitMs` (and the call's `timeoutMs`).
 */
export function redisTokenStore(redis: RedisClientLike, options: RedisTokenStoreOptions): YeastarTokenStore {
  const command = redisCommand(redis, WHO);
  if (typeof options !== "object" || options === null) throw new TypeError(`${WHO}: options are required: { baseUrl, clientId }`);
  checkKeys(options as unknown as Record<string, unknown>, OPTIONS, WHO);
  const settings = options as unknown as Record<string, unknown>;
  const lockTtlMs = Math.ceil(milliseconds(settings, "lockTtlMs", 10_000, WHO));
  const waitMs = milliseconds(settings, "waitMs", 30_000, WHO);
  const pollMs = milliseconds(settings, "pollMs", 25, WHO);
  // The {hash tag} keeps the three keys in one Redis Cluster slot, as one script needs.
  const base = credentialKey(checkPrefix(options.prefix ?? "yeastar-openapi:", WHO), "token", options.baseUrl, options.clientId, WHO).replace(/:(\w+)$/, ":{$1}");
  const keys = { token: base, lock: `${base}:lock`, fence: `${base}:fence` };

  return customTokenStore({
    async get() {
      return parse(await command(["HGET", keys.token, "token"]));
    },
    async set(token) {
      await evaluate(command, SET, [keys.token, keys.fence], [JSON.stringify(plain(token))]);
    },
    async renew(refresh) {
      const deadline = Date.now() + waitMs;
      for (;;) {
        const [fence, raw] = (await evaluate(command, ACQUIRE, [keys.lock, keys.fence, keys.token], [lockTtlMs])) as [number | string, string | null];
        if (Number(fence) > 0) {
          const stored = parse(raw);
          let token: StoredToken;
          try {
            token = await refresh(stored);
          } catch (error) {
            await evaluate(command, RELEASE, [keys.lock], [String(fence)]).catch(() => undefined);
            throw error;
          }
          if (token === stored) await evaluate(command, RELEASE, [keys.lock], [String(fence)]);
          else await evaluate(command, STORE, [keys.token, keys.lock], [JSON.stringify(plain(token)), String(fence)]);
          return token;
        }
        if (Date.now() >= deadline) throw new Error(`${WHO}: another process held the refresh lock for more than ${waitMs} ms`);
        // Jitter, so waiting processes do not poll in step.
        await sleep(pollMs * (0.5 + Math.random()));
      }
    },
  });
}

/** The stored token, or undefined when there is none (or it is not one: the next renew replaces it). */
function parse(raw: unknown): StoredToken | undefined {
  if (typeof raw !== "string") return undefined;
  try {
    const token = JSON.parse(raw) as StoredToken;
    return typeof token?.accessToken === "string" ? token : undefined;
  } catch {
    return undefined;
  }
}

/** The token's own fields only, whatever else the object carries. */
function plain(token: StoredToken): StoredToken {
  const { accessToken, refreshToken, issuedAt, expiresAt } = token;
  return { accessToken, refreshToken, issuedAt, expiresAt };
}
