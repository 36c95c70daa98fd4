// redisTokenStore with real processes and a real redis-server (see support/token-scenarios.ts),
// plus what its keys and errors show, and redisDeliveryStore.
import { createYcmClient } from "@yeastar-openapi/client";
import { redisDeliveryStore, redisTokenStore } from "@yeastar-openapi/client/redis";
import type { MockServer } from "@yeastar-openapi/mock-server";
import { createClient } from "redis";
import { inspect } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { expectNoSecret, startMock } from "./support/fleet.js";
import { startRedisServer, type RedisServer } from "./support/redis-server.js";
import { base, killedLockHolder, oneGrantPerLifetime, stopWorkers, type ScenarioContext } from "./support/token-scenarios.js";
import { sleep } from "./support/workers.js";

const TTL_MS = 8_000;
const LOCK_TTL_MS = 1_500;

let redisServer: RedisServer;
let mock: Awaited<ReturnType<typeof startMock>>;
let redis: ReturnType<typeof createClient>;
const ctx = { workers: [] } as unknown as ScenarioContext;
/** Every token the tests saw stored, and what the workers printed: for the secret grep at the end. */
const secrets: string[] = [];
const printed: string[] = [];

async function collectSecrets(): Promise<void> {
  for (const key of await redis.keys("*")) {
    if ((await redis.type(key)) !== "hash") continue;
    const token = JSON.parse((await redis.hGet(key, "token"))!) as { accessToken: string; refreshToken: string };
    secrets.push(token.accessToken, token.refreshToken);
  }
}

beforeAll(async () => {
  redisServer = await startRedisServer();
  mock = await startMock({ accessTokenTtlMs: { ycm: TTL_MS } });
  redis = createClient({ url: redisServer.url });
  await redis.connect();
  ctx.server = mock.server as MockServer;
  // The default lockTtlMs (10 s), except where a killed holder is waited out.
  ctx.config = (lockExpiryMs) => ({ ...base(mock.server), store: "redis", redisUrl: redisServer.url, storeOptions: lockExpiryMs ? { lockTtlMs: lockExpiryMs } : {} });
});
afterEach(() => stopWorkers(ctx, printed));
afterAll(async () => {
  await redis?.quit();
  await mock?.server.close();
  await redisServer?.stop();
});

describe("redisTokenStore across processes", () => {
  test("8 processes x 50 calls at once, across a token expiry: exactly one grant per lifetime", async () => {
    await redis.flushAll();
    await oneGrantPerLifetime(ctx, 8, TTL_MS);
    await collectSecrets();
  });

  test("the process holding the refresh lock is killed mid-refresh: the others recover within the lock's expiry", async () => {
    await redis.flushAll();
    await killedLockHolder(ctx, 4, LOCK_TTL_MS, true);
    await collectSecrets();
  });

  test("no token or secret in any key, log line or printed error", async () => {
    // Tokens from a run, then an error on purpose: the key holds the wrong type.
    await redis.flushAll();
    const { clientId, clientSecret } = mock.server.credentials.ycm;
    const store = redisTokenStore(redis, { baseUrl: mock.server.url, clientId });
    const ycm = createYcmClient({ baseUrl: mock.server.url, clientId, clientSecret, tokenStore: store });
    await ycm.GET("/dm/open_api/v2/users");
    const keys = await redis.keys("*");
    expect(keys.length).toBeGreaterThan(0);
    const tokenKey = keys.find((k) => !k.endsWith(":fence") && !k.endsWith(":lock"))!;
    const stored = JSON.parse((await redis.hGet(tokenKey, "token"))!) as { accessToken: string; refreshToken: string };
    secrets.push(stored.accessToken, stored.refreshToken, clientSecret, clientId);

    await redis.del(tokenKey);
    await redis.set(tokenKey, "not a hash");
    const other = createYcmClient({ baseUrl: mock.server.url, clientId, clientSecret, tokenStore: store });
    const error = await other.GET("/dm/open_api/v2/users").catch((e: unknown) => e);
    expect(inspect(error, { depth: 10 })).toMatch(/redisTokenStore: Redis answered an error: WRONGTYPE/);
    expectNoSecret([...keys, inspect(error, { depth: 10 }), JSON.stringify(error), ...mock.logLines, ...printed], secrets);
  });
});

describe("redisDeliveryStore", () => {
  test("claims a delivery once until released or expired", async () => {
    const deliveries = redisDeliveryStore(redis, { prefix: "test:delivery:" });
    expect(await deliveries.claim("workplace:1", 60_000)).toBe(true);
    expect(await deliveries.claim("workplace:1", 60_000)).toBe(false);
    await deliveries.release("workplace:1");
    expect(await deliveries.claim("workplace:1", 60_000)).toBe(true);
    expect(await deliveries.claim("workplace:2", 50)).toBe(true);
    await sleep(120);
    expect(await deliveries.claim("workplace:2", 50)).toBe(true);
    expect(await redis.exists("test:delivery:workplace:1")).toBe(1);
    await expect(deliveries.claim("workplace:3", 0)).rejects.toThrow(/ttlMs must be a whole number/);
  });
});
