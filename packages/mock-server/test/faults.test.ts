import { describe, expect, it } from "vitest";
import type { Fault } from "../src/index.js";
import { start, workplaceGet, workplaceToken, ycmGet, ycmToken, UA } from "./helpers.js";

const USERS = "/dm/open_api/v2/users";
const SUBORDINATES = "/dm/open_api/v1/user_info/subordinates";
const WP_USERS = "/services/openapi/v1.0/user/user_list";

async function ycmFetch(url: string, token: string): Promise<Response> {
  return fetch(url, { headers: { ...UA, authorization: `Bearer ${token}` } });
}

describe("faults", () => {
  it("latency delays the answer", async () => {
    const server = await start();
    const token = (await ycmToken(server)).access_token;
    const fault = server.inject({ kind: "latency", ms: 150, operationId: "listYcmUsers", times: 1 });
    const t0 = Date.now();
    expect((await ycmGet(server, USERS, token)).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    // The second request is not delayed: the fault acted once (counted, not timed, so a busy
    // machine cannot fail this).
    await ycmGet(server, USERS, token);
    expect([fault.seen, fault.applied]).toEqual([2, 1]);
  });

  it("the latencyMs option delays every route", async () => {
    const server = await start({ latencyMs: 100 });
    const t0 = Date.now();
    await fetch(`${server.url}/nowhere`);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(90);
  });

  it("status answers 429/5xx with an error envelope and Retry-After", async () => {
    const server = await start();
    const token = (await ycmToken(server)).access_token;
    server.inject({ kind: "status", status: 429, retryAfter: 3, operationId: "listYcmUsers", times: 1 });
    const limited = await ycmFetch(`${server.url}${USERS}`, token);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("3");
    expect(await limited.json()).toMatchObject({ status: "Failed", errcode: 1000040 });

    server.inject({ kind: "status", status: 503, times: 1 });
    const down = await workplaceGet(server, WP_USERS, "irrelevant: faults act before auth");
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: "Failed", errMsg: "SERVER_ERROR" });
    expect(down.res.headers.get("retry-after")).toBeNull();
    expect((await ycmFetch(`${server.url}${USERS}`, token)).status).toBe(200);
  });

  it("ycmError sends the given code, 429 by default for 1000040, or the given HTTP status", async () => {
    const server = await start();
    const token = (await ycmToken(server)).access_token;
    server.inject({ kind: "ycmError", code: 1000040, times: 1 });
    const limited = await ycmFetch(`${server.url}${USERS}`, token);
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ status: "Failed", errcode: 1000040, errmsg: "RATE_LIMIT_EXCEEDED" });
    server.inject({ kind: "ycmError", code: 1000043, httpStatus: 200, times: 1 });
    const denied = await ycmFetch(`${server.url}${USERS}`, token);
    expect(denied.status).toBe(200);
    expect(await denied.json()).toMatchObject({ status: "Failed", errcode: 1000043, errmsg: "PERMISSION_DENIED" });
  });

  it("ycmError with '*' leaves Workplace alone", async () => {
    const server = await start();
    const handle = server.inject({ kind: "ycmError", code: 1000001 });
    expect((await workplaceGet(server, WP_USERS)).status).toBe(200);
    expect(handle.seen).toBe(0);
    expect((await ycmGet(server, USERS, "x")).status).toBe(500);
    expect(handle.applied).toBe(1);
  });

  it("html answers an HTML error page", async () => {
    const server = await start();
    server.inject({ kind: "html", status: 502, operationId: "listWorkplaceUsers" });
    const res = await fetch(`${server.url}${WP_USERS}`);
    expect(res.status).toBe(502);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await res.text()).toContain("<h1>502 Bad Gateway</h1>");
  });

  it("malformedJson answers HTTP 200 application/json with a truncated body", async () => {
    const server = await start();
    server.inject({ kind: "malformedJson", operationId: "listYcmUsers" });
    const res = await fetch(`${server.url}${USERS}`, { headers: UA });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const text = await res.text();
    expect(text.startsWith("{")).toBe(true);
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
  });

  it("drop destroys the connection without an answer", async () => {
    const server = await start();
    server.inject({ kind: "drop", operationId: "getWorkplaceToken", times: 1 });
    await expect(workplaceToken(server)).rejects.toThrow();
    await expect(workplaceToken(server)).resolves.toHaveProperty("access_token");
  });

  it("failedEnvelope answers HTTP 200 with status Failed", async () => {
    const server = await start();
    server.inject({ kind: "failedEnvelope" });
    const ycm = await ycmGet(server, USERS, "x");
    expect(ycm.status).toBe(200);
    expect(ycm.body).toMatchObject({ status: "Failed", errcode: 1000001 });
    const wp = await workplaceGet(server, WP_USERS, "x");
    expect(wp.status).toBe(200);
    expect(wp.body).toMatchObject({ status: "Failed", errMsg: "SERVER_ERROR" });
  });

  it("tokenExpired answers as if a valid token had expired", async () => {
    const server = await start();
    const ycmAccess = (await ycmToken(server)).access_token;
    const wpAccess = (await workplaceToken(server)).access_token;
    server.inject({ kind: "tokenExpired", operationId: "listYcmUsers", times: 1 });
    server.inject({ kind: "tokenExpired", operationId: "listWorkplaceUsers", times: 1 });
    const ycm = await ycmGet(server, USERS, ycmAccess);
    expect(ycm.status).toBe(401);
    expect(ycm.body.errcode).toBe(1000035);
    const wp = await workplaceGet(server, WP_USERS, wpAccess);
    expect(wp.status).toBe(401);
    expect(wp.body.errMsg).toBe("ACCESS_DENIED");
    expect((await ycmGet(server, USERS, ycmAccess)).status).toBe(200);
  });

  it("growingTotal makes total grow on every page", async () => {
    const server = await start();
    const token = (await ycmToken(server)).access_token;
    server.inject({ kind: "growingTotal", operationId: "listYcmUsers" });
    const totals: number[] = [];
    for (let page = 1; page <= 3; page++) totals.push((await ycmGet(server, `${USERS}?pageNumber=${page}`, token)).body.data.total);
    const real = server.dataset.collections.YcmUser!.length;
    expect(totals).toEqual([real + 1, real + 2, real + 3]);
    expect(server.validationErrors).toEqual([]);
  });

  it("repeatPage always returns the first page's items", async () => {
    const server = await start();
    const token = (await workplaceToken(server)).access_token;
    server.inject({ kind: "repeatPage" });
    const first = await workplaceGet(server, `${WP_USERS}?pageSize=5&pageNo=1`, token);
    const third = await workplaceGet(server, `${WP_USERS}?pageSize=5&pageNo=3`, token);
    expect(third.body.data.pageNo).toBe(3);
    expect(third.body.data.list).toEqual(first.body.data.list);
    const subs = await ycmGet(server, `${SUBORDINATES}?pageNumber=2`);
    expect(subs.body.data.list).toEqual(server.dataset.collections.YcmSubordinate!.slice(0, 10));
  });

  it("after skips the first N matching requests and times limits the rest", async () => {
    const server = await start();
    const token = (await ycmToken(server)).access_token;
    const handle = server.inject({ kind: "status", status: 500, operationId: "listYcmUsers", after: 2, times: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await ycmFetch(`${server.url}${USERS}`, token)).status);
    expect(statuses).toEqual([200, 200, 500, 500, 200, 200]);
    expect(handle.seen).toBe(6);
    expect(handle.applied).toBe(2);
    // Requests to other operations are not seen.
    await ycmFetch(`${server.url}${SUBORDINATES}`, token);
    expect(handle.seen).toBe(6);
  });

  it("the first response fault wins, the next one waits its turn, and latency adds up", async () => {
    const server = await start();
    const a = server.inject({ kind: "status", status: 502, times: 1 });
    const b = server.inject({ kind: "status", status: 503, times: 1 });
    server.inject({ kind: "latency", ms: 60, times: 2 });
    server.inject({ kind: "latency", ms: 60, times: 1 });
    const t0 = Date.now();
    expect((await fetch(`${server.url}${WP_USERS}`)).status).toBe(502);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(110);
    expect(a.applied).toBe(1);
    expect(b.seen).toBe(1);
    expect(b.applied).toBe(0);
    expect((await fetch(`${server.url}${WP_USERS}`)).status).toBe(503);
    expect((await fetch(`${server.url}${WP_USERS}`)).status).toBe(401);
    expect(b.seen).toBe(3);
  });

  it("faults from options apply from the start; remove() and clearFaults() stop them", async () => {
    const server = await start({ faults: [{ kind: "status", status: 500, operationId: "getWorkplaceToken" }] });
    await expect(workplaceToken(server)).rejects.toThrow(/HTTP 500/);
    server.clearFaults();
    await expect(workplaceToken(server)).resolves.toHaveProperty("access_token");
    const handle = server.inject({ kind: "status", status: 503 });
    await expect(workplaceToken(server)).rejects.toThrow(/HTTP 503/);
    handle.remove();
    await expect(workplaceToken(server)).resolves.toHaveProperty("access_token");
    expect(server.stats.requests.getWorkplaceToken).toBe(4);
  });

  it("refuses malformed faults with a clear error", async () => {
    const server = await start();
    const bad: Array<[unknown, RegExp]> = [
      [{ kind: "explode" }, /Unknown fault kind "explode"/],
      [{ kind: "status", status: 404 }, /429, 500, 502, 503/],
      [{ kind: "status" }, /needs "status"/],
      [{ kind: "latency", ms: -1 }, /ms must be/],
      [{ kind: "drop", operationId: "listUsers" }, /unknown operationId "listUsers"/],
      [{ kind: "ycmError", code: 1000040, operationId: "listWorkplaceUsers" }, /only applies to YCM/],
      [{ kind: "repeatPage", operationId: "getYcmUser" }, /only applies to list operations/],
      [{ kind: "drop", time: 1 }, /unknown field "time"/],
      [{ kind: "html", status: 200 }, /HTTP status/],
      [{ kind: "drop", times: 1.5 }, /times must be/],
    ];
    for (const [fault, message] of bad) expect(() => server.inject(fault as Fault), JSON.stringify(fault)).toThrow(message);
    await expect(start({ faults: [{ kind: "nope" } as unknown as Fault] })).rejects.toThrow(/Unknown fault kind/);
  });

  it("stats count requests per operation and reset to zero", async () => {
    const server = await start();
    const token = (await ycmToken(server)).access_token;
    await ycmGet(server, USERS, token);
    await ycmGet(server, USERS, token);
    expect(server.stats.requests.listYcmUsers).toBe(2);
    expect(server.stats.requests.requestYcmToken).toBe(1);
    expect(server.stats.tokensIssued.ycm).toBe(1);
    server.stats.reset();
    expect(server.stats.requests.listYcmUsers).toBe(0);
    expect(server.stats.tokensIssued.ycm).toBe(0);
    expect(server.stats.unmatchedRequests).toBe(0);
  });
});
