#!/usr/bin/env node
// Webhook receiver: verifies each YCM push (X-Signature over the raw bytes, before any JSON
// parsing), checks the secret in Workplace's callback URI, parses both products' events into typed
// ones, hands each Workplace event to your code once (Workplace retries a failed delivery with the
// same eventId), and logs one line per event. The receiving is @yeastar-openapi/client/webhooks.
//
//   node webhook-receiver.mjs
//
// It runs against the local mock server: it starts the receiver on 127.0.0.1, starts a mock that
// pushes to it, makes a few changes through the API (binds a DID to a Cloud PBX, resizes it;
// subscribes to Workplace's events, books a meeting, moves it, checks in, ends it) and logs what
// arrives, then stops. YCM_WEBHOOK_SECRET (32 characters) sets the YCM webhook's secret (with
// your own account, the one YCM shows in System > API > Webhook Event Push); without it one is
// generated. No secret is ever printed.
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import { createWorkplaceClient, createYcmClient } from "@yeastar-openapi/client";
import { createNodeWebhookHandler } from "@yeastar-openapi/client/webhooks";
import { startMockServer } from "@yeastar-openapi/mock-server";
import { clockTime } from "./lib/day.mjs";
import { run, UsageError } from "./lib/run.mjs";

const MINUTE = 60;

/**
 * The receiver to copy: POST /ycm (signed by YCM) and POST /workplace/<callbackSecret> (Workplace
 * signs nothing: the secret in the callback URI tells your callback from anyone else's POSTs).
 * Each handler reads the raw body (size-limited), verifies, parses, de-duplicates, calls onEvent,
 * and answers 200 (or 401/400/413/500 saying why).
 * @param {{ ycmSecret: string, callbackSecret: string, onEvent: (event: { product: "ycm" | "workplace", type: string, body: any }) => void }} options
 */
export function createReceiver({ ycmSecret, callbackSecret, onEvent }) {
  const ycm = createNodeWebhookHandler({
    api: "ycm",
    secret: ycmSecret,
    // One push carries one element per Cloud PBX concerned.
    onEvent: (event) => {
      for (const element of event.data) {
        onEvent({ product: "ycm", type: event.type === "pceDidChange" ? `PCE DID Change (${"event" in element ? element.event : "?"})` : "PCE Capacity Change", body: element });
      }
    },
  });
  const workplace = createNodeWebhookHandler({
    api: "workplace",
    callbackSecret,
    onEvent: (event) => onEvent({ product: "workplace", type: event.eventType, body: event }),
  });
  return createServer((req, res) => {
    const path = (req.url ?? "").split("?")[0] ?? "";
    if (path === "/ycm") return ycm(req, res);
    if (path.startsWith("/workplace/")) return workplace(req, res);
    res.writeHead(404).end();
  });
}

/** 32 random characters, like the secrets YCM generates. */
const newSecret = () => randomBytes(24).toString("base64url");

/** One line per event. @param {{ product: string, type: string, body: any }} e */
function describe(e) {
  const b = e.body;
  if (e.product === "ycm") {
    if (b.repository) return `YCM  ${e.type}: Cloud PBX ${b.sn} now has ${b.repository.extensions} extensions, ${b.repository.concurrentCalls} concurrent calls (verified)`;
    return `YCM  ${e.type}: Cloud PBX ${b.sn} now has ${(b.trunkDidInfoList ?? []).length} DID number(s) (verified)`;
  }
  const d = b.data ?? {};
  const when = d.startTime !== undefined ? ` ${clockTime(d.startTime)}-${clockTime(d.endTime)}` : "";
  return `Workplace  ${e.type}: meeting ${d.meetingId ?? "-"} in ${d.roomName ?? "-"}${when}`;
}

run(async (args) => {
  if (args.length) throw new UsageError("Usage: node webhook-receiver.mjs (runs against a local mock server; no arguments)");
  const given = process.env.YCM_WEBHOOK_SECRET || undefined;
  if (given !== undefined && given.length !== 32) throw new UsageError("YCM_WEBHOOK_SECRET must be 32 characters, as YCM's webhook secrets are");

  const ycmSecret = given ?? newSecret();
  const callbackSecret = newSecret();
  const received = [];
  const receiver = createReceiver({
    ycmSecret,
    callbackSecret,
    onEvent: (event) => {
      received.push(event);
      console.log(describe(event));
    },
  });
  await new Promise((resolve) => receiver.listen(0, "127.0.0.1", () => resolve(undefined)));
  const address = receiver.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  // With your own account: YCM's web interface (System > API > Webhook Event Push) and Workplace's
  // admin portal (Integration > API > Settings) take these two URLs.
  const mock = await startMockServer({
    ycmWebhooks: [{ url: `${url}/ycm`, secret: ycmSecret }],
    workplaceCallbackUri: `${url}/workplace/${callbackSecret}`,
  });
  try {
    console.error(`Receiver on ${url}; the local mock server at ${mock.url} pushes YCM events to /ycm and Workplace events to /workplace/<secret>`);
    const ycm = createYcmClient({ baseUrl: mock.url, ...mock.credentials.ycm, userAgent: "yeastar-openapi-examples" });
    const wp = createWorkplaceClient({ baseUrl: mock.url, ...mock.credentials.workplace });

    // YCM: bind an unbound DID to the first Cloud PBX, then resize that PBX.
    // Both events name the Cloud PBX by its serial number: take one that has one.
    const { data: pbxPage } = await ycm.GET("/dm/open_api/v2/cloud_pbx/instances", { params: { query: { pageSize: 50 } } });
    const pbx = pbxPage.data?.list?.find((p) => p.sn);
    const dids = await ycm.paginate("/dm/open_api/v1/did_management", { params: { query: { pageSize: 50 } } }).toArray();
    const free = dids.find((d) => d.cloudPbxId === undefined && d.trunkIds?.length);
    const trunkId = free?.trunkIds?.[0];
    if (!pbx?.cloudPbxId || !free || trunkId === undefined) throw new Error("the mock has no Cloud PBX or no unbound DID");
    console.error(`1. binding DID ${free.did} to Cloud PBX ${pbx.cloudPbxId}, then resizing it`);
    await ycm.PUT("/dm/open_api/v1/cloud_pbx/instances/{cloudPbxId}/did", {
      params: { path: { cloudPbxId: pbx.cloudPbxId } },
      body: { trunkDidRelations: [{ trunkId, didIds: [free.id] }] },
    });
    await ycm.PUT("/dm/open_api/v1/cloud_pbx/instances/{cloudPbxId}/capacity", {
      params: { path: { cloudPbxId: pbx.cloudPbxId } },
      body: { extensionCapacity: 50, concurrentCallCapacity: 10, recordingStatus: "Enabled", recordingCapacity: 1000 },
    });

    // Workplace: subscribe, book a meeting in a free room, move it, check in, end it.
    await wp.POST("/services/openapi/v1.0/integration/subscribe", { body: { eventTypes: ["ALL"] } });
    const now = Math.floor(Date.now() / 1000 / MINUTE) * MINUTE;
    const rooms = await wp.paginate("/services/openapi/v1.0/room/room_list", { params: { query: { pageSize: 50 } } }).toArray();
    let roomId;
    for (const room of rooms) {
      const busy = await wp.paginate("/services/openapi/v1.0/room/meeting_list", { params: { query: { roomIds: String(room.roomId), startTime: now, endTime: now + 90 * MINUTE, pageSize: 50 } } }).toArray();
      if (busy.length === 0) {
        roomId = room.roomId;
        break;
      }
    }
    const { data: users } = await wp.GET("/services/openapi/v1.0/user/user_list", { params: { query: { pageSize: 1 } } });
    const hostId = users.data?.list?.[0]?.memberId;
    if (roomId === undefined || hostId === undefined) throw new Error("the mock has no free room or no user");
    const start = now + 5 * MINUTE;
    console.error(`2. booking room ${roomId} ${clockTime(start)}-${clockTime(start + 30 * MINUTE)}, moving it 5 minutes later, checking in, ending it`);
    await wp.POST("/services/openapi/v1.0/room/meeting_create", { body: { subject: "Webhook demo", roomId, hostId, startTime: start, endTime: start + 30 * MINUTE } });
    const [meeting] = await wp.paginate("/services/openapi/v1.0/room/meeting_list", { params: { query: { roomIds: String(roomId), startTime: start, endTime: start + 1, pageSize: 50 } } }).toArray();
    if (!meeting?.meetingId) throw new Error("the new meeting was not found");
    await wp.PUT("/services/openapi/v1.0/room/meeting_update", { body: { meetingId: meeting.meetingId, startTime: start + 5 * MINUTE, endTime: start + 35 * MINUTE } });
    await wp.POST("/services/openapi/v1.0/room/check_in", { body: { roomId, memberId: hostId } });
    await wp.POST("/services/openapi/v1.0/room/end", { body: { meetingId: meeting.meetingId } });

    await mock.webhooksIdle();
    const failed = mock.webhookDeliveries.filter((d) => !d.ok);
    console.error(`3. ${received.length} events received and handled; ${mock.webhookDeliveries.length} deliveries, ${failed.length} refused`);
    if (failed.length) throw new Error(`${failed.length} deliveries were refused: ${failed.map((d) => `${d.event} ${d.status ?? d.error}`).join(", ")}`);
  } finally {
    await mock.close();
    await new Promise((resolve) => receiver.close(() => resolve(undefined)));
  }
});
