import { createWorkplaceClient, YeastarApiError, type WorkplaceClient } from "@yeastar-openapi/client";
import { startMockServer, type MockServer } from "@yeastar-openapi/mock-server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

/**
 * Rooms, meetings and user groups as a lifecycle, through the built client against the built mock on 127.0.0.1,
 * with the mock's clock set by the test (`now`), so time-dependent rules are tested without waiting.
 */

const HOUR = 3600;
// A fixed moment on the hour (2030-01-07 09:00 UTC), far from the spec examples' 2023 dates.
const START = Date.UTC(2030, 0, 7, 9) / 1000;

let clock = START;
let server: MockServer;
let wp: WorkplaceClient;

beforeEach(async () => {
  clock = START;
  server = await startMockServer({ now: () => clock * 1000, collections: { WorkplaceMeetingRoom: 8, WorkplaceMeeting: 20, WorkplaceUser: 12 } });
  wp = createWorkplaceClient({ baseUrl: server.url, ...server.credentials.workplace, maxRetries: 0 });
});
afterEach(async () => {
  expect(server.validationErrors).toEqual([]);
  await server.close();
});

async function rooms(): Promise<Array<{ roomId: number; name?: string }>> {
  return wp.paginate("/services/openapi/v1.0/room/room_list", { params: { query: { pageSize: 50 } } }).toArray();
}

/** A room no seeded meeting uses (the mock books its seeded meetings into the first five rooms). */
async function freeRoom(): Promise<number> {
  const all = await rooms();
  const busy = new Set(server.dataset.collections.WorkplaceMeeting!.map((m) => m.roomId));
  const free = all.find((r) => !busy.has(r.roomId));
  if (!free) throw new Error("no free room in the mock's data");
  return free.roomId;
}

function member(i: number): number {
  return server.dataset.collections.WorkplaceUser![i]!.memberId as number;
}

async function book(roomId: number, start: number, end: number, extra: Record<string, unknown> = {}): Promise<void> {
  await wp.POST("/services/openapi/v1.0/room/meeting_create", {
    body: { subject: "Planning", startTime: start, endTime: end, hostId: member(0), participantIds: [member(1)], roomId, ...extra },
  });
}

async function meetingsIn(roomId: number, from = START - 24 * HOUR, to = START + 60 * 24 * HOUR) {
  return wp
    .paginate("/services/openapi/v1.0/room/meeting_list", { params: { query: { roomIds: String(roomId), startTime: from, endTime: to, pageSize: 50 } } })
    .toArray();
}

async function refusal(call: Promise<unknown>): Promise<YeastarApiError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(YeastarApiError);
  return error as YeastarApiError;
}

describe("rooms and meetings", () => {
  it("books a meeting, lists it in its room, and refuses an overlapping booking", async () => {
    const roomId = await freeRoom();
    await book(roomId, START + HOUR, START + 2 * HOUR);
    const listed = await meetingsIn(roomId);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ roomId, startTime: START + HOUR, endTime: START + 2 * HOUR, hostId: member(0), status: "NOT_STARTED" });
    expect(listed[0]!.meetingId).toEqual(expect.any(String));

    const clash = await refusal(book(roomId, START + HOUR + 1800, START + 3 * HOUR));
    expect(clash.status).toBe(409);
    expect(clash.code).toBe("ROOM_BOOKED");
    expect(clash.detail).toContain(listed[0]!.meetingId);
    // Back to back is not an overlap, and the same slot in another room is free.
    await book(roomId, START + 2 * HOUR, START + 3 * HOUR);
    const other = (await rooms()).find((r) => r.roomId !== roomId && !server.dataset.collections.WorkplaceMeeting!.some((m) => m.roomId === r.roomId))!;
    await book(other.roomId, START + HOUR, START + 2 * HOUR);
    expect(await meetingsIn(roomId)).toHaveLength(2);
  });

  it("checks in: the meeting becomes STARTED, only for its organizer, and can no longer be deleted", async () => {
    const roomId = await freeRoom();
    await book(roomId, START + HOUR, START + 2 * HOUR);
    const [meeting] = await meetingsIn(roomId);
    // An hour before: nothing to check in to yet.
    expect((await refusal(wp.POST("/services/openapi/v1.0/room/check_in", { body: { memberId: member(0), roomId } }))).status).toBe(404);

    clock = START + HOUR - 600; // ten minutes before the start
    expect((await meetingsIn(roomId))[0]!.status).toBe("WILL_START");
    expect((await refusal(wp.POST("/services/openapi/v1.0/room/check_in", { body: { memberId: member(1), roomId } }))).status).toBe(403);
    const { data } = await wp.POST("/services/openapi/v1.0/room/check_in", { body: { memberId: member(0), roomId } });
    expect(data.data).toEqual({ meetingId: meeting!.meetingId, meetingStatus: "STARTED" });
    const detail = await wp.GET("/services/openapi/v1.0/room/meeting_detail", { params: { query: { meetingId: meeting!.meetingId! } } });
    expect(detail.data.data.status).toBe("STARTED");

    const refused = await refusal(wp.DELETE("/services/openapi/v1.0/room/meeting_delete", { params: { query: { meetingId: meeting!.meetingId! } } }));
    expect(refused.code).toBe("MEETING_STARTED");
  });

  it("open_door lets the organizer and participants in during the meeting, and no one after it", async () => {
    const roomId = await freeRoom();
    await book(roomId, START + HOUR, START + 2 * HOUR);
    const [meeting] = await meetingsIn(roomId);
    const door = async (memberId: number) =>
      (await wp.POST("/services/openapi/v1.0/device/open_door", { body: { memberId, roomId } })).data.data;

    expect(await door(member(1))).toBeUndefined(); // an hour early
    clock = START + HOUR + 60;
    expect(await door(member(1))).toEqual({ meetingId: meeting!.meetingId, meetingStatus: "WILL_START" });
    expect(await door(member(0))).toEqual({ meetingId: meeting!.meetingId, meetingStatus: "WILL_START" });
    expect(await door(member(5))).toBeUndefined(); // not invited
    clock = START + 2 * HOUR; // the meeting is over
    expect(await door(member(1))).toBeUndefined();
    expect((await meetingsIn(roomId))[0]!.status).toBe("ENDED");
  });

  describe("deleting a recurring meeting", () => {
    // A weekly meeting: four occurrences (the mock's expansion), the first one tomorrow.
    async function weekly(): Promise<{ roomId: number; ids: string[] }> {
      const roomId = await freeRoom();
      await book(roomId, START + 24 * HOUR, START + 25 * HOUR, { repeat: { type: "WEEKLY" } });
      const listed = await meetingsIn(roomId);
      expect(listed.map((m) => m.startTime)).toEqual([0, 1, 2, 3].map((w) => START + 24 * HOUR + w * 7 * 24 * HOUR));
      return { roomId, ids: listed.map((m) => m.meetingId!) };
    }
    const remove = (meetingId: string, deleteScope?: "ALL" | "SELECTED" | "SELECTED_AND_AFTER") =>
      wp.DELETE("/services/openapi/v1.0/room/meeting_delete", { params: { query: { meetingId, ...(deleteScope ? { deleteScope } : {}) } } });

    it("SELECTED removes only that occurrence", async () => {
      const { roomId, ids } = await weekly();
      await remove(ids[1]!, "SELECTED");
      expect((await meetingsIn(roomId)).map((m) => m.meetingId)).toEqual([ids[0], ids[2], ids[3]]);
    });

    it("SELECTED_AND_AFTER removes that occurrence and the later ones", async () => {
      const { roomId, ids } = await weekly();
      await remove(ids[2]!, "SELECTED_AND_AFTER");
      expect((await meetingsIn(roomId)).map((m) => m.meetingId)).toEqual([ids[0], ids[1]]);
    });

    it("ALL (the default) removes every occurrence that has not started", async () => {
      const { roomId, ids } = await weekly();
      clock = START + 24 * HOUR + 60; // the first occurrence has started
      await remove(ids[2]!);
      expect((await meetingsIn(roomId)).map((m) => m.meetingId)).toEqual([ids[0]]);
      const again = await refusal(remove(ids[0]!, "ALL"));
      expect(again.code).toBe("MEETING_STARTED");
    });
  });

  it("the seeded meetings sit in the seeded rooms around the clock's hour", async () => {
    const all = await wp.paginate("/services/openapi/v1.0/room/meeting_list", { params: { query: { pageSize: 50 } } }).toArray();
    const roomIds = new Set((await rooms()).map((r) => r.roomId));
    expect(all).toHaveLength(20);
    for (const m of all) expect(roomIds.has(m.roomId!)).toBe(true);
    expect(new Set(all.map((m) => m.status))).toEqual(new Set(["ENDED", "WILL_START", "NOT_STARTED"]));
  });

  it("deleting a room cancels its meetings", async () => {
    const roomId = await freeRoom();
    await book(roomId, START + HOUR, START + 2 * HOUR);
    await wp.DELETE("/services/openapi/v1.0/room/room_delete/{roomId}", { params: { path: { roomId } } });
    expect(await meetingsIn(roomId)).toEqual([]);
    const gone = await refusal(wp.GET("/services/openapi/v1.0/room/room_detail/{roomId}", { params: { path: { roomId } } }));
    expect(gone.status).toBe(404);
  });
});

describe("user groups", () => {
  it("refuses to delete a group while it has members, and deletes it once empty", async () => {
    const created = await wp.POST("/services/openapi/v1.0/user/group_create", { body: { groupName: "Facilities", memberIds: [member(2), member(3)] } });
    const groupId = created.data.data!.groupId!;
    const got = await wp.GET("/services/openapi/v1.0/user/group_detail/{groupId}", { params: { path: { groupId } } });
    expect(got.data.data).toEqual({ groupId, groupName: "Facilities" });
    const user = await wp.GET("/services/openapi/v1.0/user/user_detail/{memberId}", { params: { path: { memberId: member(2) } } });
    expect(JSON.stringify(user.data)).toContain(String(groupId));

    const refused = await refusal(wp.DELETE("/services/openapi/v1.0/user/group_delete/{groupId}", { params: { path: { groupId } } }));
    expect(refused.code).toBe("GROUP_NOT_EMPTY");
    expect(refused.status).toBe(409);

    await wp.PUT("/services/openapi/v1.0/user/group_update", { body: { groupId, memberIds: [] } });
    const deleted = await wp.DELETE("/services/openapi/v1.0/user/group_delete/{groupId}", { params: { path: { groupId } } });
    expect(deleted.data.data).toEqual({ groupId });
    expect((await refusal(wp.GET("/services/openapi/v1.0/user/group_detail/{groupId}", { params: { path: { groupId } } }))).status).toBe(404);
  });
});

describe("event subscription", () => {
  it("records the event types, and ALL as every one the spec lists", async () => {
    expect(server.subscriptions.workplace).toBeUndefined();
    await wp.POST("/services/openapi/v1.0/integration/subscribe", { body: { eventTypes: ["MEETING_CREATED", "MEETING_CHECKED_IN"] } });
    expect(server.subscriptions.workplace).toEqual(["MEETING_CREATED", "MEETING_CHECKED_IN"]);
    await wp.POST("/services/openapi/v1.0/integration/subscribe", { body: { eventTypes: ["ALL"] } });
    expect(server.subscriptions.workplace).toHaveLength(8);
    expect(server.subscriptions.workplace).toContain("MEETING_REACHED_END_TIME");
  });
});
