// The Redis entry on ioredis (the fleet scenarios run on node-redis): the same stores through
// ioredis's `call`, against a real redis-server.
import { createYcmClient } from "@yeastar-openapi/client";
import { redisDeliveryStore, redisRateBudget, redisTokenStore } from "@yeastar-openapi/client/redis";
import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startMock } from "./support/fleet.js";
import { startRedisServer, type RedisServer } from "./support/redis-server.js";

let redisServer: RedisServer;
let mock: Awaited<ReturnType<typeof startMock>>;
let redis: Redis;

beforeAll(async () => {
  redisServer = await startRedisServer();
  mock = await startMock();
  redis = new Redis(redisServer.port, "127.0.0.1", { lazyConnect: true });
  await redis.connect();
});
afterAll(async () => {
  await redis?.quit();
  await mock?.server.close();
  await redisServer?.stop();
});

test("two clients share one token through redisTokenStore on ioredis, and a late holder cannot overwrite a newer token", async () => {
  const { clientId, clientSecret } = mock.server.credentials.ycm;
  const options = { baseUrl: mock.server.url, clientId };
  const client = () => createYcmClient({ baseUrl: mock.server.url, clientId, clientSecret, tokenStore: redisTokenStore(redis, options) });
  mock.server.stats.reset();
  await Promise.all([client().GET("/dm/open_api/v2/users"), client().GET("/dm/open_api/v2/users")]);
  expect(mock.server.stats.tokensIssued.ycm).toBe(1);

  // Fencing: the holder of an expired lock (fence 1) returns after a later holder stored its token.
  const store = redisTokenStore(redis, { ...options, prefix: "fence-test:", lockTtlMs: 50 });
  const token = (name: string) => ({ accessToken: name, issuedAt: Date.now(), expiresAt: Date.now() + 60_000 });
  let late: Promise<unknown> | undefined;
  const held = new Promise<void>((resolve) => {
    late = store.renew!(async () => {
      resolve();
      await new Promise((r) => setTimeout(r, 300)); // past the 50 ms lock
      return token("late-token");
    });
  });
  await held;
  await new Promise((r) => setTimeout(r, 100));
  await store.renew!(async () => token("newer-token"));
  await late;
  expect((await store.get())?.accessToken).toBe("newer-token");
});

test("redisDeliveryStore and redisRateBudget on ioredis", async () => {
  const deliveries = redisDeliveryStore(redis);
  expect(await deliveries.claim("workplace:9", 60_000)).toBe(true);
  expect(await deliveries.claim("workplace:9", 60_000)).toBe(false);
  await deliveries.release("workplace:9");
  expect(await deliveries.claim("workplace:9", 60_000)).toBe(true);

  const budget = redisRateBudget(redis, { baseUrl: mock.server.url, clientId: "c", burst: 2, rate: 1, intervalMs: 60_000 });
  await budget.take(null, 1_000);
  await budget.take(null, 1_000);
  // The bucket is empty for a minute: a third take outwaits a short timeout.
  await expect(budget.take(null, 10)).rejects.toThrow(/no room in the rate budget/);
  await budget.pause(500);
  expect(Number(await redis.hget((await redis.keys("yeastar-openapi:budget:*"))[0]!, "paused"))).toBeGreaterThan(Date.now());
});

test("a client that is neither node-redis nor ioredis is refused by name", () => {
  expect(() => redisTokenStore({} as never, { baseUrl: "https://ycm.yeastar.com", clientId: "c" })).toThrow(/pass a node-redis \(redis\) or ioredis client/);
  expect(() => redisTokenStore(redis, { baseUrl: "https://ycm.yeastar.com" } as never)).toThrow(/clientId must be the Client ID/);
});
