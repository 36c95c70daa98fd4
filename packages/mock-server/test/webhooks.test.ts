import { loadSpec } from "@yeastar-openapi/spec-model";
import { describe, expect, it } from "vitest";
import type { Item, MockLogEvent, MockServer } from "../src/index.js";
import { EMITTED, EMITTERS } from "../src/webhooks/emitters.js";
import { start, UA, wpCall, ycmToken } from "./helpers.js";
import { signatureValid, startReceiver } from "./receiver.js";
import { payloadProblems } from "./webhook-schema.js";

const SECRET = "0123456789abcdef0123456789abcdef";

async function ycmCall(server: MockServer, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const { access_token } = await ycmToken(server);
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...UA, authorization: `Bearer ${access_token}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: await res.json() };
}

const collection = (server: MockServer, name: string): Item[] => server.dataset.collections[name]!;

/** A Cloud PBX with a serial number (generated records omit optional fields some of the time; events need `sn`). */
function pbxWithSn(server: MockServer, i = 0): Item {
  return collection(server, "YcmCloudPbx").filter((p) => p.sn !== undefined)[i]!;
}

/** Two DIDs bound to no Cloud PBX, on their first trunk. */
function unboundDids(server: MockServer): Item[] {
  return collection(server, "YcmDidNumber")
    .filter((d) => d.cloudPbxId === undefined)
    .slice(0, 2);
}

describe("YCM webhooks", () => {
  it("signs each push with its webhook's secret over the exact bytes sent, and each push validates against the spec", async () => {
    const a = await startReceiver();
    const b = await startReceiver();
    const server = await start({ ycmWebhooks: [{ url: `${a.url}/ycm`, secret: SECRET }, `${b.url}/hook`] });
    const generated = server.webhooks.ycm[1]!.secret;
    expect(generated).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(generated).not.toBe(SECRET);

    const pbx = pbxWithSn(server);
    const dids = unboundDids(server);
    const trunkId = (dids[0]!.trunkIds as number[])[0]!;
    const changed = await ycmCall(server, "PUT", `/dm/open_api/v1/cloud_pbx/instances/${pbx.cloudPbxId}/did`, {
      trunkDidRelations: [{ trunkId, didIds: dids.map((d) => d.id) }],
    });
    expect(changed.status).toBe(200);
    await server.webhooksIdle();

    const [toA] = await a.waitFor(1);
    const [toB] = await b.waitFor(1);
    expect(toA!.path).toBe("/ycm");
    expect(toA!.headers["content-type"]).toBe("application/json");
    expect(signatureValid(toA!.raw, toA!.headers["x-signature"], SECRET)).toBe(true);
    expect(signatureValid(toB!.raw, toB!.headers["x-signature"], generated)).toBe(true);
    // Each webhook's own secret: the other's does not verify, and neither does a changed byte.
    expect(signatureValid(toA!.raw, toA!.headers["x-signature"], generated)).toBe(false);
    const flipped = Buffer.from(toA!.raw);
    flipped[flipped.length - 2]! ^= 1;
    expect(signatureValid(flipped, toA!.headers["x-signature"], SECRET)).toBe(false);

    expect(payloadProblems("ycm", "pceDidChange", toA!.json)).toEqual([]);
    const element = (toA!.json as Array<Record<string, any>>).find((e) => e.sn === pbx.sn);
    expect(element).toMatchObject({ event: "did_change", updateTime: expect.any(Number) });
    const bound = collection(server, "YcmDidNumber").filter((d) => d.cloudPbxId === String(pbx.cloudPbxId));
    expect(element!.trunkDidInfoList.map((d: { didId: string }) => d.didId).sort()).toEqual(bound.map((d) => String(d.id)).sort());
    expect(element!.trunkDidInfoList[0]).toMatchObject({ did: String(dids[0]!.did), trunkId: String(trunkId) });
    expect(server.validationErrors).toEqual([]);
    expect(server.webhookDeliveries.map((d) => [d.event, d.url, d.attempt, d.status, d.ok])).toEqual(
      expect.arrayContaining([
        ["pceDidChange", `${a.url}/ycm`, 1, 200, true],
        ["pceDidChange", `${b.url}/hook`, 1, 200, true],
      ]),
    );
  });

  it("resizing a Cloud PBX pushes PCE Capacity Change with the new capacities (as the strings the event carries)", async () => {
    const a = await startReceiver();
    const server = await start({ ycmWebhooks: [{ url: a.url, secret: SECRET }] });
    const pbx = pbxWithSn(server, 2);
    const resized = await ycmCall(server, "PUT", `/dm/open_api/v1/cloud_pbx/instances/${pbx.cloudPbxId}/capacity`, {
      extensionCapacity: 40,
      concurrentCallCapacity: 8,
      recordingStatus: "Disabled",
      recordingCapacity: 700,
    });
    expect(resized.status).toBe(200);
    const [push] = await a.waitFor(1);
    expect(signatureValid(push!.raw, push!.headers["x-signature"], SECRET)).toBe(true);
    expect(payloadProblems("ycm", "pceCapacityChange", push!.json)).toEqual([]);
    expect(push!.json).toEqual([
      {
        sn: pbx.sn,
        repository: { extensions: "40", concurrentCalls: "8", recordingCapacity: "700", enableCallRecording: "no" },
        updateTime: expect.any(Number),
      },
    ]);
  });

  it("deleting a bound DID pushes did_delete; deleting a Cloud PBX with DIDs pushes pce_delete", async () => {
    const a = await startReceiver();
    const server = await start({ ycmWebhooks: [{ url: a.url, secret: SECRET }] });
    const pbxOf = (d: Item): Item | undefined => collection(server, "YcmCloudPbx").find((p) => String(p.cloudPbxId) === d.cloudPbxId && p.sn !== undefined);
    const did = collection(server, "YcmDidNumber").find((d) => pbxOf(d))!;
    const pbx = pbxOf(did)!;
    expect((await ycmCall(server, "DELETE", "/dm/open_api/v1/did_management", { ids: [did.id] })).status).toBe(200);
    const [first] = await a.waitFor(1);
    expect(first!.json).toEqual([expect.objectContaining({ event: "did_delete", sn: pbx.sn })]);
    expect(first!.json[0].trunkDidInfoList.map((d: { didId: string }) => d.didId)).not.toContain(String(did.id));

    const other = collection(server, "YcmDidNumber").find((d) => pbxOf(d) && d.cloudPbxId !== did.cloudPbxId)!;
    const otherPbx = pbxOf(other)!;
    expect((await ycmCall(server, "DELETE", "/dm/open_api/v1/cloud_pbx/instances", { cloudPbxIds: [otherPbx.cloudPbxId] })).status).toBe(200);
    const [, second] = await a.waitFor(2);
    expect(second!.json).toEqual([{ event: "pce_delete", sn: otherPbx.sn, trunkDidInfoList: [], updateTime: expect.any(Number) }]);
    for (const r of a.received) expect(payloadProblems("ycm", "pceDidChange", r.json)).toEqual([]);
    expect(server.validationErrors).toEqual([]);
  });

  it("deleting a shared trunk whose DIDs are bound pushes trunk_delete with each Cloud PBX's DIDs after the change", async () => {
    const a = await startReceiver();
    const server = await start({ ycmWebhooks: [{ url: a.url, secret: SECRET }] });
    const pbxOf = (d: Item): Item | undefined => collection(server, "YcmCloudPbx").find((p) => String(p.cloudPbxId) === d.cloudPbxId && p.sn !== undefined);
    const did = collection(server, "YcmDidNumber").find((d) => pbxOf(d) && (d.trunkIds as number[]).length === 1)!;
    const trunkId = (did.trunkIds as number[])[0]!;
    const onTrunk = (d: Item): boolean => (d.trunkIds as number[]).includes(trunkId);
    // Every Cloud PBX (with a serial number) that has a DID on the trunk.
    const concerned = new Set(collection(server, "YcmDidNumber").filter((d) => onTrunk(d) && pbxOf(d)).map((d) => pbxOf(d)!.sn));
    expect((await ycmCall(server, "DELETE", "/dm/open_api/v1/shared_trunk", { ids: [trunkId] })).status).toBe(200);
    const [push] = await a.waitFor(1);
    expect(payloadProblems("ycm", "pceDidChange", push!.json)).toEqual([]);
    expect(push!.json.map((e: { event: string }) => e.event)).toEqual(Array(concerned.size).fill("trunk_delete"));
    expect(new Set(push!.json.map((e: { sn: string }) => e.sn))).toEqual(concerned);
    // The DIDs each Cloud PBX has now: none on the deleted trunk, and the trunk's only-trunk DID is gone.
    const listed = push!.json.flatMap((e: { trunkDidInfoList: Array<{ didId: string; trunkId: string }> }) => e.trunkDidInfoList);
    expect(listed.map((d: { trunkId: string }) => d.trunkId)).not.toContain(String(trunkId));
    expect(listed.map((d: { didId: string }) => d.didId)).not.toContain(String(did.id));
    expect(collection(server, "YcmDidNumber").some((d) => d.id === did.id)).toBe(false);
    expect(collection(server, "YcmSharedTrunk").some((t) => t.id === trunkId)).toBe(false);
    expect(server.validationErrors).toEqual([]);
  });

  it("refuses more than five webhooks, and a secret that is not 32 characters without quoting it", async () => {
    const six = Array.from({ length: 6 }, (_, i) => `http://127.0.0.1:9/${i}`);
    await expect(start({ ycmWebhooks: six })).rejects.toThrow("Option ycmWebhooks has 6 webhooks; YCM allows at most 5");
    const five = await start({ ycmWebhooks: six.slice(0, 5) });
    expect(five.webhooks.ycm).toHaveLength(5);
    expect(new Set(five.webhooks.ycm.map((t) => t.secret)).size).toBe(5);
    const short = "short-secret-value";
    const error = await start({ ycmWebhooks: [{ url: "http://127.0.0.1:9/", secret: short }] }).catch((e: Error) => e);
    expect(String(error)).toMatch(/ycmWebhooks\[0\]\.secret must be 32 printable characters.*got 18 characters/);
    expect(String(error)).not.toContain(short);
    await expect(start({ ycmWebhooks: ["ftp://example.invalid/"] })).rejects.toThrow(/ycmWebhooks\[0\]\.url must be an absolute http/);
  });

  it("never answers a call later or differently because of its webhook: the push is sent after the answer", async () => {
    const hanging = await startReceiver(["hang"]);
    const server = await start({ ycmWebhooks: [{ url: hanging.url, secret: SECRET }], webhookTimeoutMs: 300 });
    const pbx = pbxWithSn(server, 1);
    const resized = await ycmCall(server, "PUT", `/dm/open_api/v1/cloud_pbx/instances/${pbx.cloudPbxId}/capacity`, {
      extensionCapacity: 10,
      concurrentCallCapacity: 2,
      recordingStatus: "Enabled",
      recordingCapacity: 100,
    });
    expect(resized.status).toBe(200);
    expect(server.webhookDeliveries).toEqual([]);
    await server.webhooksIdle();
    // YCM's retries are not documented: one attempt, the timeout recorded.
    expect(server.webhookDeliveries).toMatchObject([{ event: "pceCapacityChange", attempt: 1, ok: false, error: "no answer within 300 ms" }]);
  });
});

describe("Workplace webhooks", () => {
  const HOUR = 3600;
  // A clock the test owns, at a whole hour, so bookings are where the test says.
  const T0 = Math.ceil(Date.now() / 1000 / HOUR) * HOUR + 24 * HOUR;

  async function workplaceMock(callback: string, more: Parameters<typeof start>[0] = {}) {
    let now = T0 * 1000;
    const server = await start({ workplaceCallbackUri: callback, now: () => now, ...more });
    const room = collection(server, "WorkplaceMeetingRoom")[7]!;
    const host = collection(server, "WorkplaceUser")[0]!.memberId as number;
    return { server, room, host, setNow: (s: number) => (now = s * 1000) };
  }

  it("sends nothing before a subscription, then the documented sequence: booked, time changed, updated, checked in, extended, ended", async () => {
    const r = await startReceiver();
    const { server, room, host, setNow } = await workplaceMock(`${r.url}/events?token=callback-secret-in-uri`);
    const start1 = T0 + 2 * HOUR;
    const book = { subject: "Webhooks", roomId: room.roomId, hostId: host, startTime: start1, endTime: start1 + 1800 };
    expect((await wpCall(server, "POST", "/room/meeting_create", book)).status).toBe(200);
    await server.webhooksIdle();
    expect(r.received).toEqual([]);

    expect((await wpCall(server, "POST", "/integration/subscribe", { eventTypes: ["ALL"] })).status).toBe(200);
    const second = { ...book, startTime: start1 + HOUR, endTime: start1 + HOUR + 1800 };
    expect((await wpCall(server, "POST", "/room/meeting_create", second)).status).toBe(200);
    const meeting = collection(server, "WorkplaceMeeting").find((m) => m.roomId === room.roomId && m.startTime === second.startTime)!;
    const moved = second.startTime + 2 * HOUR;
    expect((await wpCall(server, "PUT", "/room/meeting_update", { meetingId: meeting.meetingId, startTime: moved, endTime: moved + 1800 })).status).toBe(200);
    expect((await wpCall(server, "PUT", "/room/meeting_update", { meetingId: meeting.meetingId, subject: "Renamed" })).status).toBe(200);
    setNow(moved - 300);
    expect((await wpCall(server, "POST", "/room/check_in", { roomId: room.roomId, memberId: host })).status).toBe(200);
    expect((await wpCall(server, "POST", "/room/extend", { meetingId: meeting.meetingId })).status).toBe(200);
    setNow(moved + 600);
    expect((await wpCall(server, "POST", "/room/end", { meetingId: meeting.meetingId })).status).toBe(200);
    await server.webhooksIdle();

    const events = r.received.map((x) => x.json);
    expect(events.map((e) => e.eventType)).toEqual([
      "MEETING_CREATED",
      "MEETING_DELETED",
      "MEETING_CREATED",
      "MEETING_UPDATED",
      "MEETING_CHECKED_IN",
      "MEETING_EXTENDED",
      "MEETING_CHECKED_OUT",
    ]);
    for (const e of events) {
      expect(payloadProblems("workplace", e.eventType, e)).toEqual([]);
      expect(e.data).toMatchObject({ meetingId: meeting.meetingId, roomId: room.roomId, roomName: room.name });
    }
    expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);
    expect(events[0]).toMatchObject({ eventVersion: "1.0", eventCreatedTime: T0, data: { startTime: second.startTime, endTime: second.endTime } });
    expect(events[2].data).toMatchObject({ startTime: moved, endTime: moved + 1800 });
    expect(events[4].data.checkedInTime).toBe(moved - 300);
    expect(events[6].data.endedTime).toBe(moved + 600);
    expect(r.received.every((x) => x.path === "/events?token=callback-secret-in-uri")).toBe(true);
    expect(server.validationErrors).toEqual([]);
    // The delivery log shows the callback without its query string, where a secret may live.
    expect(JSON.stringify(server.webhookDeliveries)).not.toContain("callback-secret-in-uri");
    expect(server.webhookDeliveries.every((d) => d.url === `${r.url}/events` && d.ok && d.status === 200)).toBe(true);
  });

  it("sends only the event types subscribed to, and MEETING_DELETED for each meeting a cancellation removes", async () => {
    const r = await startReceiver();
    const { server, room, host } = await workplaceMock(r.url);
    expect((await wpCall(server, "POST", "/integration/subscribe", { eventTypes: ["MEETING_DELETED"] })).status).toBe(200);
    const s = T0 + 3 * HOUR;
    await wpCall(server, "POST", "/room/meeting_create", { subject: "Weekly", roomId: room.roomId, hostId: host, startTime: s, endTime: s + 1800, repeat: { type: "WEEKLY" } });
    const series = collection(server, "WorkplaceMeeting").filter((m) => m.roomId === room.roomId);
    expect(series).toHaveLength(4);
    expect((await wpCall(server, "DELETE", `/room/meeting_delete?meetingId=${encodeURIComponent(series[0]!.meetingId)}&deleteScope=ALL`)).status).toBe(200);
    await server.webhooksIdle();
    expect(r.received.map((x) => x.json.eventType)).toEqual(Array(4).fill("MEETING_DELETED"));
    expect(r.received.map((x) => x.json.data.meetingId).sort()).toEqual(series.map((m) => m.meetingId).sort());
  });

  it("retries a failed delivery three more times with the same eventId, at the configured intervals", async () => {
    const r = await startReceiver([500, 500]);
    const { server } = await workplaceMock(r.url, { webhookRetryDelaysMs: [20, 40, 60] });
    const eventId = server.sendWebhookTest();
    await server.webhooksIdle();
    expect(r.received.map((x) => x.json.eventId)).toEqual([eventId, eventId, eventId]);
    expect(r.received[0]!.json).toMatchObject({ eventType: "WEBHOOK_TEST", eventVersion: "1.0" });
    expect(payloadProblems("workplace", "WEBHOOK_TEST", r.received[0]!.json)).toEqual([]);
    expect(server.webhookDeliveries.map((d) => [d.event, d.eventId, d.attempt, d.status, d.ok])).toEqual([
      ["WEBHOOK_TEST", eventId, 1, 500, false],
      ["WEBHOOK_TEST", eventId, 2, 500, false],
      ["WEBHOOK_TEST", eventId, 3, 200, true],
    ]);
    const [first, second, third] = server.webhookDeliveries;
    expect(second!.time - (first!.time + first!.durationMs)).toBeGreaterThanOrEqual(19);
    expect(third!.time - (second!.time + second!.durationMs)).toBeGreaterThanOrEqual(39);
  });

  it("gives up after four attempts; a timeout and a refused connection count as failures", async () => {
    const r = await startReceiver(["hang", 503, 404, 500]);
    const { server } = await workplaceMock(r.url, { webhookRetryDelaysMs: [1, 1, 1], webhookTimeoutMs: 200 });
    server.sendWebhookTest();
    await server.webhooksIdle();
    expect(server.webhookDeliveries.map((d) => d.status ?? d.error)).toEqual(["no answer within 200 ms", 503, 404, 500]);
    expect(r.received).toHaveLength(4);

    const closed = await startReceiver();
    const url = closed.url;
    await closed.close();
    const { server: other } = await workplaceMock(url, { webhookRetryDelaysMs: [] });
    other.sendWebhookTest();
    await other.webhooksIdle();
    expect(other.webhookDeliveries).toMatchObject([{ attempt: 1, ok: false, error: "connection failed (ECONNREFUSED)" }]);
  });

  it("close() stops retries and in-flight deliveries: nothing is sent after it, and webhooksIdle() settles", async () => {
    const r = await startReceiver([500, "hang"]);
    const { server } = await workplaceMock(r.url, { webhookRetryDelaysMs: [60_000] });
    server.sendWebhookTest();
    await r.waitFor(1);
    while (server.webhookDeliveries.length < 1) await new Promise((resolve) => setTimeout(resolve, 5));
    await server.close();
    await server.webhooksIdle();
    expect(r.received).toHaveLength(1);
    expect(() => server.sendWebhookTest()).toThrow("The mock server is closed");
  });

  it("WEBHOOK_TEST needs a callback URI", async () => {
    const server = await start();
    expect(() => server.sendWebhookTest()).toThrow(/No Workplace callback URI is configured \(option workplaceCallbackUri\)/);
  });
});

describe("webhook secrets and the event table", () => {
  it("no secret reaches the delivery log or the log events", async () => {
    const r = await startReceiver([500]);
    const events: MockLogEvent[] = [];
    const server = await start({
      ycmWebhooks: [{ url: r.url, secret: SECRET }, r.url],
      workplaceCallbackUri: `${r.url}/?key=wp-callback-secret`,
      webhookRetryDelaysMs: [1],
      onLog: (e) => events.push(e),
    });
    const pbx = pbxWithSn(server);
    await ycmCall(server, "PUT", `/dm/open_api/v1/cloud_pbx/instances/${pbx.cloudPbxId}/capacity`, { extensionCapacity: 5, concurrentCallCapacity: 1, recordingStatus: "Enabled", recordingCapacity: 50 });
    server.sendWebhookTest();
    await server.webhooksIdle();
    // Two YCM pushes (the first refused with a 500: YCM does not retry) and WEBHOOK_TEST.
    expect(server.webhookDeliveries.map((d) => d.status)).toEqual([500, 200, 200]);
    const text = JSON.stringify([server.webhookDeliveries, events]);
    for (const secret of [SECRET, server.webhooks.ycm[1]!.secret, "wp-callback-secret"]) expect(text).not.toContain(secret);
    expect(events.some((e) => e.message.startsWith("webhook "))).toBe(true);
  });

  it("every operation of the event table is in the spec, and every event it names is one of the spec's webhooks", () => {
    const models = { ycm: loadSpec("ycm"), workplace: loadSpec("workplace") };
    const all = [...models.ycm.operations, ...models.workplace.operations].map((op) => op.operationId);
    for (const id of Object.keys(EMITTERS)) expect(all, id).toContain(id);
    const hooks = [...models.ycm.webhooks, ...models.workplace.webhooks].map((w) => w.event);
    for (const key of Object.values(EMITTED)) expect(hooks, key).toContain(key);
  });
});
