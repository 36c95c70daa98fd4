import { describe, expect, it } from "vitest";
import { TokenStore } from "../src/tokens.js";
import { formPost, sleep, start, UA, workplaceGet, workplaceToken, ycmGet, ycmToken } from "./helpers.js";

const TOKEN = "/dm/open_api/oauth/token";
const REVOKE = "/dm/open_api/oauth/token/refresh_token";
const USERS = "/dm/open_api/v2/users";
const WP_GET = "/services/openapi/v1.0/authentication/get_token";
const WP_REFRESH = "/services/openapi/v1.0/authentication/refresh_token";
const WP_USERS = "/services/openapi/v1.0/user/user_list";

describe("YCM tokens", () => {
  it("grants a flat bearer token with the default lifetime and counts it", async () => {
    const server = await start();
    const token = await ycmToken(server);
    expect(token.token_type).toBe("bearer");
    expect(token.expires_in).toBe(1800);
    expect(token.access_token).toMatch(/\S{20,}/);
    expect(token.refresh_token).not.toBe(token.access_token);
    expect(token.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(token).not.toHaveProperty("data");
    expect(server.stats.tokensIssued.ycm).toBe(1);
    expect(server.stats.requests.requestYcmToken).toBe(1);
    const second = await ycmToken(server);
    expect(second.access_token).not.toBe(token.access_token);
  });

  it("refuses wrong client credentials with 1000033 INVALID_CLIENT (HTTP 401)", async () => {
    const server = await start();
    const res = await fetch(`${server.url}${TOKEN}`, formPost({ grant_type: "client_credentials", client_id: "mock-ycm-client", client_secret: "nope" }));
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ status: "Failed", errcode: 1000033, errmsg: "INVALID_CLIENT" });
    expect(server.stats.tokensIssued.ycm).toBe(0);
  });

  it("accepts custom credentials", async () => {
    const server = await start({ credentials: { ycm: { clientId: "abc", clientSecret: "def" } } });
    expect(server.credentials.ycm).toEqual({ clientId: "abc", clientSecret: "def" });
    expect(server.credentials.workplace.clientId).toBe("mock-workplace-client");
    const res = await fetch(`${server.url}${TOKEN}`, formPost({ grant_type: "client_credentials", client_id: "abc", client_secret: "def" }));
    expect(res.status).toBe(200);
  });

  it("answers a missing or unknown token with HTTP 401 and 1000036 INVALID_TOKEN", async () => {
    const server = await start();
    const missing = await fetch(`${server.url}${USERS}`, { headers: UA });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ status: "Failed", errcode: 1000036, errmsg: "INVALID_TOKEN" });
    const unknown = await ycmGet(server, USERS, "not-a-token");
    expect(unknown.status).toBe(401);
    expect(unknown.body.errcode).toBe(1000036);
    const notBearer = await fetch(`${server.url}${USERS}`, { headers: { ...UA, authorization: "Basic abc" } });
    expect((await notBearer.json()).errcode).toBe(1000036);
  });

  it("expires access tokens after their TTL with HTTP 401 and 1000035 TOKEN_EXPIRED", async () => {
    const server = await start({ accessTokenTtlMs: { ycm: 400 } });
    const token = await ycmToken(server);
    expect(token.expires_in).toBe(1);
    expect((await ycmGet(server, USERS, token.access_token)).status).toBe(200);
    await sleep(450);
    const expired = await ycmGet(server, USERS, token.access_token);
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ errcode: 1000035, errmsg: "TOKEN_EXPIRED" });
    // The TTL was set for YCM only.
    const wp = await workplaceToken(server);
    expect(wp.expires_in).toBe(86400);
  });

  it("rotates refresh tokens: each works once, the new pair works", async () => {
    const server = await start();
    const first = await ycmToken(server);
    const res = await fetch(`${server.url}${TOKEN}`, formPost({ grant_type: "refresh_token", refresh_token: first.refresh_token }));
    expect(res.status).toBe(200);
    const second = (await res.json()) as typeof first;
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second.access_token).not.toBe(first.access_token);
    expect((await ycmGet(server, USERS, second.access_token)).status).toBe(200);
    expect(server.stats.tokensIssued.ycm).toBe(2);

    const replay = await fetch(`${server.url}${TOKEN}`, formPost({ grant_type: "refresh_token", refresh_token: first.refresh_token }));
    expect(replay.status).toBe(401);
    expect((await replay.json()).errcode).toBe(1000036);

    const again = await fetch(`${server.url}${TOKEN}`, formPost({ grant_type: "refresh_token", refresh_token: second.refresh_token }));
    expect(again.status).toBe(200);
    expect(server.stats.tokensIssued.ycm).toBe(3);
  });

  it("refuses an expired refresh token with 1000035", async () => {
    const server = await start({ refreshTokenTtlMs: { ycm: 50 } });
    const token = await ycmToken(server);
    await sleep(90);
    const res = await fetch(`${server.url}${TOKEN}`, formPost({ grant_type: "refresh_token", refresh_token: token.refresh_token }));
    expect(res.status).toBe(401);
    expect((await res.json()).errcode).toBe(1000035);
  });

  it("revokes refresh tokens: the answer is flat and the old refresh token is dead", async () => {
    const server = await start();
    const token = await ycmToken(server);
    const { clientId, clientSecret } = server.credentials.ycm;
    const wrong = await fetch(`${server.url}${REVOKE}`, formPost({ client_id: clientId, client_secret: "bad" }, "DELETE"));
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).errcode).toBe(1000033);

    const before = Math.floor(Date.now() / 1000);
    const res = await fetch(`${server.url}${REVOKE}`, formPost({ client_id: clientId, client_secret: clientSecret }, "DELETE"));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.client_id).toBe(clientId);
    expect(body.effect_time).toBeGreaterThanOrEqual(before);
    expect(body.effect_time).toBeLessThan(before + 60);

    const refresh = await fetch(`${server.url}${TOKEN}`, formPost({ grant_type: "refresh_token", refresh_token: token.refresh_token }));
    expect(refresh.status).toBe(401);
    expect((await refresh.json()).errcode).toBe(1000036);
    // The access token lives on until it expires.
    expect((await ycmGet(server, USERS, token.access_token)).status).toBe(200);
    expect(server.stats.requests.revokeYcmRefreshToken).toBe(2);
  });

  it("does not accept a Workplace token on YCM", async () => {
    const server = await start();
    const wp = await workplaceToken(server);
    expect((await ycmGet(server, USERS, wp.access_token)).body.errcode).toBe(1000036);
  });
});

describe("Workplace tokens", () => {
  it("grants a flat token with the 24-hour default", async () => {
    const server = await start();
    const token = await workplaceToken(server);
    expect(Object.keys(token).sort()).toEqual(["access_token", "expires_in", "refresh_token"]);
    expect(token.expires_in).toBe(86400);
    expect(server.stats.tokensIssued).toEqual({ ycm: 0, workplace: 1 });
  });

  it("refuses wrong credentials with HTTP 401 ACCESS_DENIED", async () => {
    const server = await start();
    const res = await fetch(`${server.url}${WP_GET}`, formPost({ client_id: "mock-workplace-client", client_secret: "nope" }));
    expect(res.status).toBe(401);
    const body = await res.json();
    expect(body).toMatchObject({ status: "Failed", errMsg: "ACCESS_DENIED" });
    expect(body.detailMsg).toContain("client");
    expect(typeof body.requestId).toBe("string");
  });

  it("takes the token as a Bearer header or as the access_token query parameter", async () => {
    const server = await start();
    const token = await workplaceToken(server);
    expect((await workplaceGet(server, WP_USERS, token.access_token)).status).toBe(200);
    const viaQuery = await fetch(`${server.url}${WP_USERS}?access_token=${encodeURIComponent(token.access_token)}`);
    expect(viaQuery.status).toBe(200);
    expect((await viaQuery.json()).status).toBe("Success");
  });

  it("answers missing, unknown and expired tokens with HTTP 401 ACCESS_DENIED", async () => {
    const server = await start({ accessTokenTtlMs: { workplace: 60 } });
    const missing = await fetch(`${server.url}${WP_USERS}`);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ status: "Failed", errMsg: "ACCESS_DENIED", detailMsg: "access token is missing" });
    const unknown = await workplaceGet(server, WP_USERS, "nope");
    expect(unknown.status).toBe(401);
    expect(unknown.body.detailMsg).toBe("access token is invalid");
    const token = await workplaceToken(server);
    await sleep(100);
    const expired = await workplaceGet(server, WP_USERS, token.access_token);
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ errMsg: "ACCESS_DENIED", detailMsg: "access token has expired" });
  });

  it("rotates refresh tokens and checks the client credentials on refresh", async () => {
    const server = await start();
    const { clientId, clientSecret } = server.credentials.workplace;
    const first = await workplaceToken(server);
    const badClient = await fetch(`${server.url}${WP_REFRESH}`, formPost({ client_id: clientId, client_secret: "x", refresh_token: first.refresh_token }));
    expect(badClient.status).toBe(401);

    const res = await fetch(`${server.url}${WP_REFRESH}`, formPost({ client_id: clientId, client_secret: clientSecret, refresh_token: first.refresh_token }));
    expect(res.status).toBe(200);
    const second = await res.json();
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect((await workplaceGet(server, WP_USERS, second.access_token)).status).toBe(200);

    const replay = await fetch(`${server.url}${WP_REFRESH}`, formPost({ client_id: clientId, client_secret: clientSecret, refresh_token: first.refresh_token }));
    expect(replay.status).toBe(401);
    expect((await replay.json()).errMsg).toBe("ACCESS_DENIED");
    expect(server.stats.tokensIssued.workplace).toBe(2);
  });

  it("refuses an expired refresh token", async () => {
    const server = await start({ refreshTokenTtlMs: 40 });
    const { clientId, clientSecret } = server.credentials.workplace;
    const token = await workplaceToken(server);
    await sleep(80);
    const res = await fetch(`${server.url}${WP_REFRESH}`, formPost({ client_id: clientId, client_secret: clientSecret, refresh_token: token.refresh_token }));
    expect(res.status).toBe(401);
    expect((await res.json()).detailMsg).toContain("expired");
  });
});

describe("TokenStore", () => {
  it("tells valid, expired and unknown tokens apart on an injected clock", () => {
    let now = 1000;
    const store = new TokenStore("t", { accessTokenTtlMs: 100, refreshTokenTtlMs: 200 }, () => now);
    const issued = store.issue("client");
    expect(issued.expiresIn).toBe(1);
    expect(store.checkAccess(issued.accessToken)).toBe("valid");
    expect(store.checkAccess("other")).toBe("unknown");
    expect(store.checkAccess(undefined)).toBe("unknown");
    now += 100;
    expect(store.checkAccess(issued.accessToken)).toBe("expired");
    expect(store.useRefresh(issued.refreshToken)).toEqual({ ok: true, clientId: "client" });
    expect(store.useRefresh(issued.refreshToken)).toEqual({ ok: false, reason: "dead" });
    const next = store.issue("client");
    now += 200;
    expect(store.useRefresh(next.refreshToken)).toEqual({ ok: false, reason: "expired" });
    const third = store.issue("client");
    expect(store.revokeRefreshTokens("client")).toBe(1);
    expect(store.useRefresh(third.refreshToken)).toEqual({ ok: false, reason: "dead" });
  });
});
