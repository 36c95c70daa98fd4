import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { loadSpec } from "@yeastar-openapi/spec-model";
import { describe, expect, it } from "vitest";
import type { Item, MockServer } from "../src/index.js";
import { MeetingClock } from "../src/webhooks/meeting-clock.js";
import { start, wpCall } from "./helpers.js";
import { startReceiver } from "./receiver.js";
import { payloadProblems } from "./webhook-schema.js";

/**
 * MEETING_REACHED_START_TIME and MEETING_REACHED_END_TIME follow the real clock: meetings are booked a second or two
 * ahead and the test waits for them (a few seconds in all), with a real receiver on 127.0.0.1.
 */

const REACHED = ["MEETING_REACHED_START_TIME", "MEETING_REACHED_END_TIME"];

/**
 * Rooms with no generated meeting (those are booked into the first five) and with a name (generated records omit
 * optional fields some of the time; every meeting event carries the room's name).
 */
const freeRooms = (server: MockServer): Item[] => server.dataset.collections.WorkplaceMeetingRoom!.slice(5).filter((r) => typeof r.name === "string");

const sleepUntil = (unixS: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, unixS * 1000 - Date.now())));

describe("Workplace time-driven meeting events", () => {
  it("sends START_TIME when nobody checked in and END_TIME when nobody checked out; none for a cancelled meeting; re-armed when times change", async () => {
    const r = await startReceiver();
    const server = await start({ workplaceCallbackUri: `${r.url}/wp`, collections: { WorkplaceMeetingRoom: 16, WorkplaceMeeting: 10 } });
    const rooms = freeRooms(server);
    expect(rooms.length).toBeGreaterThanOrEqual(4);
    const [idle, checkedIn, cancelled, moved] = rooms as [Item, Item, Item, Item];
    const hostId = server.dataset.collections.WorkplaceUser![0]!.memberId as number;
    expect((await wpCall(server, "POST", "/integration/subscribe", { eventTypes: REACHED })).status).toBe(200);

    // Far enough ahead for the calls below to be answered before it, on a busy machine.
    const startTime = Math.floor(Date.now() / 1000) + 4;
    const endTime = startTime + 1;
    const book = async (room: Item, s = startTime, e = endTime): Promise<Item> => {
      expect((await wpCall(server, "POST", "/room/meeting_create", { subject: "Clock", roomId: room.roomId, hostId, startTime: s, endTime: e })).status).toBe(200);
      return server.dataset.collections.WorkplaceMeeting!.find((m) => m.roomId === room.roomId)!;
    };
    const a = await book(idle);
    const b = await book(checkedIn);
    expect((await wpCall(server, "POST", "/room/check_in", { roomId: checkedIn.roomId, memberId: hostId })).status).toBe(200);
    const c = await book(cancelled);
    expect((await wpCall(server, "DELETE", `/room/meeting_delete?meetingId=${encodeURIComponent(c.meetingId)}`)).status).toBe(200);
    // Booked an hour ahead, then moved to now: its checks follow the new times.
    const d = await book(moved, startTime + 3600, startTime + 7200);
    expect((await wpCall(server, "PUT", "/room/meeting_update", { meetingId: d.meetingId, startTime, endTime })).status).toBe(200);
    expect(Date.now()).toBeLessThan(startTime * 1000);

    // A start for `a` and `d`, an end for `a`, `b` and `d`; then a second more, for anything that should not come.
    await Promise.race([r.waitFor(5), sleepUntil(endTime + 3)]);
    await sleepUntil(endTime + 1);
    await server.webhooksIdle();

    const events = r.received.map((x) => x.json);
    const seen = events.map((e) => `${e.eventType} ${e.data.meetingId}`).sort();
    expect(seen).toEqual(
      [
        `MEETING_REACHED_START_TIME ${a.meetingId}`,
        `MEETING_REACHED_START_TIME ${d.meetingId}`,
        `MEETING_REACHED_END_TIME ${a.meetingId}`,
        `MEETING_REACHED_END_TIME ${b.meetingId}`,
        `MEETING_REACHED_END_TIME ${d.meetingId}`,
      ].sort(),
    );
    for (const e of events) expect(payloadProblems("workplace", e.eventType, e)).toEqual([]);
    const startOfA = events.find((e) => e.eventType === "MEETING_REACHED_START_TIME" && e.data.meetingId === a.meetingId);
    expect(startOfA.data).toEqual({ roomId: idle.roomId, roomName: idle.name, meetingId: a.meetingId });
    expect(startOfA.eventCreatedTime).toBeGreaterThanOrEqual(startTime);
    const endOfA = events.find((e) => e.eventType === "MEETING_REACHED_END_TIME" && e.data.meetingId === a.meetingId);
    expect(endOfA.data).toEqual({ endTime, roomId: idle.roomId, roomName: idle.name, meetingId: a.meetingId });
    expect(endOfA.eventCreatedTime).toBeGreaterThanOrEqual(endTime);
    // The start event of a meeting comes before its end event.
    expect(events.indexOf(startOfA)).toBeLessThan(events.indexOf(endOfA));
    expect(server.validationErrors).toEqual([]);
  });

  it("a meeting ended (checked out) before its end time gets no END_TIME event", async () => {
    const r = await startReceiver();
    const server = await start({ workplaceCallbackUri: r.url, collections: { WorkplaceMeetingRoom: 12, WorkplaceMeeting: 5 } });
    const room = freeRooms(server)[0]!;
    const hostId = server.dataset.collections.WorkplaceUser![0]!.memberId as number;
    expect((await wpCall(server, "POST", "/integration/subscribe", { eventTypes: ["ALL"] })).status).toBe(200);
    const startTime = Math.floor(Date.now() / 1000) + 1;
    expect((await wpCall(server, "POST", "/room/meeting_create", { subject: "Short", roomId: room.roomId, hostId, startTime, endTime: startTime + 1 })).status).toBe(200);
    const m = server.dataset.collections.WorkplaceMeeting!.find((x) => x.roomId === room.roomId)!;
    expect((await wpCall(server, "POST", "/room/check_in", { roomId: room.roomId, memberId: hostId })).status).toBe(200);
    expect((await wpCall(server, "POST", "/room/end", { meetingId: m.meetingId })).status).toBe(200);
    await sleepUntil(startTime + 2);
    await server.webhooksIdle();
    expect(r.received.map((x) => x.json.eventType)).toEqual(["MEETING_CREATED", "MEETING_CHECKED_IN", "MEETING_CHECKED_OUT"]);
  });

  it("sends nothing once the server is closed", async () => {
    const r = await startReceiver();
    const server = await start({ workplaceCallbackUri: r.url, collections: { WorkplaceMeetingRoom: 12, WorkplaceMeeting: 5 } });
    const room = freeRooms(server)[0]!;
    const hostId = server.dataset.collections.WorkplaceUser![0]!.memberId as number;
    expect((await wpCall(server, "POST", "/integration/subscribe", { eventTypes: REACHED })).status).toBe(200);
    const startTime = Math.floor(Date.now() / 1000) + 1;
    expect((await wpCall(server, "POST", "/room/meeting_create", { subject: "Gone", roomId: room.roomId, hostId, startTime, endTime: startTime + 1 })).status).toBe(200);
    await server.close();
    await sleepUntil(startTime + 2);
    expect(r.received).toEqual([]);
    expect(server.webhookDeliveries).toEqual([]);
  });
});

describe("MeetingClock timers", () => {
  const model = loadSpec("workplace");
  const HOUR_MS = 3600_000;

  function clockWith(meetings: Item[], nowMs: number, horizonMs?: number) {
    const dataset = { seed: 1, collections: { WorkplaceMeeting: meetings, WorkplaceMeetingRoom: [{ roomId: 1, name: "Room 1" }] } };
    const emitted: unknown[] = [];
    const clock = new MeetingClock({ model, state: { dataset, now: () => nowMs }, emit: (e) => emitted.push(...e), fail: (_w, e) => { throw e; }, ...(horizonMs ? { horizonMs } : {}) });
    return { clock, dataset, emitted };
  }

  it("arms a start and an end check per meeting, one sweep for meetings beyond the horizon, and clears them all", () => {
    const now = Date.UTC(2030, 0, 7, 9);
    const s = now / 1000;
    const soon: Item = { meetingId: "soon", roomId: 1, startTime: s + 600, endTime: s + 1800 };
    const later: Item = { meetingId: "later", roomId: 1, startTime: s + 48 * 3600, endTime: s + 49 * 3600 };
    const { clock, dataset } = clockWith([soon, later], now, 24 * HOUR_MS);
    clock.track(["soon", "later"]);
    expect(clock.pending).toBe(3);
    // Checked in: no start check left; cancelled: nothing left for it.
    soon.checkedInTime = s;
    clock.sync();
    expect(clock.pending).toBe(2);
    dataset.collections.WorkplaceMeeting = [later];
    clock.sync();
    expect(clock.pending).toBe(1);
    clock.track([]);
    clock.close();
    expect(clock.pending).toBe(0);
    // Nothing is armed after close.
    dataset.collections.WorkplaceMeeting = [soon, later];
    clock.track(["soon"]);
    expect(clock.pending).toBe(0);
  });

  it("a process that booked meetings and closed its mock exits by itself", async () => {
    const index = fileURLToPath(new URL("../dist/index.js", import.meta.url));
    const script = `
      const { startMockServer } = await import(${JSON.stringify(index)});
      const server = await startMockServer({ workplaceCallbackUri: "http://127.0.0.1:9/none", collections: { WorkplaceMeetingRoom: 6, WorkplaceMeeting: 5 } });
      const { clientId, clientSecret } = server.credentials.workplace;
      const token = await fetch(server.url + "/services/openapi/v1.0/authentication/get_token", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ client_id: clientId, client_secret: clientSecret }) }).then((r) => r.json());
      const at = token.access_token;
      const s = Math.floor(Date.now() / 1000) + 600;
      const res = await fetch(server.url + "/services/openapi/v1.0/room/meeting_create", { method: "POST", headers: { authorization: "Bearer " + at, "content-type": "application/json" }, body: JSON.stringify({ subject: "Exit", roomId: server.dataset.collections.WorkplaceMeetingRoom[5].roomId, hostId: server.dataset.collections.WorkplaceUser[0].memberId, startTime: s, endTime: s + 600 }) });
      if (res.status !== 200) { console.error("booking failed", res.status); process.exitCode = 2; }
      await server.close();
    `;
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | "hung">((resolve) => {
      const guard = setTimeout(() => {
        child.kill();
        resolve("hung");
      }, 15_000);
      child.on("exit", (c) => {
        clearTimeout(guard);
        resolve(c ?? -1);
      });
    });
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
  }, 20_000);
});
