// Part 2: paging throughput. 10,000 YCM users in 200 pages of 50, the server adding 20 ms to
// every answer, walked with paginate() at several concurrencies. The ideal is what latency alone
// allows: the first page (it tells the total), then the remaining pages in rounds of
// `concurrency`, each round one latency long.
import { createYcmClient } from "@yeastar-openapi/client";
import { startMockProcess } from "./mock.mjs";
import { median } from "./stats.mjs";

const USERS = "/dm/open_api/v2/users";
export const PAGING = { users: 10_000, pageSize: 50, latencyMs: 20, concurrencies: [1, 4, 8], runs: 5 };

export function idealMs({ pages, concurrency, latencyMs }) {
  return latencyMs * (1 + Math.ceil((pages - 1) / concurrency));
}

export async function runPaging({ runs = PAGING.runs, log = console.log } = {}) {
  const { users, pageSize, latencyMs } = PAGING;
  // Validation off, as in part 1: the figure is the client's walk, not Ajv's time per page.
  const server = await startMockProcess({ ycmUsers: users, latencyMs, validate: false });
  try {
    const ycm = createYcmClient({ baseUrl: server.url, ...server.credentials });
    // The token request and the first connection are not part of a walk.
    await ycm.GET(USERS, { params: { query: { pageSize: 1 } } });
    const pages = Math.ceil(users / pageSize);
    const token = await requestToken(server);
    const results = [];
    for (const concurrency of PAGING.concurrencies) {
      const walls = [];
      const rawWalls = [];
      const ourWalk = async () => {
        const start = performance.now();
        const ids = [];
        for await (const user of ycm.paginate(USERS, { params: { query: { pageSize } }, concurrency })) ids.push(user.userId);
        walls.push(performance.now() - start);
        checkOrder(ids, server.ycmUserIds, concurrency);
      };
      // Interleaved, the first walk alternating, so a slow spell of the machine hits both alike.
      for (let run = 0; run < runs; run++) {
        const walkRaw = async () => rawWalls.push(await rawWalk(server, token, pages, concurrency));
        for (const walk of run % 2 === 0 ? [ourWalk, walkRaw] : [walkRaw, ourWalk]) await walk();
      }
      const ideal = idealMs({ pages, concurrency, latencyMs });
      const wall = median(walls);
      const rawWall = median(rawWalls);
      log(`  paging: concurrency ${concurrency}: ${walls.map((w) => w.toFixed(0)).join(", ")} ms (ideal ${ideal} ms, raw fetch ${rawWall.toFixed(0)} ms)`);
      results.push({ concurrency, runs: walls, wall, ideal, ratio: wall / ideal, inOrder: true, rawWall, rawRatio: rawWall / ideal });
    }
    return { users, pageSize, pages, latencyMs, runs, results };
  } finally {
    await server.stop();
  }
}

// The reference: the same walk with nothing but fetch, JSON.parse and a window of requests in
// page order. What it loses to the ideal is the server's and the machine's, not the client's.
async function rawWalk(server, token, pages, concurrency) {
  const headers = { Authorization: `Bearer ${token}`, "User-Agent": "yeastar-openapi-bench" };
  const load = async (page) => {
    const response = await fetch(`${server.url}${USERS}?pageSize=${PAGING.pageSize}&pageNumber=${page}`, { headers });
    return JSON.parse(await response.text()).data.list;
  };
  const start = performance.now();
  const ids = (await load(1)).map((user) => user.userId);
  const inFlight = [];
  let next = 2;
  while (inFlight.length > 0 || next <= pages) {
    while (inFlight.length < concurrency && next <= pages) inFlight.push(load(next++));
    for (const user of await inFlight.shift()) ids.push(user.userId);
  }
  const wall = performance.now() - start;
  checkOrder(ids, server.ycmUserIds, concurrency);
  return wall;
}

async function requestToken(server) {
  const response = await fetch(`${server.url}/dm/open_api/oauth/token`, {
    method: "POST",
    headers: { "User-Agent": "yeastar-openapi-bench", "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: server.credentials.clientId, client_secret: server.credentials.clientSecret }),
  });
  return (await response.json()).access_token;
}

// Fast and wrong would be worthless: every user once, in the server's order.
function checkOrder(ids, expected, concurrency) {
  if (ids.length !== expected.length) throw new Error(`paging at concurrency ${concurrency} yielded ${ids.length} users, expected ${expected.length}`);
  const wrong = ids.findIndex((id, i) => id !== expected[i]);
  if (wrong !== -1) throw new Error(`paging at concurrency ${concurrency} is out of order at item ${wrong}`);
}
