// Part 1: per-request overhead. The same GET through each stack, interleaved in one run (every
// iteration runs each stack once, in random order) after a warm-up, so drift, GC and noise from
// the rest of the machine hit them all alike:
//   raw fetch    fetch() + JSON.parse of the text, headers set by hand
//   raw fetch + timeout  the same with a per-attempt timeout's AbortController and timer: the
//                floor for any client that can time a request out (reference only)
//   openapi-fetch bare createClient() from openapi-fetch, headers set by hand
//   openapi-fetch + timeout  the same, with what a per-attempt timeout costs anyone: an
//                AbortController whose signal goes with the request, and a timer (reference only)
//   our client   createYcmClient() with client credentials (the token manager on), retries
//                (maxRetries 2), the 30 s timeout per attempt and error mapping on: the defaults
//   our client, exact Longs  the same with `int64: int64AsString` (@yeastar-openapi/client/exact):
//                what the exact mode costs on the fast path (no run of 16 digits in the body), which
//                issue 14 bounds at 2% of "our client"
// The mock server runs in its own process with validation off, so the server is not the
// bottleneck and its time is not charged to whichever client happens to share its event loop.
import { createYcmClient } from "@yeastar-openapi/client";
import { int64AsString } from "@yeastar-openapi/client/exact";
import createClient from "openapi-fetch";
import { isDeepStrictEqual } from "node:util";
import { startMockProcess } from "./mock.mjs";
import { median, p99 } from "./stats.mjs";

const USER_AGENT = "yeastar-openapi-bench";
const USERS = "/dm/open_api/v2/users";
const USER = "/dm/open_api/v1/users/{userId}";

export const OVERHEAD_DEFAULTS = { iterations: 5_000, warmup: 1_000 };

export async function runOverhead({ iterations = OVERHEAD_DEFAULTS.iterations, warmup = OVERHEAD_DEFAULTS.warmup, log = console.log } = {}) {
  const server = await startMockProcess({ validate: false });
  try {
    const token = await requestToken(server);
    const userId = server.ycmUserIds[0];
    const stacks = makeStacks(server, token);
    const workloads = [
      { name: "one user (GET /dm/open_api/v1/users/{userId})", path: USER, params: { path: { userId } }, url: `${server.url}/dm/open_api/v1/users/${userId}` },
      { name: "one page of 50 users (GET /dm/open_api/v2/users)", path: USERS, params: { query: { pageSize: 50, pageNumber: 2 } }, url: `${server.url}${USERS}?pageSize=50&pageNumber=2` },
    ];
    const results = [];
    for (const workload of workloads) {
      await checkSameAnswer(stacks, workload);
      log(`  overhead: ${workload.name}: warm-up ${warmup}, then ${iterations} interleaved iterations`);
      await interleave(stacks, workload, warmup);
      const samples = await interleave(stacks, workload, iterations);
      results.push({
        workload: workload.name,
        stacks: stacks.map(({ name, reference }) => ({ name, reference: Boolean(reference), median: median(samples[name]), p99: p99(samples[name]) })),
      });
    }
    return { iterations, warmup, results };
  } finally {
    await server.stop();
  }
}

function makeStacks(server, token) {
  const headers = { Authorization: `Bearer ${token}`, "User-Agent": USER_AGENT };
  /** @type {import("openapi-fetch").Client<import("@yeastar-openapi/client").YcmPaths>} */
  const bare = createClient({ baseUrl: server.url });
  const ours = createYcmClient({ baseUrl: server.url, ...server.credentials, userAgent: USER_AGENT });
  const exact = createYcmClient({ baseUrl: server.url, ...server.credentials, userAgent: USER_AGENT, int64: int64AsString });
  // Both bare stacks take a signal, so their "+ timeout" references differ by the timeout alone.
  const rawFetch = async ({ url }, signal) => {
    const response = await fetch(url, { headers, signal });
    const text = await response.text();
    if (!response.ok) throw new Error(`raw fetch: HTTP ${response.status}`);
    return JSON.parse(text);
  };
  const openapiFetch = async ({ path, params }, signal) => {
    const { data, error, response } = await bare.GET(path, { params, headers, signal });
    if (error !== undefined) throw new Error(`openapi-fetch: HTTP ${response.status}`);
    return data;
  };
  return [
    { name: "raw fetch", run: (workload) => rawFetch(workload) },
    { name: "raw fetch + timeout", reference: true, run: withTimeout(rawFetch) },
    { name: "openapi-fetch", run: (workload) => openapiFetch(workload) },
    { name: "openapi-fetch + timeout", reference: true, run: withTimeout(openapiFetch) },
    { name: "our client", run: async ({ path, params }) => (await ours.GET(path, { params })).data },
    { name: "our client, exact Longs", run: async ({ path, params }) => (await exact.GET(path, { params })).data },
  ];
}

// What a per-attempt timeout costs anyone: an AbortController whose signal goes with the
// request, and a timer, cleared when the request is done.
function withTimeout(run) {
  return async (workload) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 30_000);
    try {
      return await run(workload, controller.signal);
    } finally {
      clearTimeout(timer);
    }
  };
}

// Every iteration runs each stack once, in a fresh random order. A fixed rotation would have each
// stack always follow the same other one and pay for the work that one leaves behind (its garbage,
// its stream and timer clean-up run on the next turns of the event loop): with the rotation,
// our client always followed "openapi-fetch + timeout" and raw fetch always followed our client.
async function interleave(stacks, workload, iterations) {
  const samples = Object.fromEntries(stacks.map(({ name }) => [name, new Float64Array(iterations)]));
  const order = [...stacks];
  for (let i = 0; i < iterations; i++) {
    for (let k = order.length - 1; k > 0; k--) {
      const j = Math.floor(Math.random() * (k + 1));
      [order[k], order[j]] = [order[j], order[k]];
    }
    for (const stack of order) {
      const start = performance.now();
      await stack.run(workload);
      samples[stack.name][i] = performance.now() - start;
    }
  }
  return samples;
}

// A benchmark of stacks that do not fetch the same thing would measure nothing. The
// envelope's requestId and time differ per response; its data must not.
async function checkSameAnswer(stacks, workload) {
  const answers = [];
  for (const stack of stacks) answers.push((await stack.run(workload))?.data);
  if (answers[0] === undefined) throw new Error(`${stacks[0].name} got no data for ${workload.name}`);
  for (const [i, answer] of answers.entries()) {
    if (!isDeepStrictEqual(answer, answers[0])) throw new Error(`${stacks[i].name} answered differently from ${stacks[0].name} for ${workload.name}`);
  }
}

async function requestToken(server) {
  const response = await fetch(`${server.url}/dm/open_api/oauth/token`, {
    method: "POST",
    headers: { "User-Agent": USER_AGENT, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: server.credentials.clientId, client_secret: server.credentials.clientSecret }),
  });
  const body = await response.json();
  if (typeof body?.access_token !== "string") throw new Error(`token request failed: HTTP ${response.status}`);
  return body.access_token;
}
