// Our spec-derived mock server beside Prism (@stoplight/prism-cli, the mock people run from an
// OpenAPI document), serving the same bundled YCM description with validation on both sides:
// requests per second and p99 latency for a list call (a page of 10) and a get by id, 10
// connections over loopback, measured by autocannon. Each server runs in its own process, and
// they take turns, so neither shares the load generator's event loop or the other's CPU time.
//
// Prism is measured twice: as people run it (`--errors` only: its default `info` logging writes
// lines per request to stdout, here sent to /dev/null, the cheapest sink), which is how issue 10's
// reference figures were taken and so what the 10x target is judged against; and quiet
// (`--verboseLevel error`), its best case, whose ratio is reported beside it.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { startMockProcess } from "./mock.mjs";
import { median } from "./stats.mjs";

const SPEC = fileURLToPath(new URL("../../spec/dist/ycm.openapi.json", import.meta.url));
const PRISM = fileURLToPath(new URL("../node_modules/.bin/prism", import.meta.url));
export const MOCK_TARGET = { ratio: 10 };

/** The servers measured, by the key each result row carries; the Prism variants differ only in their flags. */
export const SERVERS = {
  ours: "our mock (derived from the spec)",
  prism: "Prism 5.14 as people run it (prism mock --errors: info log to /dev/null)",
  "prism-quiet": "Prism 5.14 quiet (prism mock --errors --verboseLevel error)",
};
const PRISM_FLAGS = { prism: [], "prism-quiet": ["--verboseLevel", "error"] };

/**
 * A call's rows by key. A result saved before Prism was measured both ways has no keys: its one Prism
 * ran quiet (`--verboseLevel error`), so it is that, and there is no default-Prism row.
 * @returns {{ ours?: any, prism?: any, "prism-quiet"?: any }}
 */
export function serversByKey(servers) {
  return Object.fromEntries(servers.map((s) => [s.key ?? (s.server.startsWith("Prism") ? "prism-quiet" : "ours"), s]));
}

/**
 * Rounds of (call x server) slices, each server taking its turn in every round, so a slow start or a
 * busy moment of the machine does not land on one server only; each figure is the median of the rounds.
 * @param {{ duration?: number, warmup?: number, connections?: number, rounds?: number }} options
 */
export async function runMockVsPrism({ duration = 5, warmup = 3, connections = 10, rounds = 3 } = {}) {
  const ours = await startMockProcess({ validate: true });
  const prisms = [];
  try {
    for (const key of Object.keys(PRISM_FLAGS)) prisms.push({ key, ...(await startPrism(PRISM_FLAGS[key])) });
    const token = await ycmToken(ours.url, ours.credentials);
    const userId = ours.ycmUserIds[3];
    const headers = { "user-agent": "OpenAPI", authorization: `Bearer ${token}` };
    const calls = [
      { call: "list (GET /dm/open_api/v2/users?pageSize=10)", path: "/dm/open_api/v2/users?pageSize=10" },
      { call: "get by id (GET /dm/open_api/v1/users/{userId})", path: `/dm/open_api/v1/users/${userId}` },
    ];
    const servers = [{ key: "ours", url: ours.url }, ...prisms].map(({ key, url }) => ({ key, server: SERVERS[key], url }));
    const slices = new Map();
    for (const { path } of calls) {
      for (const { server, url } of servers) {
        // Both must answer the call correctly before they are timed.
        const check = await fetch(`${url}${path}`, { headers });
        const body = await check.json();
        if (check.status !== 200 || body.status !== "Success") throw new Error(`${server}: ${path} answered HTTP ${check.status} ${JSON.stringify(body).slice(0, 200)}`);
        const items = Array.isArray(body.data?.list) ? body.data.list.length : undefined;
        slices.set(`${path} ${server}`, { items, runs: [] });
        await load(`${url}${path}`, headers, connections, warmup);
      }
    }
    for (let round = 0; round < rounds; round++) {
      for (const { path } of calls) {
        for (const { server, url } of servers) {
          const r = await load(`${url}${path}`, headers, connections, duration);
          if (r.non2xx || r.errors || r.timeouts) throw new Error(`${server}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts under load`);
          slices.get(`${path} ${server}`).runs.push({ rps: r.requests.average, p99: r.latency.p99, p50: r.latency.p50 });
        }
      }
    }
    const results = calls.map(({ call, path }) => ({
      call,
      servers: servers.map(({ key, server }) => {
        const { items, runs } = slices.get(`${path} ${server}`);
        const row = { key, server, rps: median(runs.map((r) => r.rps)), p99: median(runs.map((r) => r.p99)), p50: median(runs.map((r) => r.p50)), runs, items };
        console.log(`  ${call}: ${server}: ${row.rps.toFixed(0)} req/s, p99 ${row.p99} ms${items === undefined ? "" : `, ${items} items`}`);
        return row;
      }),
    }));
    return { duration, warmup, connections, rounds, results };
  } finally {
    await ours.stop();
    for (const prism of prisms) await prism.stop();
  }
}

function load(url, headers, connections, duration) {
  return autocannon({ url, headers, connections, duration, pipelining: 1 });
}

async function ycmToken(url, { clientId, clientSecret }) {
  const res = await fetch(`${url}/dm/open_api/oauth/token`, {
    method: "POST",
    headers: { "user-agent": "OpenAPI", "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret }),
  });
  if (res.status !== 200) throw new Error(`our mock refused the token request: HTTP ${res.status}`);
  return (await res.json()).access_token;
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/** `prism mock` on the bundled spec, on 127.0.0.1, with `flags` added; resolves once it answers. */
async function startPrism(flags) {
  const port = await freePort();
  // --errors: a request or response that breaks the spec is an error answer, as in our mock. Prism
  // logs to stdout; nothing here reads it, so it goes to /dev/null, the cheapest place to write.
  const child = spawn(PRISM, ["mock", SPEC, "--host", "127.0.0.1", "--port", String(port), "--errors", ...flags], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`prism exited with ${child.exitCode} before listening`);
    try {
      await fetch(`${url}/dm/open_api/v2/users`, { headers: { "user-agent": "OpenAPI", authorization: "Bearer x" } });
      break;
    } catch {
      if (i > 300) throw new Error("prism did not start within 60 s");
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
