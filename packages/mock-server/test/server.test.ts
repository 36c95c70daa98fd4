import { describe, expect, it } from "vitest";
import { startMockServer, type MockLogEvent, type MockServerOptions } from "../src/index.js";
import { start, workplaceToken, ycmToken } from "./helpers.js";

describe("startMockServer options", () => {
  it("refuses an unknown option, naming it", async () => {
    await expect(startMockServer({ prot: 4010 } as unknown as MockServerOptions)).rejects.toThrow(/Unknown mock server option "prot"/);
  });

  it("refuses badly typed options with the option's name", async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ port: 70000 }, /port/],
      [{ ycmUsers: -3 }, /ycmUsers/],
      [{ seed: "x" }, /seed/],
      [{ latencyMs: -1 }, /latencyMs/],
      [{ accessTokenTtlMs: 0 }, /accessTokenTtlMs/],
      [{ refreshTokenTtlMs: { pbx: 5 } }, /refreshTokenTtlMs has an unknown key "pbx"/],
      [{ credentials: { ycm: { clientID: "x" } } }, /credentials.ycm has an unknown key "clientID"/],
      [{ credentials: { workplace: { clientSecret: "" } } }, /credentials.workplace.clientSecret/],
      [{ validate: "yes" }, /validate/],
      [{ dataset: {}, seed: 2 }, /dataset cannot be combined with seed/],
    ];
    for (const [options, message] of cases) {
      await expect(startMockServer(options as MockServerOptions), JSON.stringify(options)).rejects.toThrow(message);
    }
  });

  it("listens on 127.0.0.1 and a free port by default, and serves both APIs on it", async () => {
    const a = await start();
    const b = await start();
    expect(a.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(a.port).toBeGreaterThan(0);
    expect(a.port).not.toBe(b.port);
    await expect(ycmToken(a)).resolves.toHaveProperty("access_token");
    await expect(workplaceToken(a)).resolves.toHaveProperty("access_token");
  });

  it("shapes the data from seed and counts", async () => {
    const server = await start({ seed: 9, ycmUsers: 4, ycmSubordinates: 2, workplaceUsers: 3 });
    expect(server.dataset.seed).toBe(9);
    expect(server.dataset.collections.YcmUser).toHaveLength(4);
    expect(server.dataset.collections.YcmSubordinate).toHaveLength(2);
    expect(server.dataset.collections.WorkplaceUser).toHaveLength(3);
    const sized = await start({ collectionSize: 2, collections: { YcmUser: 5 } });
    expect(sized.dataset.collections.YcmUser).toHaveLength(5);
    expect(sized.dataset.collections.WorkplaceUser).toHaveLength(2);
  });

  it("logs one event per request and never a token or secret", async () => {
    const logs: MockLogEvent[] = [];
    const server = await start({ onLog: (e) => logs.push(e) });
    const wp = await workplaceToken(server);
    await fetch(`${server.url}/services/openapi/v1.0/user/user_list?access_token=${wp.access_token}`);
    const requestLogs = logs.filter((e) => e.method);
    expect(requestLogs).toHaveLength(2);
    expect(requestLogs[1]).toMatchObject({ level: "info", operationId: "listWorkplaceUsers", status: 200, path: "/services/openapi/v1.0/user/user_list" });
    const text = JSON.stringify(logs);
    for (const secret of [wp.access_token, wp.refresh_token, server.credentials.workplace.clientSecret]) expect(text).not.toContain(secret);
  });

  it("survives a throwing logger", async () => {
    const server = await start({
      onLog: () => {
        throw new Error("logger broke");
      },
    });
    await expect(ycmToken(server)).resolves.toHaveProperty("access_token");
  });
});

describe("close()", () => {
  it("closes promptly even with a request held by a long latency fault and keep-alive sockets", async () => {
    const server = await startMockServer();
    await ycmToken(server); // leaves a keep-alive socket in fetch's pool
    server.inject({ kind: "latency", ms: 60_000 });
    const pending = fetch(`${server.url}/services/openapi/v1.0/user/user_list`).then(
      (r) => r.status,
      (e: unknown) => e,
    );
    await new Promise((r) => setTimeout(r, 50));
    const t0 = Date.now();
    await server.close();
    expect(Date.now() - t0).toBeLessThan(5_000); // far below the 60 s latency: close() does not wait for it
    expect(await pending).toBeInstanceOf(Error);
    await server.close(); // twice is fine
    await expect(fetch(`${server.url}/`)).rejects.toThrow();
  });
});
