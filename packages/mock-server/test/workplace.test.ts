import { describe, expect, it } from "vitest";
import type { WorkplaceUser } from "../src/index.js";
import { start, workplaceGet, workplaceToken } from "./helpers.js";

const USERS = "/services/openapi/v1.0/user/user_list";

describe("Workplace users list", () => {
  it("pages through all 61 users exactly once in the success envelope (no time field)", async () => {
    const server = await start();
    const { access_token } = await workplaceToken(server);
    const seen: number[] = [];
    const sizes: number[] = [];
    for (let page = 1; page <= 4; page++) {
      const { status, body } = await workplaceGet(server, `${USERS}?pageSize=20&pageNo=${page}`, access_token);
      expect(status).toBe(200);
      expect(Object.keys(body).sort()).toEqual(["data", "requestId", "status"]);
      expect(body.status).toBe("Success");
      expect(body.requestId).toMatch(/^[0-9a-f]{32}$/);
      expect(body.data).toMatchObject({ pageSize: 20, pageNo: page, total: 61 });
      sizes.push(body.data.list.length);
      seen.push(...body.data.list.map((u: WorkplaceUser) => u.userId));
    }
    expect(sizes).toEqual([20, 20, 20, 1]);
    expect(seen).toEqual(server.dataset.workplaceUsers.map((u) => u.userId));
    const beyond = await workplaceGet(server, `${USERS}?pageSize=20&pageNo=5`, access_token);
    expect(beyond.body.data).toEqual({ pageSize: 20, pageNo: 5, total: 61, list: [] });
  });

  it("uses the mock's defaults pageSize 10 and pageNo 1, and enforces no maximum", async () => {
    const server = await start();
    const token = (await workplaceToken(server)).access_token;
    const { body } = await workplaceGet(server, USERS, token);
    expect(body.data).toMatchObject({ pageSize: 10, pageNo: 1, total: 61 });
    expect(body.data.list).toEqual(server.dataset.workplaceUsers.slice(0, 10));
    const big = await workplaceGet(server, `${USERS}?pageSize=1000`, token);
    expect(big.body.data.list).toHaveLength(61);
  });

  it("searches email, names, phone and group names case-insensitively", async () => {
    const server = await start();
    const token = (await workplaceToken(server)).access_token;
    const users = server.dataset.workplaceUsers;
    const groups = new Map(server.dataset.workplaceGroups.map((g) => [g.groupId, g.name]));
    const matches = (keyword: string): WorkplaceUser[] => {
      const k = keyword.toLowerCase();
      return users.filter((u) =>
        [u.email, u.firstName, u.lastName, u.lastName ? `${u.firstName} ${u.lastName}` : undefined, u.phone, ...u.groupIds.map((g) => groups.get(g))].some(
          (v) => v?.toLowerCase().includes(k),
        ),
      );
    };
    const withPhone = users.find((u) => u.phone);
    const withLast = users.find((u) => u.lastName);
    const groupName = groups.get(users.find((u) => u.groupIds.length > 0)?.groupIds[0] ?? 0) ?? "";
    const keywords = [
      users[3]?.email.toUpperCase() ?? "",
      `${withLast?.firstName} ${withLast?.lastName}`,
      withPhone?.phone?.slice(-6) ?? "",
      groupName.toLowerCase(),
    ];
    for (const keyword of keywords) {
      const expected = matches(keyword);
      expect(expected.length, keyword).toBeGreaterThan(0);
      const { body } = await workplaceGet(server, `${USERS}?pageSize=100&query=${encodeURIComponent(keyword)}`, token);
      expect(body.data.total, keyword).toBe(expected.length);
      expect(body.data.list.map((u: WorkplaceUser) => u.userId), keyword).toEqual(expected.map((u) => u.userId));
    }
    // A group's name matches even though the user objects only carry group IDs.
    const { body } = await workplaceGet(server, `${USERS}?pageSize=100&query=${encodeURIComponent(groupName)}`, token);
    const groupId = [...groups].find(([, name]) => name === groupName)?.[0];
    expect(body.data.list.some((u: WorkplaceUser) => u.groupIds.includes(groupId ?? -1) && !u.email.toLowerCase().includes(groupName.toLowerCase()))).toBe(true);
  });

  it("omits optional fields some of the time, like the vendor's examples", async () => {
    const server = await start();
    const { body } = await workplaceGet(server, `${USERS}?pageSize=100`);
    const list = body.data.list as Array<Record<string, unknown>>;
    expect(list.some((u) => !("preferredBuildingName" in u))).toBe(true);
    expect(list.some((u) => "preferredBuildingName" in u)).toBe(true);
    for (const u of list) {
      expect(u).toHaveProperty("userId");
      expect(u).toHaveProperty("memberId");
      expect(u).toHaveProperty("groupIds");
    }
  });

  it("refuses pageSize 0 and non-numeric pageNo with HTTP 400 INVALID_PARAMETER naming the parameter", async () => {
    const server = await start();
    const token = (await workplaceToken(server)).access_token;
    for (const [query, param] of [["pageSize=0", "pageSize"], ["pageNo=x", "pageNo"], ["pageNo=0", "pageNo"]]) {
      const { status, body } = await workplaceGet(server, `${USERS}?${query}`, token);
      expect(status, query).toBe(400);
      expect(body).toMatchObject({ status: "Failed", errMsg: "INVALID_PARAMETER" });
      expect(body.detailMsg).toContain(param);
    }
  });

  it("answers a wrong method with the vendor's documented 405 and an unknown path with 404", async () => {
    const server = await start();
    const put = await fetch(`${server.url}${USERS}`, { method: "PUT" });
    expect(put.status).toBe(405);
    expect(await put.json()).toMatchObject({ status: "Failed", errMsg: "ACCESS_DENIED", detailMsg: "Request method 'PUT' not supported" });
    const unknown = await fetch(`${server.url}/services/openapi/v1.0/user/nothing`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ status: "Failed", errMsg: "NOT_FOUND" });
    const foreign = await fetch(`${server.url}/elsewhere`);
    expect(foreign.status).toBe(404);
    expect(server.validationErrors).toEqual([]);
  });
});
