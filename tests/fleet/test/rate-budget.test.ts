// redisRateBudget with real processes: 4 processes share a budget of 10 requests per second
// through a real redis-server for 10 s. Counted on the mock's side: at most 10 per second (+10%),
// no call fails, and one 1000040 answer (Retry-After: 1) holds all four for that second.
import type { MockServer } from "@yeastar-openapi/mock-server";
import { createClient } from "redis";
import { afterAll, beforeAll, expect, test } from "vitest";
import { expectNoSecret, startMock, startWorkers } from "./support/fleet.js";
import { startRedisServer, type RedisServer } from "./support/redis-server.js";
import { base } from "./support/token-scenarios.js";
import type { Worker } from "./support/workers.js";

const RUN_MS = 10_000;
const PER_SECOND = 10;

let redisServer: RedisServer;
let mock: Awaited<ReturnType<typeof startMock>>;
let workers: Worker[] = [];

beforeAll(async () => {
  redisServer = await startRedisServer();
  mock = await startMock();
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await mock?.server.close();
  await redisServer?.stop();
});

test("4 processes, 10 requests per second for 10 s: the mock sees at most 10 a second, none fails, a 1000040 pauses all four", async () => {
  const server = mock.server as MockServer;
  workers = await startWorkers(4, "token-worker.mjs", () => ({
    ...base(server),
    store: "redis",
    redisUrl: redisServer.url,
    // Burst 1: never more than one request ahead of the rate, so every second holds at most 10.
    budget: { burst: 1, rate: PER_SECOND, intervalMs: 1_000 },
  }));
  const start = Date.now();
  mock.arrivals.length = 0;
  for (const w of workers) w.send({ type: "steady", lanes: 3, untilMs: start + RUN_MS });
  // Halfway, the API says "rate limit exceeded" once, asking for a second's pause.
  const fault = setTimeout(() => server.inject({ kind: "ycmError", code: 1000040, retryAfter: 1, operationId: "listYcmUsers", times: 1 }), RUN_MS / 2);
  const done = await Promise.all(workers.map((w) => w.next("done", RUN_MS + 30_000)));
  clearTimeout(fault);

  expect(done.flatMap((d) => d.errors as string[])).toEqual([]);
  const arrivals = mock.arrivals.filter((a) => a.at >= start);
  const perSecond = new Map<number, number>();
  for (const a of arrivals) perSecond.set(Math.floor((a.at - start) / 1_000), (perSecond.get(Math.floor((a.at - start) / 1_000)) ?? 0) + 1);
  const counts = [...perSecond.entries()].sort(([a], [b]) => a - b).map(([, n]) => n);
  console.log(`requests per second at the mock: ${counts.join(", ")} (${arrivals.length} in all; budget ${PER_SECOND}/s)`);
  expect(Math.max(...counts)).toBeLessThanOrEqual(PER_SECOND * 1.1);
  // The budget is used, not just respected: about 10 a second, less the paused second.
  expect(arrivals.length).toBeGreaterThanOrEqual(PER_SECOND * (RUN_MS / 1_000 - 1) * 0.9 - PER_SECOND);
  expect(done.reduce((n, d) => n + (d.ok as number), 0)).toBeGreaterThan(0);

  // The pause: after the 1000040 answer, no request reaches the mock for the Retry-After second
  // (requests already on the wire when it was sent land within a few milliseconds).
  const refused = arrivals.find((a) => a.status === 429);
  expect(refused, "the 1000040 fault answered").toBeDefined();
  const answeredAt = refused!.end;
  const during = arrivals.filter((a) => a.at > answeredAt + 50 && a.at < answeredAt + 1_000 - 50);
  expect(during).toEqual([]);
  const after = arrivals.filter((a) => a.at >= answeredAt + 1_000 - 50 && a.at < answeredAt + 2_000);
  expect(after.length).toBeGreaterThan(0);

  expectNoSecret([...mock.logLines, ...workers.map((w) => w.output())], [server.credentials.ycm.clientSecret]);
});
