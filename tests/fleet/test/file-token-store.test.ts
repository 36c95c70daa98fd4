// fileTokenStore with real processes on one host (see support/token-scenarios.ts), and what the
// file looks like: owner-only, written whole.
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { MockServer } from "@yeastar-openapi/mock-server";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { expectNoSecret, startMock } from "./support/fleet.js";
import { base, killedLockHolder, oneGrantPerLifetime, stopWorkers, type ScenarioContext } from "./support/token-scenarios.js";

const TTL_MS = 8_000;
const STALE_MS = 2_000;

const root = mkdtempSync(join(tmpdir(), "fleet-file-store-"));
let mock: Awaited<ReturnType<typeof startMock>>;
let path = "";
const ctx = { workers: [] } as unknown as ScenarioContext;
const printed: string[] = [];

beforeAll(async () => {
  mock = await startMock({ accessTokenTtlMs: { ycm: TTL_MS } });
  ctx.server = mock.server as MockServer;
  // The default staleMs (10 s), except where a killed holder is waited out.
  ctx.config = (lockExpiryMs) => ({ ...base(mock.server), store: "file", path, storeOptions: lockExpiryMs ? { staleMs: lockExpiryMs } : {} });
});
afterEach(() => stopWorkers(ctx, printed));
afterAll(async () => {
  await mock?.server.close();
  rmSync(root, { recursive: true, force: true });
});

describe("fileTokenStore across processes on one host", () => {
  test("4 processes x 50 calls at once, across a token expiry: exactly one grant per lifetime; the file is 0600 in a 0700 folder", async () => {
    // A folder that does not exist yet: the store creates it, private.
    path = join(root, "first", "ycm-token.json");
    await oneGrantPerLifetime(ctx, 4, TTL_MS);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(root, "first")).mode & 0o777).toBe(0o700);
    // Written whole (temporary file and rename), no temporary file or lock left behind.
    expect(JSON.parse(readFileSync(path, "utf8"))).toMatchObject({ generation: mock.server.stats.tokensIssued.ycm, token: { accessToken: expect.any(String) } });
    expect(readdirSync(join(root, "first"))).toEqual(["ycm-token.json"]);
  });

  test("the process holding the lock is killed mid-refresh: the others recover once the lock is stale", async () => {
    path = join(root, "second", "ycm-token.json");
    await killedLockHolder(ctx, 4, STALE_MS, false);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  test("no token or secret in the lock's name, a log line or anything printed", () => {
    const secrets: string[] = [];
    for (const folder of ["first", "second"]) {
      const { token } = JSON.parse(readFileSync(join(root, folder, "ycm-token.json"), "utf8")) as { token: { accessToken: string; refreshToken: string } };
      secrets.push(token.accessToken, token.refreshToken);
    }
    const names = ["first", "second"].flatMap((folder) => readdirSync(join(root, folder)));
    expectNoSecret([...names, ...mock.logLines, ...printed], [...secrets, mock.server.credentials.ycm.clientSecret]);
  });
});
