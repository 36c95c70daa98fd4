#!/usr/bin/env node
// The subordinate users of your YCM account that match a keyword, as a table on stdout.
//
//   node search-ycm-subordinates.mjs <keyword>
//
// Runs against the local mock server unless YCM_CLIENT_ID and YCM_CLIENT_SECRET are set.
import { connectYcm } from "./lib/connect.mjs";
import { run, UsageError } from "./lib/run.mjs";
import { formatTable } from "./lib/table.mjs";

run(async (args) => {
  const keyword = args[0]?.trim();
  if (args.length !== 1 || !keyword) {
    throw new UsageError('Usage: node search-ycm-subordinates.mjs <keyword>   (part of a name, email or user ID, e.g. "li")');
  }
  const ycm = await connectYcm();
  try {
    console.error(`Searching YCM subordinates for "${keyword}" on ${ycm.target}`);
    const subordinates = await ycm.client
      .paginate("/dm/open_api/v1/user_info/subordinates", { params: { query: { query: keyword, pageSize: 50 } } })
      .toArray();
    if (subordinates.length === 0) {
      console.error(`No subordinate matches "${keyword}".`);
      return;
    }
    const rows = subordinates.map((s) => [s.userId, s.userName, s.userEmail]);
    console.log(formatTable(["userId", "userName", "userEmail"], rows));
    console.error(`${subordinates.length} subordinate${subordinates.length === 1 ? "" : "s"} match "${keyword}".`);
  } finally {
    await ycm.close();
  }
});
