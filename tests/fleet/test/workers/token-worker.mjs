// One member of the fleet: a YCM client on client credentials whose tokens live in a shared
// store (Redis or a file), built from the BUILT client through its package exports. The test
// tells it over IPC to make N calls at once; it reports each token request it is about to send
// (so the test can kill the process that holds the refresh lock mid-refresh).
import { createYcmClient } from "@yeastar-openapi/client";
import { redisTokenStore, redisRateBudget } from "@yeastar-openapi/client/redis";
import { fileTokenStore } from "@yeastar-openapi/client/token-store-file";
import { createClient } from "redis";

const config = JSON.parse(process.argv[2]);
const send = (message) => process.send?.(message);

let redis;
if (config.redisUrl) {
  redis = createClient({ url: config.redisUrl });
  redis.on("error", (error) => send({ type: "warning", message: `redis: ${error.message}` }));
  await redis.connect();
}
const key = { baseUrl: config.baseUrl, clientId: config.clientId };
const tokenStore = config.store === "file" ? fileTokenStore({ path: config.path, ...config.storeOptions }) : redisTokenStore(redis, { ...key, ...config.storeOptions });
const rateBudget = config.budget ? redisRateBudget(redis, { ...key, ...config.budget }) : undefined;

const ycm = createYcmClient({
  baseUrl: config.baseUrl,
  clientId: config.clientId,
  clientSecret: config.clientSecret,
  tokenStore,
  ...(rateBudget && { rateBudget }),
  timeoutMs: config.timeoutMs ?? 30_000,
  retry: { baseDelayMs: 20, maxDelayMs: 200, maxRetryAfterMs: 5_000 },
  onWarning: (message) => console.log(`warning: ${message}`),
  // The real fetch; a token request is announced first (the holder of the refresh lock is the
  // only process that sends one).
  fetch: (request) => {
    if (new URL(request.url).pathname.endsWith("/oauth/token")) send({ type: "grant", pid: process.pid, at: Date.now() });
    return fetch(request);
  },
});

async function calls(n, userIds) {
  const results = await Promise.allSettled(
    Array.from({ length: n }, (_, i) => ycm.GET("/dm/open_api/v1/users/{userId}", { params: { path: { userId: userIds[i % userIds.length] } } })),
  );
  const errors = results.filter((r) => r.status === "rejected").map((r) => `${r.reason?.name}: ${r.reason?.message}`);
  // Errors are printed as a user's log would print them, for the secret grep.
  for (const r of results) if (r.status === "rejected") console.log(r.reason);
  return { ok: results.length - errors.length, failed: errors.length, errors };
}

/** Calls one after another on `lanes` lanes until `untilMs` (epoch ms), for the rate budget. */
async function steady(lanes, untilMs) {
  let ok = 0;
  const errors = [];
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (Date.now() < untilMs) {
        try {
          await ycm.GET("/dm/open_api/v2/users", { params: { query: { pageSize: 5 } } });
          ok++;
        } catch (error) {
          console.log(error);
          errors.push(`${error?.name}: ${error?.message}`);
        }
      }
    }),
  );
  return { ok, failed: errors.length, errors };
}

process.on("message", async (message) => {
  // `at` is when the work ended (taken after it, not in the literal before the await).
  if (message.type === "calls") {
    const result = await calls(message.n, message.userIds);
    send({ type: "done", pid: process.pid, ...result, at: Date.now() });
  }
  if (message.type === "steady") {
    const result = await steady(message.lanes, message.untilMs);
    send({ type: "done", pid: process.pid, ...result, at: Date.now() });
  }
  if (message.type === "exit") {
    await redis?.quit().catch(() => undefined);
    process.disconnect();
    process.exit(0);
  }
});
send({ type: "ready", pid: process.pid });
