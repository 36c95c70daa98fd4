#!/usr/bin/env node
// What a service provider bills: every Cloud PBX with its plan and capacities, and the package
// subscription of every YCM user, as two CSV files in a directory (default: the current one):
//
//   node ycm-billing-collector.mjs [directory]
//     -> <directory>/ycm-cloud-pbxs.csv, <directory>/ycm-user-subscriptions.csv
//
// Runs against the local mock server unless YCM_CLIENT_ID and YCM_CLIENT_SECRET are set.
import { join } from "node:path";
import { connectYcm } from "./lib/connect.mjs";
import { writeCsvFile } from "./lib/csv-file.mjs";
import { progress, progressDone } from "./lib/progress.mjs";
import { run, UsageError } from "./lib/run.mjs";

// The billing fields of a Cloud PBX (YcmCloudPbx in the spec), in the spec's order.
const PBX_COLUMNS = /** @type {const} */ ([
  "cloudPbxId",
  "name",
  "sn",
  "pbxStatus",
  "plan",
  "planExpirationDate",
  "extensionCapacity",
  "concurrentCallCapacity",
  "recordingStatus",
  "recordingCapacity",
  "transcriptionCapacity",
  "region",
  "url",
  "type",
  "expirationDate",
]);

// Every field of a user's subscription (YcmUserSubscription in the spec), in the spec's order.
const SUBSCRIPTION_COLUMNS = /** @type {const} */ ([
  "totalExtensions",
  "usedExtensions",
  "totalConcurrentCalls",
  "usedConcurrentCalls",
  "totalRecordings",
  "usedRecordings",
  "totalUltimatePlan",
  "usedUltimatePlan",
  "minimumExtPerPbx",
  "highAvailability",
  "whiteLabel",
  "totalConnections",
  "totalCustomDomains",
]);

// Subscriptions are one call per user: this many in flight at once (YCM limits request rates).
const CONCURRENCY = 4;

run(async (args) => {
  if (args.length > 1) throw new UsageError("Usage: node ycm-billing-collector.mjs [directory]");
  const dir = args[0] ?? ".";
  const ycm = await connectYcm();
  console.error(`Collecting billing data from ${ycm.target}`);
  try {
    const pbxFile = join(dir, "ycm-cloud-pbxs.csv");
    let pbxs = 0;
    await writeCsvFile(pbxFile, PBX_COLUMNS, async (write) => {
      // Sorted by cloudPbxId (a documented value of `sort`), so two runs give files that diff cleanly.
      const pages = ycm.client.paginate("/dm/open_api/v2/cloud_pbx/instances", { params: { query: { pageSize: 50, sort: "cloudPbxId" } }, concurrency: 4 });
      for await (const page of pages.pages()) {
        await write(page.items.map((pbx) => PBX_COLUMNS.map((column) => pbx[column])));
        pbxs += page.items.length;
        progress(`fetched ${pbxs}${page.total === undefined ? "" : `/${page.total}`} Cloud PBXs`);
      }
    });
    progressDone();
    console.error(`Wrote ${pbxs} Cloud PBXs to ${pbxFile}`);

    const subscriptionFile = join(dir, "ycm-user-subscriptions.csv");
    let users = 0;
    await writeCsvFile(subscriptionFile, ["userId", "email", "company", ...SUBSCRIPTION_COLUMNS], async (write) => {
      const pages = ycm.client.paginate("/dm/open_api/v2/users", { params: { query: { pageSize: 50, sort: "userId" } } });
      for await (const page of pages.pages()) {
        // One page of users at a time, CONCURRENCY subscriptions in flight, rows in the users' order.
        for (let i = 0; i < page.items.length; i += CONCURRENCY) {
          const batch = page.items.slice(i, i + CONCURRENCY);
          const subscriptions = await Promise.all(
            batch.map((user) => ycm.client.GET("/dm/open_api/v1/users/{userId}/subscription_info", { params: { path: { userId: user.userId } } })),
          );
          await write(batch.map((user, j) => [user.userId, user.email, user.company, ...SUBSCRIPTION_COLUMNS.map((column) => subscriptions[j]?.data.data[column])]));
          users += batch.length;
        }
        progress(`fetched ${users}${page.total === undefined ? "" : `/${page.total}`} subscriptions`);
      }
    });
    progressDone();
    console.error(`Wrote ${users} user subscriptions to ${subscriptionFile}`);
  } finally {
    await ycm.close();
  }
});
