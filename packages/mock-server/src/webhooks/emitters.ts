import type { SpecModel } from "@yeastar-openapi/spec-model";
import type { Item } from "../data.js";
import { collectionOf } from "../overrides/workplace-model.js";
import { body, byId, ids, records } from "../overrides/ycm-shared.js";
import type { Reply } from "../envelopes.js";
import type { CallContext, MockState } from "../state.js";

/**
 * Which operation emits which webhook event: behaviour the spec cannot express (it describes the events, not
 * what causes them), so a small table keyed by operationId, read from the vendor's event pages. Each entry may
 * look at the records before the call (`before`) and says, after a successful call, what happened (`after`):
 * which event, about which records. The payload itself is shaped by the spec (payloads.ts).
 */

/** A YCM push (one element per Cloud PBX), or one Workplace event. */
export type Emission =
  | { api: "ycm"; webhook: string; elements: Array<Record<string, unknown>> }
  | { api: "workplace"; eventType: string; data: Record<string, unknown> };

export interface Emitter<S = unknown> {
  before?(ctx: CallContext, model: SpecModel): S;
  /** Runs only after a successful (2xx) answer, which it may read. */
  after(ctx: CallContext, before: S, model: SpecModel, reply: Reply): Emission[];
}

// ---- YCM: PCE DID Change, PCE Capacity Change -------------------------------------------------------------------

const PBX = "YcmCloudPbx";
const DID = "YcmDidNumber";
const TRUNK = "YcmSharedTrunk";

/** The webhooks this table emits, by their keys under the spec's `webhooks` (a test checks each is there). */
export const EMITTED = {
  didChange: "pceDidChange",
  capacityChange: "pceCapacityChange",
  created: "MEETING_CREATED",
  updated: "MEETING_UPDATED",
  deleted: "MEETING_DELETED",
  checkedIn: "MEETING_CHECKED_IN",
  checkedOut: "MEETING_CHECKED_OUT",
  extended: "MEETING_EXTENDED",
  // Driven by the clock, not by a call: sent by meeting-clock.ts.
  reachedStart: "MEETING_REACHED_START_TIME",
  reachedEnd: "MEETING_REACHED_END_TIME",
} as const;
const DID_CHANGE = EMITTED.didChange;
const CAPACITY_CHANGE = EMITTED.capacityChange;

const nowS = (ctx: CallContext): number => Math.floor(ctx.state.now() / 1000);

/** The DIDs bound to a Cloud PBX now, each with its (first) shared trunk. */
function didsOf(ctx: CallContext, cloudPbxId: string): Array<Record<string, unknown>> {
  return records(ctx.state, DID)
    .filter((d) => d.cloudPbxId !== undefined && String(d.cloudPbxId) === cloudPbxId)
    .map((d) => {
      const trunkId = Array.isArray(d.trunkIds) ? d.trunkIds[0] : undefined;
      const trunk = trunkId === undefined ? undefined : byId(ctx.state, TRUNK, "id", trunkId);
      return { did: d.did, didId: d.id, trunkId, trunkName: trunk?.name };
    });
}

function didChange(ctx: CallContext, event: string, sn: unknown, cloudPbxId: string | undefined): Record<string, unknown> {
  return { event, sn, trunkDidInfoList: cloudPbxId === undefined ? [] : didsOf(ctx, cloudPbxId), updateTime: nowS(ctx) };
}

/** Which Cloud PBX each DID is bound to. */
const bindings = (ctx: CallContext): Map<string, string> =>
  new Map(records(ctx.state, DID).filter((d) => d.cloudPbxId !== undefined).map((d) => [String(d.id), String(d.cloudPbxId)]));

const pbxSn = (ctx: CallContext, id: string): unknown => byId(ctx.state, PBX, "cloudPbxId", id)?.sn;

/** A binding update concerns the Cloud PBX named and every Cloud PBX it took DIDs from. */
const updateYcmCloudPbxDidBindings: Emitter<Map<string, string>> = {
  before: bindings,
  after(ctx, before) {
    const target = ctx.pathParams.cloudPbxId!;
    const after = bindings(ctx);
    const concerned = new Set([target]);
    for (const [did, pbx] of before) if (after.get(did) !== pbx) concerned.add(pbx);
    const elements = [...concerned].filter((id) => pbxSn(ctx, id) !== undefined).map((id) => didChange(ctx, "did_change", pbxSn(ctx, id), id));
    return elements.length ? [{ api: "ycm", webhook: DID_CHANGE, elements }] : [];
  },
};

/** Deleted DIDs that were bound: `did_delete` for each Cloud PBX they were bound to. */
const deleteYcmDidNumbers: Emitter<Set<string>> = {
  before(ctx) {
    const was = bindings(ctx);
    return new Set(ids(body(ctx).ids).flatMap((id) => (was.has(id) ? [was.get(id)!] : [])));
  },
  after(ctx, pbxs) {
    const elements = [...pbxs].filter((id) => pbxSn(ctx, id) !== undefined).map((id) => didChange(ctx, "did_delete", pbxSn(ctx, id), id));
    return elements.length ? [{ api: "ycm", webhook: DID_CHANGE, elements }] : [];
  },
};

/** A deleted Cloud PBX that had DIDs: `pce_delete`, with the DIDs it has after the change (none). */
const deleteYcmCloudPbxs: Emitter<Array<{ id: string; sn: unknown }>> = {
  before(ctx) {
    const was = new Set(bindings(ctx).values());
    return ids(body(ctx).cloudPbxIds)
      .filter((id) => was.has(id))
      .map((id) => ({ id, sn: pbxSn(ctx, id) }));
  },
  after(ctx, had) {
    const elements = had.filter(({ id, sn }) => sn !== undefined && !byId(ctx.state, PBX, "cloudPbxId", id)).map(({ sn }) => didChange(ctx, "pce_delete", sn, undefined));
    return elements.length ? [{ api: "ycm", webhook: DID_CHANGE, elements }] : [];
  },
};

/**
 * Deleted shared trunks that carried DIDs bound to a Cloud PBX: `trunk_delete` for each such Cloud PBX, with the DIDs
 * it has after the change (the deleted trunks' DIDs are gone: see the override).
 */
const deleteYcmSharedTrunks: Emitter<Set<string>> = {
  before(ctx) {
    const gone = new Set(ids(body(ctx).ids));
    const onGone = (d: Item): boolean => Array.isArray(d.trunkIds) && d.trunkIds.some((t: unknown) => gone.has(String(t)));
    return new Set(records(ctx.state, DID).flatMap((d) => (d.cloudPbxId !== undefined && onGone(d) ? [String(d.cloudPbxId)] : [])));
  },
  after(ctx, pbxs) {
    const elements = [...pbxs].filter((id) => pbxSn(ctx, id) !== undefined).map((id) => didChange(ctx, "trunk_delete", pbxSn(ctx, id), id));
    return elements.length ? [{ api: "ycm", webhook: DID_CHANGE, elements }] : [];
  },
};

/** The capacity fields of PCE Capacity Change, from the Cloud PBX's record (the names differ; the spec shapes the types). */
function capacityOf(ctx: CallContext, pbx: Item): Record<string, unknown> {
  const recording = pbx.recordingStatus === undefined ? undefined : pbx.recordingStatus === "Enabled" ? "yes" : "no";
  return {
    sn: pbx.sn,
    repository: { extensions: pbx.extensionCapacity, concurrentCalls: pbx.concurrentCallCapacity, recordingCapacity: pbx.recordingCapacity, enableCallRecording: recording },
    updateTime: nowS(ctx),
  };
}

const capacityChange = (ctx: CallContext, pbx: Item | undefined): Emission[] =>
  pbx?.sn === undefined ? [] : [{ api: "ycm", webhook: CAPACITY_CHANGE, elements: [capacityOf(ctx, pbx)] }];

/** Sent "when capacity is assigned to a Cloud PBX at creation or when existing Cloud PBXs are resized". */
const resizeYcmCloudPbx: Emitter = { after: (ctx) => capacityChange(ctx, byId(ctx.state, PBX, "cloudPbxId", ctx.pathParams.cloudPbxId)) };
const createYcmCloudPbx: Emitter = { after: (ctx) => capacityChange(ctx, records(ctx.state, PBX).at(-1)) };

// ---- Workplace: MEETING_* ----------------------------------------------------------------------------------------

const MEETING_CREATED = EMITTED.created;
const MEETING_DELETED = EMITTED.deleted;

const meetingsOf = (ctx: CallContext, model: SpecModel): Item[] => records(ctx.state, collectionOf(model, "listWorkplaceMeetings"));

/** The meeting as its events describe it: its record plus the room's name. */
export function meetingData(state: Pick<MockState, "dataset">, model: SpecModel, m: Item): Record<string, unknown> {
  const r = records(state, collectionOf(model, "listWorkplaceMeetingRooms")).find((x) => x.roomId === m.roomId);
  return { ...m, roomName: r?.name };
}

const event = (eventType: string, data: Record<string, unknown>): Emission => ({ api: "workplace", eventType, data });

/** Each meeting the booking created (a recurring booking creates several). */
const createWorkplaceMeeting: Emitter<Set<Item>> = {
  before: (ctx, model) => new Set(meetingsOf(ctx, model)),
  after: (ctx, before, model) => meetingsOf(ctx, model).filter((m) => !before.has(m)).map((m) => event(MEETING_CREATED, meetingData(ctx.state, model, m))),
};

/** Each meeting that is gone (a series, or a deleted room's bookings). */
const deletes: Emitter<Item[]> = {
  before: (ctx, model) => meetingsOf(ctx, model).map((m) => ({ ...m, roomName: meetingData(ctx.state, model, m).roomName })),
  after(ctx, before, model) {
    const left = new Set(meetingsOf(ctx, model).map((m) => m.meetingId));
    return before.filter((m) => !left.has(m.meetingId)).map((m) => event(MEETING_DELETED, m));
  },
};

/** A change of time arrives as MEETING_DELETED then MEETING_CREATED (the vendor's words); other changes as MEETING_UPDATED. */
const updateWorkplaceMeeting: Emitter<{ startTime: unknown; endTime: unknown } | undefined> = {
  before(ctx, model) {
    const m = meetingsOf(ctx, model).find((x) => x.meetingId === body(ctx).meetingId);
    return m && { startTime: m.startTime, endTime: m.endTime };
  },
  after(ctx, was, model) {
    const m = meetingsOf(ctx, model).find((x) => x.meetingId === body(ctx).meetingId);
    if (!m || !was) return [];
    const data = meetingData(ctx.state, model, m);
    if (m.startTime !== was.startTime || m.endTime !== was.endTime) return [event(MEETING_DELETED, data), event(MEETING_CREATED, data)];
    return [event(EMITTED.updated, data)];
  },
};

/** The meeting named by the body's `meetingId`, or (check-in, whose body names a room) by the answer's. */
const aboutMeeting = (eventType: string, idFrom: "body" | "answer"): Emitter => ({
  after(ctx, _before, model, reply) {
    const id = idFrom === "body" ? body(ctx).meetingId : (reply.body as { data?: { meetingId?: unknown } } | undefined)?.data?.meetingId;
    const m = meetingsOf(ctx, model).find((x) => x.meetingId === id);
    return m ? [event(eventType, meetingData(ctx.state, model, m))] : [];
  },
});

export const EMITTERS: Readonly<Record<string, Emitter<any>>> = {
  updateYcmCloudPbxDidBindings,
  deleteYcmDidNumbers,
  deleteYcmCloudPbxs,
  deleteYcmSharedTrunks,
  resizeYcmCloudPbx,
  createYcmCloudPbx,
  createWorkplaceMeeting,
  updateWorkplaceMeeting,
  deleteWorkplaceMeeting: deletes,
  deleteWorkplaceMeetingRoom: deletes,
  checkInWorkplaceMeeting: aboutMeeting(EMITTED.checkedIn, "answer"),
  extendWorkplaceMeeting: aboutMeeting(EMITTED.extended, "body"),
  // Ending a meeting is checking out of it (the event page: "A meeting was ended (checked out)").
  endWorkplaceMeeting: aboutMeeting(EMITTED.checkedOut, "body"),
};
