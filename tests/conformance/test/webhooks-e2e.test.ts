import { createWorkplaceClient, createYcmClient, type WorkplaceClient } from "@yeastar-openapi/client";
import { startMockServer, type MockServer, type MockServerOptions } from "@yeastar-openapi/mock-server";
import { afterEach, describe, expect, it } from "vitest";
import { startTestReceiver } from "./webhook-receiver.js";

/**
 * Webhooks end to end: the built client calls the built mock on 127.0.0.1, the mock pushes the events those calls
 * cause to a real receiver on 127.0.0.1 built from the client's own receiver (createNodeWebhookHandler for YCM,
 * createWebhookHandler for Workplace), which verifies, parses and de-duplicates them.
 */

const HOUR = 3600;
const SECRET = "e2eSecret-0123456789abcdefABCDEF";
// A fixed moment on the hour, far from the spec examples' dates.
const START = Date.UTC(2030, 0, 7, 9) / 1000;

let clock = START;
const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanup.splice(0).map((c) => c()));
});

/** A receiver, and a mock that pushes to it: YCM to `/ycm` (signed with SECRET), Workplace to the callback URI. */
async function withTargets(targets: Array<"ycm" | "workplace">, more: MockServerOptions = {}, receiverOptions: { failFirst?: number } = {}) {
  clock = START;
  const receiver = await startTestReceiver({ ycmSecret: SECRET, ...receiverOptions });
  cleanup.push(() => receiver.close());
  const server = await startMockServer({
    now: () => clock * 1000,
    collections: { WorkplaceMeetingRoom: 8, WorkplaceMeeting: 20 },
    ...(targets.includes("ycm") ? { ycmWebhooks: [{ url: `${receiver.url}/ycm`, secret: SECRET }] } : {}),
    ...(targets.includes("workplace") ? { workplaceCallbackUri: receiver.workplaceCallbackUri } : {}),
    ...more,
  });
  cleanup.push(() => server.close());
  return { server, receiver };
}

describe("YCM: the mock's pushes reach a verifying receiver", () => {
  it("a DID binding change and a resize arrive as two verified events", async () => {
    const { server, receiver } = await withTargets(["ycm"]);
    const ycm = createYcmClient({ baseUrl: server.url, ...server.credentials.ycm, maxRetries: 0 });
    const pbx = server.dataset.collections.YcmCloudPbx!.find((p) => p.sn !== undefined)!;
    const did = server.dataset.collections.YcmDidNumber!.find((d) => d.cloudPbxId === undefined)!;
    await ycm.PUT("/dm/open_api/v1/cloud_pbx/instances/{cloudPbxId}/did", {
      params: { path: { cloudPbxId: pbx.cloudPbxId } },
      body: { trunkDidRelations: [{ trunkId: did.trunkIds[0], didIds: [did.id] }] },
    });
    await ycm.PUT("/dm/open_api/v1/cloud_pbx/instances/{cloudPbxId}/capacity", {
      params: { path: { cloudPbxId: pbx.cloudPbxId } },
      body: { extensionCapacity: 30, concurrentCallCapacity: 6, recordingStatus: "Enabled", recordingCapacity: 900 },
    });
    await server.webhooksIdle();

    expect(receiver.requests).toEqual([
      { route: "ycm", status: 200 },
      { route: "ycm", status: 200 },
    ]);
    // Verified and typed: the receiver tells the two events apart by their shape.
    expect(receiver.ycmEvents.map((e) => e.type)).toEqual(["pceDidChange", "pceCapacityChange"]);
    const [didChange, capacity] = receiver.ycmEvents.map((e) => e.data as Array<Record<string, any>>);
    expect(didChange![0]).toMatchObject({ event: "did_change", sn: pbx.sn });
    expect(didChange![0]!.trunkDidInfoList).toContainEqual(expect.objectContaining({ did: String(did.did), didId: String(did.id) }));
    expect(capacity).toEqual([{ sn: pbx.sn, repository: { extensions: "30", concurrentCalls: "6", recordingCapacity: "900", enableCallRecording: "yes" }, updateTime: START }]);
    expect(server.validationErrors).toEqual([]);
  });
});

describe("Workplace: the documented sequence reaches the callback", () => {
  async function client(server: MockServer): Promise<{ wp: WorkplaceClient; roomId: number; hostId: number }> {
    const wp = createWorkplaceClient({ baseUrl: server.url, ...server.credentials.workplace, maxRetries: 0 });
    const busy = new Set(server.dataset.collections.WorkplaceMeeting!.map((m) => m.roomId));
    const roomId = server.dataset.collections.WorkplaceMeetingRoom!.find((r) => !busy.has(r.roomId))!.roomId as number;
    const hostId = server.dataset.collections.WorkplaceUser![0]!.memberId as number;
    await wp.POST("/services/openapi/v1.0/integration/subscribe", { body: { eventTypes: ["ALL"] } });
    return { wp, roomId, hostId };
  }

  it("booked, time changed, checked in and cancelled: CREATED, DELETED + CREATED, CHECKED_IN, DELETED", async () => {
    const { server, receiver } = await withTargets(["workplace"]);
    const { wp, roomId, hostId } = await client(server);
    const start = START + HOUR;
    // A weekly series: the first meeting is moved and checked in, the rest of the series is cancelled.
    await wp.POST("/services/openapi/v1.0/room/meeting_create", { body: { subject: "Sync", roomId, hostId, startTime: start, endTime: start + 1800, repeat: { type: "WEEKLY" } } });
    const series = server.dataset.collections.WorkplaceMeeting!.filter((m) => m.roomId === roomId);
    const first = series.find((m) => m.startTime === start)!;
    await wp.PUT("/services/openapi/v1.0/room/meeting_update", { body: { meetingId: first.meetingId, startTime: start + 1800, endTime: start + 3600 } });
    clock = start + 1800 - 300;
    await wp.POST("/services/openapi/v1.0/room/check_in", { body: { roomId, memberId: hostId } });
    const next = series.find((m) => m.startTime === start + 7 * 24 * HOUR)!;
    await wp.DELETE("/services/openapi/v1.0/room/meeting_delete", { params: { query: { meetingId: next.meetingId, deleteScope: "ALL" } } });
    await server.webhooksIdle();

    const events = receiver.workplaceEvents.map((e) => e as { eventType: string; data: { meetingId: string } });
    expect(receiver.requests.every((r) => r.status === 200)).toBe(true);
    expect(events.map((e) => e.eventType)).toEqual([
      ...Array(4).fill("MEETING_CREATED"),
      "MEETING_DELETED",
      "MEETING_CREATED",
      "MEETING_CHECKED_IN",
      ...Array(3).fill("MEETING_DELETED"),
    ]);
    expect(events.slice(4, 7).map((e) => e.data.meetingId)).toEqual([first.meetingId, first.meetingId, first.meetingId]);
    expect(events.slice(7).map((e) => e.data.meetingId).sort()).toEqual(series.filter((m) => m !== first).map((m) => m.meetingId).sort());
    expect(server.validationErrors).toEqual([]);
  });

  it("on the real clock, a meeting nobody checks in to or out of brings REACHED_START_TIME, then REACHED_END_TIME", async () => {
    const { server, receiver } = await withTargets(["workplace"], { now: () => Date.now() });
    const { wp, roomId, hostId } = await client(server);
    // A few seconds ahead, so the booking is answered before the start on a busy machine.
    const startTime = Math.floor(Date.now() / 1000) + 3;
    await wp.POST("/services/openapi/v1.0/room/meeting_create", { body: { subject: "Clock", roomId, hostId, startTime, endTime: startTime + 1 } });
    const deadline = Date.now() + 10_000;
    while (receiver.workplaceEvents.length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    await server.webhooksIdle();

    const events = receiver.workplaceEvents.map((e) => e as { eventType: string; data: Record<string, unknown> });
    expect(events.map((e) => e.eventType)).toEqual(["MEETING_CREATED", "MEETING_REACHED_START_TIME", "MEETING_REACHED_END_TIME"]);
    const meetingId = events[0]!.data.meetingId;
    expect(events[1]!.data).toMatchObject({ roomId, meetingId });
    expect(events[2]!.data).toMatchObject({ roomId, meetingId, endTime: startTime + 1 });
    expect(receiver.requests.every((r) => r.status === 200)).toBe(true);
    expect(server.validationErrors).toEqual([]);
  });

  it("a receiver that answers 500 twice gets the same event three times; de-duplication hands it over once", async () => {
    const { server, receiver } = await withTargets(["workplace"], { webhookRetryDelaysMs: [10, 20, 40] }, { failFirst: 2 });
    const { wp, roomId, hostId } = await client(server);
    await wp.POST("/services/openapi/v1.0/room/meeting_create", { body: { subject: "Retry", roomId, hostId, startTime: START + HOUR, endTime: START + 2 * HOUR } });
    await server.webhooksIdle();
    expect(receiver.requests.map((r) => r.status)).toEqual([500, 500, 200]);
    // The handler saw all three deliveries; onEvent got the event once.
    const sent = server.webhookDeliveries.map((d) => d.eventId);
    expect(new Set(sent).size).toBe(1);
    expect(sent).toHaveLength(3);
    expect(receiver.workplaceEvents).toHaveLength(1);
    expect(receiver.workplaceEvents[0]).toMatchObject({ eventId: sent[0], eventType: "MEETING_CREATED" });
  });
});
