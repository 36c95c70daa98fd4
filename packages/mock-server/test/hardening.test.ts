// Issue 9 item 14: a stand-in that people run for days in CI must answer malformed requests as
// the client's mistakes, not log them as its own errors, and hold a flat number of tokens.
import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import type { MockLogEvent } from "../src/index.js";
import { TokenStore } from "../src/tokens.js";
import { start, UA, ycmToken } from "./helpers.js";

/** Writes `raw` to the server and resolves with what came back when the server closed or after `waitMs`. */
function rawRequest(url: string, raw: string, { destroyAfterWrite = false, waitMs = 1_000 } = {}): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    let answer = "";
    const socket = connect(Number(port), hostname, () => {
      socket.write(raw);
      if (destroyAfterWrite) setTimeout(() => socket.destroy(), 50);
    });
    const done = () => resolve(answer);
    socket.on("data", (chunk) => (answer += chunk.toString()));
    socket.on("close", done);
    socket.on("error", done);
    setTimeout(() => {
      socket.destroy();
      done();
    }, waitMs);
  });
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

describe("malformed and abandoned requests", () => {
  it("answers an unparsable request target with 400, logged as the client's, not as an error", async () => {
    const events: MockLogEvent[] = [];
    const server = await start({ onLog: (event) => events.push(event) });
    const answer = await rawRequest(server.url, "GET http://[ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain('"errMsg":"BAD_REQUEST"');
    await settle();
    expect(events.filter((e) => e.level === "error")).toEqual([]);
  });

  it("does not log a client that disconnects mid-body as an error, and keeps serving", async () => {
    const events: MockLogEvent[] = [];
    const server = await start({ onLog: (event) => events.push(event) });
    await rawRequest(
      server.url,
      "POST /dm/open_api/oauth/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\ngrant_type=",
      { destroyAfterWrite: true },
    );
    await settle();
    expect(events.filter((e) => e.level === "error")).toEqual([]);
    expect(events.some((e) => /client disconnected/.test(e.message))).toBe(true);
    expect((await fetch(`${server.url}/dm/open_api/v2/users`, { headers: UA })).status).toBe(401);
  });
});

describe("issued tokens are freed", () => {
  const lifetimes = { accessTokenTtlMs: 1_000, refreshTokenTtlMs: 5_000 };

  it("expired tokens are forgotten after the retention: the store stays flat over a long run", () => {
    let now = 0;
    const store = new TokenStore("t", lifetimes, () => now, 2_000);
    const sizes: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      store.issue("client");
      now += 10; // a grant every 10 ms for 200 s of mock time
      if (i % 1_000 === 999) sizes.push(store.size);
    }
    // Access tokens live 1 s + 2 s retention, refresh tokens 5 s + 2 s: at 100 grants a second,
    // about 300 + 700 held, whatever the run's length.
    expect(Math.max(...sizes)).toBeLessThanOrEqual(1_100);
    expect(sizes.at(-1)).toBe(sizes[5]);
  });

  it("used (rotated) refresh tokens are freed too, and a replay within the retention is still refused as dead", () => {
    let now = 0;
    const store = new TokenStore("t", { accessTokenTtlMs: 1_000, refreshTokenTtlMs: 60 * 60_000 }, () => now, 2_000);
    let refresh = store.issue("client").refreshToken;
    const first = refresh;
    for (let i = 0; i < 5_000; i++) {
      expect(store.useRefresh(refresh)).toMatchObject({ ok: true });
      refresh = store.issue("client").refreshToken;
      now += 10;
      if (i === 10) expect(store.useRefresh(first)).toEqual({ ok: false, reason: "dead" });
    }
    // One live refresh token, and what died or expired in the last few seconds.
    expect(store.size).toBeLessThanOrEqual(700);
  });

  it("no map grows past MAX_TOKENS, however long the tokens live", () => {
    const store = new TokenStore("t", { accessTokenTtlMs: 24 * 3_600_000, refreshTokenTtlMs: 15 * 24 * 3_600_000 });
    for (let i = 0; i < 25_000; i++) store.issue("client");
    expect(store.size).toBeLessThanOrEqual(2 * 10_001);
  });

  it("over HTTP: an expired token is still told apart from an unknown one within the retention", async () => {
    const server = await start({ accessTokenTtlMs: { ycm: 50 } });
    const token = await ycmToken(server);
    await new Promise((resolve) => setTimeout(resolve, 80));
    const res = await fetch(`${server.url}/dm/open_api/v2/users`, { headers: { ...UA, authorization: `Bearer ${token.access_token}` } });
    expect((await res.json()).errcode).toBe(1000035);
  });
});
