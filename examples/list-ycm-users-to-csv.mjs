#!/usr/bin/env node
// Every YCM user to a CSV file, 50 per page with 4 pages in flight, progress on stderr.
//
//   node list-ycm-users-to-csv.mjs [file.csv]        (default: ycm-users.csv)
//
// Runs against the local mock server unless YCM_CLIENT_ID and YCM_CLIENT_SECRET are set.
import { connectYcm } from "./lib/connect.mjs";
import { writeCsvFile } from "./lib/csv-file.mjs";
import { progress, progressDone } from "./lib/progress.mjs";
import { run, UsageError } from "./lib/run.mjs";

// Every field of a YCM user (YcmUser in the spec), in the spec's order.
const COLUMNS = /** @type {const} */ ([
  "userId",
  "company",
  "firstName",
  "lastName",
  "email",
  "phone",
  "mobile",
  "address",
  "remark",
  "createdCloudPbx",
  "userType",
  "twoFactorAuthenticationEnable",
]);

run(async (args) => {
  if (args.length > 1) throw new UsageError("Usage: node list-ycm-users-to-csv.mjs [file.csv]");
  const file = args[0] ?? "ycm-users.csv";
  const ycm = await connectYcm();
  console.error(`Listing YCM users from ${ycm.target}`);
  let written = 0;
  try {
    // Written beside the target and renamed at the end (lib/csv-file.mjs), so a failed run never
    // leaves a truncated file that looks complete.
    await writeCsvFile(file, COLUMNS, async (write) => {
      // Sorted by userId (a documented value of `sort`), so two runs give files that diff cleanly.
      const users = ycm.client.paginate("/dm/open_api/v2/users", {
        params: { query: { pageSize: 50, sort: "userId" } },
        concurrency: 4,
      });
      for await (const page of users.pages()) {
        await write(page.items.map((user) => COLUMNS.map((column) => user[column])));
        written += page.items.length;
        progress(`fetched ${written}${page.total === undefined ? "" : `/${page.total}`} YCM users`);
      }
      progressDone();
    });
  } finally {
    await ycm.close();
  }
  console.error(`Wrote ${written} YCM users to ${file}`);
});
