import { loadSpec } from "@yeastar-openapi/spec-model";
import { describe, expect, it } from "vitest";
import type { Item } from "../src/index.js";
import { start, workplaceGet, workplaceToken } from "./helpers.js";

const USERS = "/services/openapi/v1.0/user/user_list";

describe("Workplace users list", () => {
  it("pages through all 61 users exactly once in the success envelope (no time field)", async () => {
    const server = await start({ workplaceUsers: 61 });
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
      seen.push(...body.data.list.map((u: Item) => u.userId));
    }
    expect(sizes).toEqual([20, 20, 20, 1]);
    expect(seen).toEqual(server.dataset.collections.WorkplaceUser!.map((u) => u.userId));
    const beyond = await workplaceGet(server, `${USERS}?pageSize=20&pageNo=5`, access_token);
    expect(beyond.body.data).toEqual({ pageSize: 20, pageNo: 5, total: 61, list: [] });
  });

  it("uses the mock's defaults pageSize 10 and pageNo 1, and enforces no maximum", async () => {
    const server = await start({ workplaceUsers: 61 });
    const token = (await workplaceToken(server)).access_token;
    const { body } = await workplaceGet(server, USERS, token);
    expect(body.data).toMatchObject({ pageSize: 10, pageNo: 1, total: 61 });
    expect(body.data.list).toEqual(server.dataset.collections.WorkplaceUser!.slice(0, 10));
    const big = await workplaceGet(server, `${USERS}?pageSize=1000`, token);
    expect(big.body.data.list).toHaveLength(61);
  });

  it("searches email, names and phone case-insensitively", async () => {
    const server = await start();
    const token = (await workplaceToken(server)).access_token;
    const users = server.dataset.collections.WorkplaceUser!;
    const matches = (keyword: string): Item[] => {
      const k = keyword.toLowerCase();
      return users.filter((u) =>
        [u.email, u.firstName, u.lastName, u.lastName ? `${u.firstName} ${u.lastName}` : undefined, u.phone, String(u.userId), String(u.memberId), u.idCode, u.roleName, u.inviteStatus, u.preferredBuildingName, u.preferredFloorName].some(
          (v) => typeof v === "string" && v.toLowerCase().includes(k),
        ),
      );
    };
    const withPhone = users.find((u) => u.phone);
    const withLast = users.find((u) => u.lastName && u.firstName);
    const keywords = [users.find((u) => u.email)?.email.toUpperCase() ?? "", `${withLast?.firstName} ${withLast?.lastName}`, withPhone?.phone?.slice(-6) ?? ""];
    for (const keyword of keywords) {
      const expected = matches(keyword);
      expect(expected.length, keyword).toBeGreaterThan(0);
      const { body } = await workplaceGet(server, `${USERS}?pageSize=100&query=${encodeURIComponent(keyword)}`, token);
      expect(body.data.total, keyword).toBe(expected.length);
      expect(body.data.list.map((u: Item) => u.userId), keyword).toEqual(expected.map((u) => u.userId));
    }
  });

  it("omits optional fields some of the time, like the vendor's examples", async () => {
    const server = await start();
    const { body } = await workplaceGet(server, `${USERS}?pageSize=100`);
    const list = body.data.list as Array<Record<string, unknown>>;
    expect(list.some((u) => !("preferredBuildingName" in u))).toBe(true);
    expect(list.some((u) => "preferredBuildingName" in u)).toBe(true);
    const required = loadSpec("workplace").schema("WorkplaceUser").required as string[];
    expect(required.length).toBeGreaterThan(0);
    for (const u of list) for (const field of required) expect(u).toHaveProperty(field);
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

describe("Workplace meeting rooms list filters", () => {
  const ROOMS = "/services/openapi/v1.0/room/room_list";

  it("reads `type` and `roomIds` as comma-separated lists of the rooms' type and roomId", async () => {
    const server = await start();
    const token = (await workplaceToken(server)).access_token;
    const rooms = server.dataset.collections.WorkplaceMeetingRoom!;
    const types = [...new Set(rooms.map((r) => r.type as string))];
    expect(types.length).toBeGreaterThan(1);
    const wantedTypes = types.slice(0, 2);
    const byType = await workplaceGet(server, `${ROOMS}?pageSize=1000&type=${wantedTypes.join(",")}`, token);
    expect(byType.status).toBe(200);
    expect(byType.body.data.list.map((r: Item) => r.roomId)).toEqual(rooms.filter((r) => wantedTypes.includes(r.type as string)).map((r) => r.roomId));

    const ids = [rooms[0]!.roomId, rooms[2]!.roomId];
    const byIds = await workplaceGet(server, `${ROOMS}?pageSize=1000&roomIds=${ids.join(",")}`, token);
    expect(byIds.body.data.list.map((r: Item) => r.roomId)).toEqual(ids);
    expect(byIds.body.data.total).toBe(2);
  });
});
