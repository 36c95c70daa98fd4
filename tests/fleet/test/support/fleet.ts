// What the fleet tests share: the mock's per-request log (arrival times seen from the server's
// side), starting N workers, and the secret grep.
import { createYcmClient } from "@yeastar-openapi/client";
import { startMockServer, type MockServer, type MockServerOptions } from "@yeastar-openapi/mock-server";
import { expect } from "vitest";
import { startWorker, type Worker } from "./workers.js";

export interface Arrival {
  operationId: string | undefined;
  status: number | undefined;
  /** When the request reached the mock (its log time less the time it took to answer). */
  at: number;
  /** When the mock answered it. */
  end: number;
  message: string;
}

export async function startMock(options: MockServerOptions = {}): Promise<{ server: MockServer; arrivals: Arrival[]; logLines: string[] }> {
  const arrivals: Arrival[] = [];
  const logLines: string[] = [];
  const server = await startMockServer({
    ycmUsers: 20,
    // What is measured here is the fleet, not the mock's own spec checks (tested in its
    // package): without them the mock answers hundreds of calls a second even on a busy machine.
    validate: false,
    ...options,
    onLog: (event) => {
      logLines.push(JSON.stringify(event));
      if (event.level === "info") {
        const end = Date.now();
        arrivals.push({ operationId: event.operationId, status: event.status, at: end - (event.durationMs ?? 0), end, message: event.message });
      }
    },
  });
  // The mock compiles its validators on the first requests: a first grant that takes seconds
  // on a busy machine is the mock warming up, not the fleet. Warm it, then count from zero.
  const { clientId, clientSecret } = server.credentials.ycm;
  const ycm = createYcmClient({ baseUrl: server.url, clientId, clientSecret });
  await ycm.GET("/dm/open_api/v2/users");
  await ycm.GET("/dm/open_api/v1/users/{userId}", { params: { path: { userId: server.dataset.collections.YcmUser![0]!.userId } } });
  server.stats.reset();
  arrivals.length = 0;
  return { server, arrivals, logLines };
}

export async function startWorkers(count: number, script: string, config: (i: number) => unknown): Promise<Worker[]> {
  const workers = Array.from({ length: count }, (_, i) => startWorker(script, config(i)));
  await Promise.all(workers.map((w) => w.next("ready")));
  return workers;
}

/** No secret or token in any of `texts` (printed output, keys, log lines, error messages). */
export function expectNoSecret(texts: string[], secrets: (string | undefined)[]): void {
  const known = secrets.filter((s): s is string => typeof s === "string" && s.length >= 8);
  expect(known.length).toBeGreaterThan(0);
  for (const text of texts) {
    for (const secret of known) {
      // A boolean, so a failure does not print the secret it found.
      expect(text.includes(secret), `a secret (${secret.length} characters, starting ${secret.slice(0, 3)}...) was found`).toBe(false);
    }
  }
}
