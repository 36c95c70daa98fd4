import { describe, expect, it } from "vitest";
import { rawRequest, start, UA, ycmGet, ycmToken } from "./helpers.js";

const USERS = "/dm/open_api/v2/users";
const SUBORDINATES = "/dm/open_api/v1/user_info/subordinates";

describe("YCM users list", () => {
  it("pages through all 137 users exactly once, last page shorter, in the success envelope", async () => {
    const server = await start({ ycmUsers: 137 });
    const { access_token } = await ycmToken(server);
    const seen: number[] = [];
    const sizes: number[] = [];
    for (let page = 1; ; page++) {
      const { status, body } = await ycmGet(server, `${USERS}?pageSize=50&pageNumber=${page}`, access_token);
      expect(status).toBe(200);
      expect(body.status).toBe("Success");
      expect(typeof body.requestId).toBe("string");
      // Unix seconds, not milliseconds.
      expect(Math.abs(body.time - Date.now() / 1000)).toBeLessThan(60);
      expect(body.data).toMatchObject({ pageSize: 50, pageNumber: page, total: 137 });
      if (body.data.list.length === 0) break;
      sizes.push(body.data.list.length);
      seen.push(...body.data.list.map((u: { userId: number }) => u.userId));
    }
    expect(sizes).toEqual([50, 50, 37]);
    expect(seen).toHaveLength(137);
    expect(new Set(seen).size).toBe(137);
    expect(seen).toEqual(server.dataset.collections.YcmUser!.map((u) => u.userId));
    expect(server.validationErrors).toEqual([]);
  });

  it("uses pageSize 10 and pageNumber 1 by default", async () => {
    const server = await start({ ycmUsers: 137 });
    const { body } = await ycmGet(server, USERS);
    expect(body.data.pageSize).toBe(10);
    expect(body.data.pageNumber).toBe(1);
    expect(body.data.list).toHaveLength(10);
    expect(body.data.list[0].userId).toEqual(server.dataset.collections.YcmUser![0]!.userId);
  });

  it("answers a page past the end with an empty list and the real total", async () => {
    const server = await start({ ycmUsers: 137 });
    const { status, body } = await ycmGet(server, `${USERS}?pageSize=10&pageNumber=99`);
    expect(status).toBe(200);
    expect(body.data).toEqual({ pageSize: 10, pageNumber: 99, total: 137, list: [] });
  });

  it("accepts pageSize 50 and refuses 51 with 1000004 INVALID_PARAMETER naming pageSize", async () => {
    const server = await start();
    const token = (await ycmToken(server)).access_token;
    expect((await ycmGet(server, `${USERS}?pageSize=50`, token)).body.data.list).toHaveLength(50);
    const { status, body } = await ycmGet(server, `${USERS}?pageSize=51`, token);
    expect(status).toBe(400);
    expect(body).toMatchObject({ status: "Failed", errcode: 1000004 });
    expect(body.errmsg).toMatch(/^INVALID_PARAMETER: pageSize/);
    expect(typeof body.requestId).toBe("string");
    expect(typeof body.time).toBe("number");
  });

  it("refuses pageSize 0, pageNumber 0 and non-numbers", async () => {
    const server = await start();
    const token = (await ycmToken(server)).access_token;
    for (const [query, param] of [["pageSize=0", "pageSize"], ["pageNumber=0", "pageNumber"], ["pageSize=ten", "pageSize"], ["pageNumber=1.5", "pageNumber"]]) {
      const { status, body } = await ycmGet(server, `${USERS}?${query}`, token);
      expect(status, query).toBe(400);
      expect(body.errcode).toBe(1000004);
      expect(body.errmsg).toContain(param);
    }
  });

  it("sorts by userId ascending and descending, and by other user fields", async () => {
    const server = await start({ ycmUsers: 137 });
    const token = (await ycmToken(server)).access_token;
    const ids = server.dataset.collections.YcmUser!.map((u) => u.userId);
    const asc = await ycmGet(server, `${USERS}?pageSize=50&sort=userId`, token);
    expect(asc.body.data.list.map((u: { userId: number }) => u.userId)).toEqual(ids.slice(0, 50));
    const desc = await ycmGet(server, `${USERS}?pageSize=50&sort=-userId`, token);
    expect(desc.body.data.list.map((u: { userId: number }) => u.userId)).toEqual([...ids].reverse().slice(0, 50));

    const byPbx = await ycmGet(server, `${USERS}?pageSize=50&sort=-createdCloudPbx`, token);
    const counts = byPbx.body.data.list.map((u: { createdCloudPbx: number }) => u.createdCloudPbx);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(counts[0]).toBe(Math.max(...server.dataset.collections.YcmUser!.map((u) => u.createdCloudPbx ?? 0)));

    // Users without a company sort last, in either direction.
    const all = [];
    for (let page = 1; page <= 3; page++) {
      all.push(...(await ycmGet(server, `${USERS}?pageSize=50&pageNumber=${page}&sort=company`, token)).body.data.list);
    }
    const companies = all.map((u: { company?: string }) => u.company);
    const firstMissing = companies.indexOf(undefined);
    expect(firstMissing).toBeGreaterThan(0);
    expect(companies.slice(firstMissing).every((c) => c === undefined)).toBe(true);
    const present = companies.slice(0, firstMissing) as string[];
    expect(present).toEqual([...present].sort());
  });

  it("refuses a sort on a field users do not have", async () => {
    const server = await start();
    const { status, body } = await ycmGet(server, `${USERS}?sort=-shoeSize`);
    expect(status).toBe(400);
    expect(body.errcode).toBe(1000004);
    expect(body.errmsg).toContain("sort");
  });
});

describe("YCM single user", () => {
  it("returns the detail of a listed user", async () => {
    const server = await start();
    const user = server.dataset.collections.YcmUser![5]!;
    const { status, body } = await ycmGet(server, `/dm/open_api/v1/users/${user.userId}`);
    expect(status).toBe(200);
    expect(body.status).toBe("Success");
    expect(body.data).toMatchObject({ userId: user.userId, email: user.email, userType: user.userType });
    expect(server.validationErrors).toEqual([]);
  });

  it("answers an unknown user with 404 and 1000015 USER_NOT_FOUND, and a non-numeric ID with 1000004", async () => {
    const server = await start();
    const token = (await ycmToken(server)).access_token;
    const missing = await ycmGet(server, "/dm/open_api/v1/users/1", token);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ status: "Failed", errcode: 1000015 });
    expect(missing.body.errmsg).toMatch(/^USER_NOT_FOUND/);
    const bad = await ycmGet(server, "/dm/open_api/v1/users/abc", token);
    expect(bad.status).toBe(400);
    expect(bad.body.errcode).toBe(1000004);
    expect(bad.body.errmsg).toContain("userId");
  });
});

describe("YCM subordinates", () => {
  it("pages all 23 subordinates with default pageSize 10", async () => {
    const server = await start({ ycmSubordinates: 23 });
    const token = (await ycmToken(server)).access_token;
    const seen: number[] = [];
    const sizes: number[] = [];
    for (let page = 1; page <= 4; page++) {
      const { body } = await ycmGet(server, `${SUBORDINATES}?pageNumber=${page}`, token);
      expect(body.data).toMatchObject({ pageSize: 10, pageNumber: page, total: 23 });
      sizes.push(body.data.list.length);
      seen.push(...body.data.list.map((s: { userId: number }) => s.userId));
    }
    expect(sizes).toEqual([10, 10, 3, 0]);
    expect(seen).toEqual(server.dataset.collections.YcmSubordinate!.map((s) => s.userId));
  });

  it("searches userName and userEmail case-insensitively by substring", async () => {
    const server = await start();
    const token = (await ycmToken(server)).access_token;
    const target = server.dataset.collections.YcmSubordinate!.find((s, i) => i >= 4 && s.userName && s.userEmail);
    const keyword = target?.userName.slice(1, 4).toUpperCase() ?? "";
    const expected = server.dataset.collections.YcmSubordinate!.filter(
      (s) => s.userName?.toLowerCase().includes(keyword.toLowerCase()) || s.userEmail?.toLowerCase().includes(keyword.toLowerCase()) || String(s.userId).includes(keyword),
    );
    const { body } = await ycmGet(server, `${SUBORDINATES}?pageSize=50&query=${encodeURIComponent(keyword)}`, token);
    expect(body.data.total).toBe(expected.length);
    expect(body.data.list).toEqual(expected);
    expect(body.data.list).toContainEqual(target);

    const none = await ycmGet(server, `${SUBORDINATES}?query=zzzz-no-such-user`, token);
    expect(none.body.data).toEqual({ pageSize: 10, pageNumber: 1, total: 0, list: [] });
  });

  it("refuses pageSize 51", async () => {
    const server = await start();
    const { status, body } = await ycmGet(server, `${SUBORDINATES}?pageSize=51`);
    expect(status).toBe(400);
    expect(body.errcode).toBe(1000004);
  });
});

describe("YCM request rules", () => {
  it("refuses a request without User-Agent with HTTP 400 and 1000004", async () => {
    const server = await start();
    const { access_token } = await ycmToken(server);
    const res = await rawRequest(`${server.url}${USERS}`, { headers: { authorization: `Bearer ${access_token}` } });
    expect(res.status).toBe(400);
    const body = JSON.parse(res.text);
    expect(body).toMatchObject({ status: "Failed", errcode: 1000004 });
    expect(body.errmsg).toContain("User-Agent");
    // The token endpoint needs it too.
    const tokenRes = await rawRequest(`${server.url}/dm/open_api/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials&client_id=mock-ycm-client&client_secret=mock-ycm-secret",
    });
    expect(tokenRes.status).toBe(400);
    expect(JSON.parse(tokenRes.text).errcode).toBe(1000004);
  });

  it("answers an unknown YCM path with a 404 envelope and a wrong method with 405", async () => {
    const server = await start();
    const unknown = await fetch(`${server.url}/dm/open_api/v2/nothing`, { headers: UA });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ status: "Failed", errcode: 1000005 });
    const wrongMethod = await fetch(`${server.url}${USERS}`, { method: "PUT", headers: UA });
    expect(wrongMethod.status).toBe(405);
    expect((await wrongMethod.json()).errmsg).toContain("Request method 'PUT' not supported");
    expect(server.stats.unmatchedRequests).toBe(2);
    expect(server.validationErrors).toEqual([]);
  });
});
