#!/usr/bin/env node
// Webhook receiver: verifies each YCM push (X-Signature, over the raw bytes, before any JSON
// parsing), parses YCM's and Workplace's events, hands each Workplace event to your code once
// (Workplace retries a failed delivery with the same eventId), and logs one line per event.
//
//   node webhook-receiver.mjs
//
// It runs against the local mock server: it starts the receiver on 127.0.0.1, starts a mock that
// pushes to it, makes a few changes through the API (binds a DID to a Cloud PBX, resizes it;
// subscribes to Workplace's events, books a meeting, moves it, checks in, ends it) and logs what
// arrives, then stops. YCM_WEBHOOK_SECRET (32 characters) sets the webhook's secret; without it
// the mock generates one. The secret is never printed.
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import { createWorkplaceClient, createYcmClient } from "@yeastar-openapi/client";
import { startMockServer } from "@yeastar-openapi/mock-server";
import { clockTime } from "./lib/day.mjs";
import { run, UsageError } from "./lib/run.mjs";

const MINUTE = 60;
/** Bodies larger than this are refused before they are read in full. */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The receiver to copy: POST /ycm (signed) and POST /workplace (unsigned; put a secret of your own in the
 * callback URI to tell your callback from anyone else's POSTs). `onEvent` gets each event once.
 * @param {{ ycmSecret: () => string, onEvent: (event: { product: "ycm" | "workplace", type: string, body: any }) => void }} options
 */
export function createReceiver({ ycmSecret, onEvent }) {
  /** Workplace eventIds already handed over (bounded: a retry comes within minutes). */
  const seen = new Set();
  return createServer((req, res) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    req.on("data", (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) req.destroy();
      else chunks.push(chunk);
    });
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      const path = (req.url ?? "").split("?")[0];
      if (req.method !== "POST") return void res.writeHead(405).end();
      if (path === "/ycm") {
        // The signature is over the bytes as sent: verify before parsing, compare in constant time.
        const expected = createHmac("sha256", ycmSecret()).update(raw).digest();
        const header = req.headers["x-signature"];
        const given = typeof header === "string" ? Buffer.from(header, "base64") : Buffer.alloc(0);
        if (given.length !== expected.length || !timingSafeEqual(given, expected)) return void res.writeHead(401).end();
        /** @type {Array<Record<string, any>>} */
        const elements = JSON.parse(raw.toString("utf8"));
        // PCE DID Change carries `event`; PCE Capacity Change has none but carries `repository`.
        for (const e of elements) onEvent({ product: "ycm", type: e.event ? `PCE DID Change (${e.event})` : "PCE Capacity Change", body: e });
        return void res.writeHead(200).end();
      }
      if (path === "/workplace") {
        const event = JSON.parse(raw.toString("utf8"));
        if (!seen.has(event.eventId)) {
          seen.add(event.eventId);
          if (seen.size > 10_000) seen.delete(seen.values().next().value);
          onEvent({ product: "workplace", type: event.eventType, body: event });
        }
        return void res.writeHead(200).end();
      }
      res.writeHead(404).end();
    });
  });
}

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

  let secret = given ?? "";
  const received = [];
  const receiver = createReceiver({
    ycmSecret: () => secret,
    onEvent: (event) => {
      received.push(event);
      console.log(describe(event));
    },
  });
  await new Promise((resolve) => receiver.listen(0, "127.0.0.1", () => resolve(undefined)));
  const address = receiver.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  const mock = await startMockServer({
    ycmWebhooks: [given ? { url: `${url}/ycm`, secret: given } : `${url}/ycm`],
    workplaceCallbackUri: `${url}/workplace`,
  });
  secret = mock.webhooks.ycm[0]?.secret ?? "";
  try {
    console.error(`Receiver on ${url}; the local mock server at ${mock.url} pushes YCM events to /ycm and Workplace events to /workplace`);
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
