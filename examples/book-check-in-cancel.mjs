#!/usr/bin/env node
// Book, check in, cancel: books a weekly meeting that starts in five minutes in a room that is
// free, checks the organizer in to today's meeting (it becomes STARTED), then cancels the rest of
// the series (deleteScope ALL deletes every meeting of it that has not started). The room's
// meetings after each step go to stderr; the room's meetings at the end, as a table, to stdout.
//
//   node book-check-in-cancel.mjs [roomId] [organizerMemberId]
//
// Without arguments it takes the first room free for the next hour and the first user as the
// organizer. Runs against the local mock server unless WORKPLACE_CLIENT_ID and
// WORKPLACE_CLIENT_SECRET are set: then it books, checks in and cancels in YOUR account.
import { connectWorkplace } from "./lib/connect.mjs";
import { clockTime } from "./lib/day.mjs";
import { run, UsageError } from "./lib/run.mjs";
import { formatTable } from "./lib/table.mjs";

const MINUTE = 60;

/** @param {string | undefined} arg @param {string} name */
function id(arg, name) {
  if (arg === undefined) return undefined;
  if (!/^\d{1,15}$/.test(arg)) throw new UsageError(`${name} must be a whole number such as 2863, got "${arg}"`);
  return Number(arg);
}

run(async (args) => {
  if (args.length > 2) throw new UsageError("Usage: node book-check-in-cancel.mjs [roomId] [organizerMemberId]");
  const wantedRoom = id(args[0], "roomId");
  const wantedHost = id(args[1], "organizerMemberId");
  const workplace = await connectWorkplace();
  const wp = workplace.client;
  try {
    console.error(`Book, check in, cancel on ${workplace.target}`);
    const now = Math.floor(Date.now() / 1000 / MINUTE) * MINUTE;
    const startTime = now + 5 * MINUTE;
    const endTime = startTime + 30 * MINUTE;
    /** @param {number} roomId @param {number} from @param {number} to */
    const meetingsIn = (roomId, from, to) =>
      wp.paginate("/services/openapi/v1.0/room/meeting_list", { params: { query: { roomIds: String(roomId), startTime: from, endTime: to, pageSize: 50 } } }).toArray();

    let roomId = wantedRoom;
    if (roomId === undefined) {
      const rooms = await wp.paginate("/services/openapi/v1.0/room/room_list", { params: { query: { pageSize: 50 } } }).toArray();
      for (const room of rooms) {
        if ((await meetingsIn(room.roomId, now, now + 60 * MINUTE)).length === 0) {
          roomId = room.roomId;
          break;
        }
      }
      if (roomId === undefined) throw new UsageError("No meeting room is free for the next hour; name one: node book-check-in-cancel.mjs <roomId>");
    }
    let hostId = wantedHost;
    if (hostId === undefined) {
      const { data } = await wp.GET("/services/openapi/v1.0/user/user_list", { params: { query: { pageSize: 1 } } });
      hostId = data.data?.list?.[0]?.memberId;
      if (hostId === undefined) throw new UsageError("The account has no user to organize the meeting; name one: node book-check-in-cancel.mjs <roomId> <memberId>");
    }

    // 1. Book. The response does not carry the new meeting's ID: find it by room and time.
    await wp.POST("/services/openapi/v1.0/room/meeting_create", {
      body: { subject: "Example stand-up", startTime, endTime, hostId, roomId, repeat: { type: "WEEKLY" } },
    });
    const booked = (await meetingsIn(roomId, startTime, Number.MAX_SAFE_INTEGER)).filter((m) => m.subject === "Example stand-up" && m.hostId === hostId);
    const first = booked.find((m) => m.startTime === startTime);
    if (!first?.meetingId) throw new Error(`the new meeting was not found in room ${roomId}`);
    console.error(`1. booked room ${roomId} for "Example stand-up", ${clockTime(startTime)}-${clockTime(endTime)}, weekly: ${booked.length} meetings of the series listed`);

    // 2. Check in to today's meeting (it is about to start): the organizer's check-in starts it.
    const { data: checkedIn } = await wp.POST("/services/openapi/v1.0/room/check_in", { body: { memberId: hostId, roomId } });
    console.error(`2. checked in member ${hostId}: meeting ${checkedIn.data.meetingId} is ${checkedIn.data.meetingStatus}`);

    // 3. Cancel the series: a started meeting cannot be deleted, so name the next one; ALL deletes
    // every meeting of the series that has not started, and today's (started) one stays.
    const next = booked.find((m) => (m.startTime ?? 0) > startTime);
    if (!next?.meetingId) throw new Error("the series has no later meeting to cancel");
    await wp.DELETE("/services/openapi/v1.0/room/meeting_delete", { params: { query: { meetingId: next.meetingId, deleteScope: "ALL" } } });
    const left = (await meetingsIn(roomId, startTime, Number.MAX_SAFE_INTEGER)).filter((m) => m.subject === "Example stand-up" && m.hostId === hostId);
    console.error(`3. cancelled the series (deleteScope ALL): ${left.length} meeting${left.length === 1 ? "" : "s"} of it left`);

    console.log(formatTable(["meetingId", "start", "end", "status", "subject"], left.map((m) => [m.meetingId, clockTime(m.startTime), clockTime(m.endTime), m.status, m.subject])));
  } finally {
    await workplace.close();
  }
});
