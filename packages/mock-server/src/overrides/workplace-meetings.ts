import type { SpecModel } from "@yeastar-openapi/spec-model";
import type { Item } from "../data.js";
import { objectView, project } from "../data/schema-utils.js";
import type { Reply } from "../envelopes.js";
import { paginate } from "../listing.js";
import { intParam, ParamError } from "../params.js";
import type { CallContext, MockState, Override, OverrideBase, Prepare } from "../state.js";
import { body, collectionOf, intField, projectData, records, stringField } from "./workplace-model.js";

/**
 * Workplace rooms and meetings as a booking system: what the spec cannot say. Meetings live in rooms and time
 * slots; a booking that overlaps another in the same room is refused; a meeting's status follows the mock's clock
 * and check-ins; only not-yet-started meetings can be deleted, by `deleteScope` on a series; `open_door` answers
 * from the room's current and upcoming meetings. Where the vendor's pages are silent, the rules are the mock's
 * (listed in the README, "Rooms and meetings").
 */

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** A meeting is `WILL_START` (and may be checked in, and opens the door) from this long before its start. */
export const CHECK_IN_WINDOW_S = 15 * MINUTE;
/** A recurring booking creates this many meetings (the recurrence's end is not documented). */
export const OCCURRENCES = 4;
/** Extending a meeting without a new `endTime` adds this much. */
const EXTENSION_S = 30 * MINUTE;

const ROOMS = (m: SpecModel): string => collectionOf(m, "listWorkplaceMeetingRooms");
const MEETINGS = (m: SpecModel): string => collectionOf(m, "listWorkplaceMeetings");
const USERS = (m: SpecModel): string => collectionOf(m, "listWorkplaceUsers");

/** What the records cannot hold: which meetings were booked together as one series. */
const seriesOf = new WeakMap<Item, string>();
const sequence = new WeakMap<MockState, { next: number }>();

const nowS = (state: MockState): number => Math.floor(state.now() / 1000);

/** The end that frees the room: when the meeting was ended, else its booked end. */
const endOf = (m: Item): number => (typeof m.endedTime === "number" ? Math.min(m.endedTime, m.endTime) : m.endTime);

export function statusOf(m: Item, now: number): string {
  if (now >= endOf(m) || typeof m.endedTime === "number") return "ENDED";
  if (typeof m.checkedInTime === "number") return "STARTED";
  return now >= m.startTime - CHECK_IN_WINDOW_S ? "WILL_START" : "NOT_STARTED";
}

/** Not started: before its start time and not checked in. */
const notStarted = (m: Item, now: number): boolean => now < m.startTime && typeof m.checkedInTime !== "number";

/** The record with its status as of now (a meeting's status moves with the clock and its check-in). */
function shown(m: Item, now: number): Item {
  m.status = statusOf(m, now);
  return m;
}

/** Opaque IDs shaped like the vendor's: base64 of `[1,<seq>,<roomId>,<startTime>,0]`. */
function newMeetingId(state: MockState, roomId: number, startTime: number): string {
  let seq = sequence.get(state);
  if (!seq) sequence.set(state, (seq = { next: 70000 }));
  return Buffer.from(JSON.stringify([1, seq.next++, roomId, startTime, 0])).toString("base64url");
}

function findRoom(ctx: CallContext, base: OverrideBase, roomId: number): Item | undefined {
  return records(ctx, ROOMS(base.model)).find((r) => r.roomId === roomId);
}

function findMeeting(ctx: CallContext, base: OverrideBase, meetingId: string): Item | undefined {
  return records(ctx, MEETINGS(base.model)).find((m) => m.meetingId === meetingId);
}

const roomNotFound = (ctx: CallContext, roomId: number): Reply => ctx.errors.named("NOT_FOUND", `no meeting room ${roomId}`, 404);
const meetingNotFound = (ctx: CallContext, meetingId: string): Reply => ctx.errors.named("NOT_FOUND", `no meeting ${meetingId}`, 404);

/** The first meeting of the room that overlaps [start, end), ignoring `except` and ended meetings. */
function overlapping(all: Item[], roomId: number, start: number, end: number, except: ReadonlySet<Item>): Item | undefined {
  return all.find((m) => m.roomId === roomId && !except.has(m) && typeof m.endedTime !== "number" && m.startTime < end && start < endOf(m));
}

function conflict(ctx: CallContext, other: Item): Reply {
  const iso = (s: number): string => new Date(s * 1000).toISOString();
  return ctx.errors.named("ROOM_BOOKED", `room ${other.roomId} is booked from ${iso(other.startTime)} to ${iso(endOf(other))} (meeting ${other.meetingId})`, 409);
}

/** The start of each occurrence of a recurrence type, from `start`. */
function occurrences(start: number, type: string | undefined): number[] {
  if (type === undefined) return [start];
  const step = (i: number): number => {
    if (type === "DAILY") return start + i * DAY;
    if (type === "WEEKLY") return start + i * 7 * DAY;
    const d = new Date(start * 1000);
    d.setUTCMonth(d.getUTCMonth() + i);
    return Math.floor(d.getTime() / 1000);
  };
  if (!["DAILY", "WEEKLY", "ABSOLUTE_MONTHLY"].includes(type)) {
    throw new ParamError("repeat.type", `"${type}" is not a recurrence the mock can expand (DAILY, WEEKLY, ABSOLUTE_MONTHLY)`);
  }
  return Array.from({ length: OCCURRENCES }, (_, i) => step(i));
}

const createWorkplaceMeeting: Override = (ctx, base) => {
  const b = body(ctx);
  const roomId = intField(b, "roomId", true);
  const hostId = intField(b, "hostId", true);
  const startTime = intField(b, "startTime", true);
  const endTime = intField(b, "endTime", true);
  if (endTime <= startTime) throw new ParamError("endTime", "must be after startTime");
  if (endTime <= nowS(ctx.state)) throw new ParamError("endTime", "is in the past");
  if (!findRoom(ctx, base, roomId)) return roomNotFound(ctx, roomId);
  if (!records(ctx, USERS(base.model)).some((u) => u.memberId === hostId)) return ctx.errors.named("NOT_FOUND", `no user with memberId ${hostId}`, 404);
  const repeat = b.repeat as { type?: string } | undefined;
  const starts = occurrences(startTime, repeat?.type);
  const all = records(ctx, MEETINGS(base.model));
  for (const start of starts) {
    const other = overlapping(all, roomId, start, start + endTime - startTime, new Set());
    if (other) return conflict(ctx, other);
  }
  // The booking keeps the fields the meeting schema lists; the rest of an open body is not stored.
  const fields = objectView(base.model.operation("getWorkplaceMeeting").success!.json!.schema).properties.data;
  const view = objectView(fields ?? {});
  const series = starts.length > 1 ? newMeetingId(ctx.state, roomId, startTime) : undefined;
  for (const start of starts) {
    const meeting: Item = { ...project(b, view), startTime: start, endTime: start + endTime - startTime, meetingId: newMeetingId(ctx.state, roomId, start) };
    delete meeting.status;
    if (series) seriesOf.set(meeting, series);
    all.push(meeting);
  }
  return base.reply();
};

/** Meetings in the room that overlap [startTime, endTime) of the query (the mock's reading of the window). */
const listWorkplaceMeetings: Override = (ctx, base) => {
  const { op } = ctx;
  const paging = op.paging!;
  const now = nowS(ctx.state);
  const q = ctx.query;
  const rooms = new Map(records(ctx, ROOMS(base.model)).map((r) => [r.roomId as number, r]));
  const roomIds = q.get("roomIds")?.split(",").filter(Boolean).map(Number);
  const from = intParam(q, "startTime");
  const to = intParam(q, "endTime");
  const hostId = intParam(q, "hostId");
  const building = q.get("buildingName") || undefined;
  const floor = q.get("floorName") || undefined;
  const list = records(ctx, MEETINGS(base.model))
    .filter((m) => !roomIds || roomIds.includes(m.roomId))
    .filter((m) => hostId === undefined || m.hostId === hostId)
    .filter((m) => (from === undefined || endOf(m) > from) && (to === undefined || m.startTime < to))
    .filter((m) => (!building || rooms.get(m.roomId)?.buildingName === building) && (!floor || rooms.get(m.roomId)?.floorName === floor))
    .sort((a, b) => a.startTime - b.startTime || a.roomId - b.roomId);
  const pageSize = intParam(q, paging.pageSize.name, { default: 10, min: 1 });
  const pageNo = intParam(q, paging.pageNumber.name, { default: 1, min: 1 });
  const page = paginate(list, pageSize, pageNo);
  const itemView = objectView(op.list!.itemSchema);
  const parent = paging.list.itemsPath.slice(0, -1);
  return base.reply([
    [paging.list.totalPath, page.total],
    [[...parent, paging.pageSize.name], pageSize],
    [[...parent, paging.pageNumber.name], pageNo],
    [paging.list.itemsPath, page.list.map((m) => project(shown(m, now), itemView))],
  ]);
};

const getWorkplaceMeeting: Override = (ctx, base) => {
  const meetingId = ctx.query.get("meetingId") ?? "";
  const m = findMeeting(ctx, base, meetingId);
  if (!m) return meetingNotFound(ctx, meetingId);
  return base.reply([[["data"], projectData(ctx.op, shown(m, nowS(ctx.state)))]]);
};

/** The mock's reading of an undocumented body: `meetingId` plus the meeting fields to change. */
const updateWorkplaceMeeting: Override = (ctx, base) => {
  const b = body(ctx);
  const meetingId = stringField(b, "meetingId", true);
  const m = findMeeting(ctx, base, meetingId);
  if (!m) return meetingNotFound(ctx, meetingId);
  const now = nowS(ctx.state);
  if (statusOf(m, now) === "ENDED") return ctx.errors.named("MEETING_ENDED", `meeting ${meetingId} has ended`, 409);
  const view = objectView(base.model.operation("listWorkplaceMeetings").list!.itemSchema);
  const changes = project(b, view);
  delete changes.meetingId;
  delete changes.status;
  const next = { ...m, ...changes };
  if (typeof next.startTime !== "number" || typeof next.endTime !== "number" || next.endTime <= next.startTime) throw new ParamError("endTime", "must be after startTime");
  if (next.roomId !== m.roomId && !findRoom(ctx, base, next.roomId)) return roomNotFound(ctx, next.roomId);
  const other = overlapping(records(ctx, MEETINGS(base.model)), next.roomId, next.startTime, next.endTime, new Set([m]));
  if (other) return conflict(ctx, other);
  Object.assign(m, changes);
  return base.reply();
};

const deleteWorkplaceMeeting: Override = (ctx, base) => {
  const meetingId = ctx.query.get("meetingId") ?? "";
  const scope = ctx.query.get("deleteScope") ?? "ALL";
  const all = records(ctx, MEETINGS(base.model));
  const m = findMeeting(ctx, base, meetingId);
  if (!m) return meetingNotFound(ctx, meetingId);
  const now = nowS(ctx.state);
  if (!notStarted(m, now)) return ctx.errors.named("MEETING_STARTED", `meeting ${meetingId} has started and cannot be deleted`, 409);
  const room = findRoom(ctx, base, m.roomId);
  if (room?.type === "approval" && ctx.query.get("memberId") === null) throw new ParamError("memberId", "is required for a booking of a Request-only Room");
  const series = seriesOf.get(m);
  const gone = new Set<Item>([m]);
  if (series && scope !== "SELECTED") {
    for (const other of all) {
      if (seriesOf.get(other) !== series || !notStarted(other, now)) continue;
      if (scope === "ALL" || other.startTime >= m.startTime) gone.add(other);
    }
  }
  ctx.state.dataset.collections[MEETINGS(base.model)] = all.filter((x) => !gone.has(x));
  return base.reply();
};

/** The room's meeting a check-in or the door is about: the earliest one not ended that is `WILL_START` or `STARTED`. */
function currentMeeting(ctx: CallContext, base: OverrideBase, roomId: number, now: number): Item | undefined {
  return records(ctx, MEETINGS(base.model))
    .filter((m) => m.roomId === roomId && ["WILL_START", "STARTED"].includes(statusOf(m, now)))
    .sort((a, b) => a.startTime - b.startTime)[0];
}

const checkInWorkplaceMeeting: Override = (ctx, base) => {
  const b = body(ctx);
  const roomId = intField(b, "roomId", true);
  const memberId = intField(b, "memberId", true);
  if (!findRoom(ctx, base, roomId)) return roomNotFound(ctx, roomId);
  const now = nowS(ctx.state);
  const m = currentMeeting(ctx, base, roomId, now);
  if (!m || typeof m.checkedInTime === "number") return ctx.errors.named("NOT_FOUND", `no meeting to check in to in room ${roomId} now`, 404);
  // The vendor's default permission: only the organizer checks in.
  if (m.hostId !== memberId) return ctx.errors.named("ACCESS_DENIED", `member ${memberId} is not the organizer of meeting ${m.meetingId}`, 403);
  m.checkedInTime = now;
  return base.reply([[["data"], { meetingId: m.meetingId, meetingStatus: statusOf(m, now) }]]);
};

const queryWorkplaceMeetingRoomAccess: Override = (ctx, base) => {
  const b = body(ctx);
  const roomId = intField(b, "roomId", true);
  const memberId = intField(b, "memberId", true);
  if (!findRoom(ctx, base, roomId)) return roomNotFound(ctx, roomId);
  const now = nowS(ctx.state);
  const m = currentMeeting(ctx, base, roomId, now);
  const invited = m !== undefined && (m.hostId === memberId || (Array.isArray(m.participantIds) && m.participantIds.includes(memberId)));
  // No meeting for this member: the answer carries no `data` (the page's only word on a refusal).
  if (!invited) {
    const answer = base.reply();
    const { data: _none, ...rest } = answer.body as Record<string, unknown>;
    return { ...answer, body: rest };
  }
  return base.reply([[["data"], { meetingId: m.meetingId, meetingStatus: statusOf(m, now) }]]);
};

/** The meeting an extend or end names, when it is in progress (checked in, or past its start and not ended). */
function ongoing(ctx: CallContext, base: OverrideBase): { meeting: Item } | { refused: Reply } {
  const meetingId = stringField(body(ctx), "meetingId", true);
  const m = findMeeting(ctx, base, meetingId);
  if (!m) return { refused: meetingNotFound(ctx, meetingId) };
  const now = nowS(ctx.state);
  const started = typeof m.checkedInTime === "number" || now >= m.startTime;
  if (!started || statusOf(m, now) === "ENDED") return { refused: ctx.errors.named("MEETING_NOT_ONGOING", `meeting ${meetingId} is not in progress`, 409) };
  return { meeting: m };
}

const extendWorkplaceMeeting: Override = (ctx, base) => {
  const found = ongoing(ctx, base);
  if ("refused" in found) return found.refused;
  const m = found.meeting;
  const endTime = intField(body(ctx), "endTime") ?? m.endTime + EXTENSION_S;
  if (endTime <= m.endTime) throw new ParamError("endTime", "must be after the meeting's current end");
  const other = overlapping(records(ctx, MEETINGS(base.model)), m.roomId, m.endTime, endTime, new Set([m]));
  if (other) return conflict(ctx, other);
  m.endTime = endTime;
  return base.reply();
};

const endWorkplaceMeeting: Override = (ctx, base) => {
  const found = ongoing(ctx, base);
  if ("refused" in found) return found.refused;
  found.meeting.endedTime = nowS(ctx.state);
  return base.reply();
};

const createWorkplaceMeetingRoom: Override = (ctx, base) => {
  const b = body(ctx);
  const rooms = records(ctx, ROOMS(base.model));
  const view = objectView(base.model.operation("listWorkplaceMeetingRooms").list!.itemSchema);
  const types = view.properties.type?.enum as unknown[] | undefined;
  if (b.type !== undefined && types && !types.includes(b.type)) throw new ParamError("type", `must be one of ${types.join(", ")}`);
  stringField(b, "name", true);
  const next = (field: string): number => Math.max(10000, ...rooms.map((r) => Number(r[field]) || 0)) + 1;
  const sameBuilding = rooms.find((r) => r.buildingName === b.buildingName);
  const sameFloor = rooms.find((r) => r.buildingName === b.buildingName && r.floorName === b.floorName);
  rooms.push({
    facility: [],
    ...project(b, view),
    roomId: next("roomId"),
    buildingId: sameBuilding?.buildingId ?? next("buildingId"),
    floorId: sameFloor?.floorId ?? next("floorId"),
  });
  return base.reply();
};

const getWorkplaceMeetingRoom: Override = (ctx, base) => {
  const roomId = Number(ctx.pathParams.roomId);
  const room = findRoom(ctx, base, roomId);
  return room ? base.reply([[["data"], projectData(ctx.op, room)]]) : roomNotFound(ctx, roomId);
};

/** Deleting a room cancels its bookings (the admin portal's help says so). */
const deleteWorkplaceMeetingRoom: Override = (ctx, base) => {
  const reply = base.derived!(ctx);
  if (reply.status < 300) {
    const roomId = Number(ctx.pathParams.roomId);
    const name = MEETINGS(base.model);
    ctx.state.dataset.collections[name] = records(ctx, name).filter((m) => m.roomId !== roomId);
  }
  return reply;
};

/**
 * Generated meetings are booked into generated rooms and users: hourly from two hours before the clock's current
 * hour, in the first five rooms, so a mock started now has meetings that ended, one in progress and some to come.
 */
export const prepareWorkplaceMeetings: Prepare = (state, models) => {
  const model = models.workplace;
  const meetings = state.dataset.collections[MEETINGS(model)] ?? [];
  const rooms = state.dataset.collections[ROOMS(model)] ?? [];
  const users = (state.dataset.collections[USERS(model)] ?? []).filter((u) => typeof u.memberId === "number");
  if (!rooms.length || !users.length) return;
  const inUse = Math.min(5, rooms.length);
  const first = Math.floor(state.now() / 1000 / HOUR) * HOUR - 2 * HOUR;
  meetings.forEach((m, i) => {
    const room = rooms[i % inUse]!;
    const start = first + Math.floor(i / inUse) * HOUR;
    Object.assign(m, {
      roomId: room.roomId,
      startTime: start,
      endTime: start + [30, 45, 60][i % 3]! * MINUTE,
      hostId: users[i % users.length]!.memberId,
      participantIds: [users[(i + 1) % users.length]!.memberId],
      meetingId: newMeetingId(state, room.roomId, start),
    });
    for (const field of ["repeat", "checkedInTime", "endedTime", "status"]) delete m[field];
  });
};

export const WORKPLACE_MEETING_OVERRIDES: Readonly<Record<string, Override>> = {
  createWorkplaceMeeting,
  listWorkplaceMeetings,
  getWorkplaceMeeting,
  updateWorkplaceMeeting,
  deleteWorkplaceMeeting,
  checkInWorkplaceMeeting,
  extendWorkplaceMeeting,
  endWorkplaceMeeting,
  queryWorkplaceMeetingRoomAccess,
  createWorkplaceMeetingRoom,
  getWorkplaceMeetingRoom,
  deleteWorkplaceMeetingRoom,
};
