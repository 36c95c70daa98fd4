#!/usr/bin/env node
// Today's meetings per room: every meeting room of the Workplace account, then each room's
// meetings of the day, as one table on stdout (rooms without a meeting say so).
//
//   node todays-meetings.mjs [YYYY-MM-DD]     (default: today, in the machine's time zone)
//
// Runs against the local mock server unless WORKPLACE_CLIENT_ID and WORKPLACE_CLIENT_SECRET are
// set (WORKPLACE_BASE_URL=https://eu.workplace.yeastar.com for accounts registered in Europe).
import { connectWorkplace } from "./lib/connect.mjs";
import { clockTime, dayBounds } from "./lib/day.mjs";
import { run, UsageError } from "./lib/run.mjs";
import { formatTable } from "./lib/table.mjs";

run(async (args) => {
  const day = dayBounds(args[0]);
  if (args.length > 1 || !day) {
    throw new UsageError(`Usage: node todays-meetings.mjs [YYYY-MM-DD]   (a real date such as 2026-03-09; default today), got "${args.join(" ")}"`);
  }
  const workplace = await connectWorkplace();
  try {
    console.error(`Meetings on ${day.label}, per room, from ${workplace.target}`);
    // Workplace publishes no maximum page size; 50 is a size any account accepts.
    const rooms = await workplace.client.paginate("/services/openapi/v1.0/room/room_list", { params: { query: { pageSize: 50 } } }).toArray();
    const rows = [];
    let meetings = 0;
    for (const room of rooms) {
      // The time window selects the day; the mock (and, we read, Workplace) returns meetings that overlap it.
      const ofRoom = await workplace.client
        .paginate("/services/openapi/v1.0/room/meeting_list", {
          params: { query: { roomIds: String(room.roomId), startTime: day.start, endTime: day.end, pageSize: 50 } },
        })
        .toArray();
      ofRoom.sort((a, b) => (a.startTime ?? 0) - (b.startTime ?? 0));
      meetings += ofRoom.length;
      if (ofRoom.length === 0) rows.push([room.roomId, room.name, "", "", "", "(no meetings)"]);
      for (const m of ofRoom) rows.push([room.roomId, room.name, clockTime(m.startTime, day.label), clockTime(m.endTime, day.label), m.status, m.subject]);
    }
    console.log(formatTable(["roomId", "room", "start", "end", "status", "subject"], rows));
    console.error(`${meetings} meeting${meetings === 1 ? "" : "s"} in ${rooms.length} room${rooms.length === 1 ? "" : "s"} on ${day.label}.`);
  } finally {
    await workplace.close();
  }
});
