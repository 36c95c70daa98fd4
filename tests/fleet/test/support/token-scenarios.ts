// The two scenarios every shared token store must pass, with real processes:
// 1. N processes x 50 calls at once, across a token expiry: exactly one grant per lifetime.
// 2. The process holding the refresh lock is killed (SIGKILL) while its token request is slow:
//    the others take over once the lock expires (stale), and every call of theirs succeeds.
import type { MockServer } from "@yeastar-openapi/mock-server";
import { expect } from "vitest";
import { startWorkers } from "./fleet.js";
import { sleep, type Worker } from "./workers.js";

export interface ScenarioContext {
  server: MockServer;
  /** The worker config (store kind and options); `lockExpiryMs` set for the killed-holder scenario. */
  config: (lockExpiryMs?: number) => Record<string, unknown>;
  workers: Worker[];
}

export function base(server: MockServer): Record<string, unknown> {
  const { clientId, clientSecret } = server.credentials.ycm;
  return { baseUrl: server.url, clientId, clientSecret, timeoutMs: 20_000 };
}

/** After each test: stops its workers, keeps what they printed (for the secrets check) and clears the mock's faults. */
export async function stopWorkers(ctx: ScenarioContext, printed: string[]): Promise<void> {
  const stopping = ctx.workers.splice(0);
  await Promise.all(stopping.map((w) => w.stop()));
  printed.push(...stopping.map((w) => w.output()));
  ctx.server.clearFaults();
}

const userIds = (server: MockServer) => server.dataset.collections.YcmUser!.slice(0, 10).map((u) => u.userId);

export async function oneGrantPerLifetime(ctx: ScenarioContext, processes: number, ttlMs: number): Promise<void> {
  const workers = await startWorkers(processes, "token-worker.mjs", () => ctx.config());
  ctx.workers.push(...workers);
  const grants: number[] = [];
  for (const w of workers) w.on("grant", (m) => grants.push(m.at as number));
  ctx.server.stats.reset();
  for (let lifetime = 1; lifetime <= 2; lifetime++) {
    for (const w of workers) w.send({ type: "calls", n: 50, userIds: userIds(ctx.server) });
    const done = await Promise.all(workers.map((w) => w.next("done")));
    expect(done.flatMap((d) => d.errors as string[])).toEqual([]);
    expect(done.reduce((n, d) => n + (d.ok as number), 0)).toBe(processes * 50);
    // Past the token's expiry on the server: every process now finds it expired at once.
    if (lifetime === 1) await sleep(Math.max(0, grants[0]! + ttlMs + 200 - Date.now()));
  }
  // Calls sent with a token the mock had already expired are replayed once with the new one.
  expect(ctx.server.stats.requests.getYcmUser).toBeGreaterThanOrEqual(processes * 50 * 2);
  // Every grant the mock made was one of the workers' (none hidden), at least one per lifetime
  // crossed, and never two in one lifetime: each is due only a tenth of the lifetime before the
  // last one expires. (On a slow machine a burst can outlive its token: then its lifetime's one
  // grant comes during the burst, still one per lifetime.)
  const gaps = grants.slice(1).map((at, i) => at - grants[i]!);
  console.log(`${processes} processes x 50 calls x 2: ${grants.length} grants, ${gaps.map((g) => `${g} ms`).join(", ")} apart (token lifetime ${ttlMs} ms)`);
  expect(ctx.server.stats.tokensIssued.ycm).toBe(grants.length);
  expect(grants.length).toBeGreaterThanOrEqual(2);
  for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(ttlMs * 0.9 - 100);
}

/**
 * `exactlyOneTakeover`: Redis hands an expired lock to one process (SET NX is atomic); a file
 * lock's stale takeover (proper-lockfile: stat, remove, create) can let two waiters in at once,
 * in which case both ask for a token and the file's generation check keeps one.
 */
export async function killedLockHolder(ctx: ScenarioContext, processes: number, lockExpiryMs: number, exactlyOneTakeover: boolean): Promise<void> {
  // Only the first token request is slow: the one the victim sends while it holds the lock.
  const slow = ctx.server.inject({ kind: "latency", ms: 30_000, operationId: "requestYcmToken", times: 1 });
  const workers = await startWorkers(processes, "token-worker.mjs", () => ctx.config(lockExpiryMs));
  ctx.workers.push(...workers);
  ctx.server.stats.reset();
  let victim: Worker | undefined;
  let killedAt = 0;
  const grantsAfterKill: number[] = [];
  for (const w of workers) {
    w.on("grant", (m) => {
      if (!victim) victim = w;
      else grantsAfterKill.push(m.at as number);
    });
  }
  for (const w of workers) w.send({ type: "calls", n: 10, userIds: userIds(ctx.server) });
  // Killed once its token request is at the mock (held there by the latency fault): mid-refresh.
  while (!victim || slow.applied === 0) await sleep(2);
  killedAt = Date.now();
  victim.child.kill("SIGKILL");
  const survivors = workers.filter((w) => w !== victim);
  const done = await Promise.all(survivors.map((w) => w.next("done")));
  expect(done.flatMap((d) => d.errors as string[])).toEqual([]);
  expect(done.reduce((n, d) => n + (d.ok as number), 0)).toBe((processes - 1) * 10);
  // One survivor took the lock over and asked for the token; all recovered within the lock's
  // expiry (plus the time to poll, get the token and make the calls).
  if (exactlyOneTakeover) expect(grantsAfterKill).toHaveLength(1);
  else expect(grantsAfterKill.length).toBeGreaterThanOrEqual(1);
  const recoveredMs = Math.max(...done.map((d) => d.at as number)) - killedAt;
  const takenOverMs = grantsAfterKill[0]! - killedAt;
  console.log(`killed the lock holder; a survivor asked for a token ${takenOverMs} ms later, all ${processes - 1} were done ${recoveredMs} ms later (lock expiry ${lockExpiryMs} ms)`);
  // The lock was taken over once it expired, long before the victim's token request (30 s)
  // would have ended. The margin: polling, a file system's mtime granularity (proper-lockfile
  // rounds to what it probes) and a machine shared with other processes.
  expect(takenOverMs).toBeLessThan(lockExpiryMs + 2_000);
  expect(recoveredMs).toBeLessThan(lockExpiryMs + 5_000);
  expect(victim!.child.signalCode).toBe("SIGKILL");
}
