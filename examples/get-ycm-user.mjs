#!/usr/bin/env node
// One YCM user's details, as JSON on stdout.
//
//   node get-ycm-user.mjs <userId>
//
// Runs against the local mock server unless YCM_CLIENT_ID and YCM_CLIENT_SECRET are set.
import { connectYcm } from "./lib/connect.mjs";
import { run, UsageError } from "./lib/run.mjs";

/**
 * A YCM user ID is a Long: a whole number. Checked here so a typo gets a clear message before
 * any request is made.
 * @param {string | undefined} arg
 */
function parseUserId(arg) {
  if (arg === undefined) throw new UsageError("Usage: node get-ycm-user.mjs <userId>   (a YCM user ID, e.g. 13123)");
  const userId = Number(arg);
  if (!/^\d+$/.test(arg) || !Number.isSafeInteger(userId)) {
    throw new UsageError(`userId must be a whole number such as 13123 (at most ${Number.MAX_SAFE_INTEGER}), got "${arg}"`);
  }
  return userId;
}

run(async (args) => {
  if (args.length > 1) throw new UsageError("Usage: node get-ycm-user.mjs <userId>   (one user ID)");
  const userId = parseUserId(args[0]);
  const ycm = await connectYcm();
  try {
    console.error(`Looking up YCM user ${userId} on ${ycm.target}`);
    const { data } = await ycm.client.GET("/dm/open_api/v1/users/{userId}", { params: { path: { userId } } });
    console.log(JSON.stringify(data.data, null, 2));
  } finally {
    await ycm.close();
  }
});
