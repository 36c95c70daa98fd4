#!/usr/bin/env node
// The Workplace users that match a keyword (email, name, mobile number or group name), as a
// table on stdout.
//
//   node list-workplace-users.mjs <keyword>
//
// Runs against the local mock server unless WORKPLACE_CLIENT_ID and WORKPLACE_CLIENT_SECRET are
// set (WORKPLACE_BASE_URL=https://eu.workplace.yeastar.com for accounts registered in Europe).
import { connectWorkplace } from "./lib/connect.mjs";
import { run, UsageError } from "./lib/run.mjs";
import { formatTable } from "./lib/table.mjs";

run(async (args) => {
  const keyword = args[0]?.trim();
  if (args.length !== 1 || !keyword) {
    throw new UsageError('Usage: node list-workplace-users.mjs <keyword>   (part of an email, name, mobile number or group name, e.g. "sales")');
  }
  const workplace = await connectWorkplace();
  try {
    console.error(`Searching Workplace users for "${keyword}" on ${workplace.target}`);
    // Workplace publishes no maximum page size; 50 is a size any account accepts.
    const users = await workplace.client
      .paginate("/services/openapi/v1.0/user/user_list", { params: { query: { query: keyword, pageSize: 50 } } })
      .toArray();
    if (users.length === 0) {
      console.error(`No Workplace user matches "${keyword}".`);
      return;
    }
    const rows = users.map((u) => [u.userId, [u.firstName, u.lastName].filter(Boolean).join(" "), u.email, u.roleName, u.inviteStatus]);
    console.log(formatTable(["userId", "name", "email", "role", "inviteStatus"], rows));
    console.error(`${users.length} Workplace user${users.length === 1 ? "" : "s"} match "${keyword}".`);
  } finally {
    await workplace.close();
  }
});
