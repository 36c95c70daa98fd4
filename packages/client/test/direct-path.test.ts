// Calls without middleware take the client's direct path (URL and headers made with
// openapi-fetch's serialisers, no Request built); once middleware is registered, every call goes
// through openapi-fetch's request(). Both must put the same request on the wire. A recording
// HTTP server on 127.0.0.1 answers every request with a success and keeps what it received.
import fc from "fast-check";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createWorkplaceClient, createYcmClient } from "../src/index.js";

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

let server: Server;
let baseUrl: string;
const received: Received[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    received.push({ method: request.method!, url: request.url!, headers: request.headers });
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify({ status: "Success", errcode: 0, data: { id: 1, list: [], total: 0 } }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/base`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

// The parts of a request that openapi-fetch and the direct path must agree on. Connection
// headers (host, connection, content-length) are the fetch implementation's, not ours.
function wire({ method, url, headers }: Received) {
  const { host, connection, "content-length": _, ...rest } = headers;
  return { method, url, headers: rest };
}

function clients<Client extends { use(...middleware: { onRequest(): undefined }[]): void }>(make: () => Client) {
  const direct = make();
  const viaOpenapiFetch = make();
  // A middleware that changes nothing: its presence alone sends calls through openapi-fetch.
  viaOpenapiFetch.use({ onRequest: () => undefined });
  return { direct, viaOpenapiFetch };
}

async function sentBy(call: () => Promise<unknown>): Promise<ReturnType<typeof wire>> {
  const before = received.length;
  await call();
  expect(received.length, "one request per call").toBe(before + 1);
  return wire(received.at(-1)!);
}

test("path, query and header parameters go on the wire as openapi-fetch puts them", async () => {
  const { direct, viaOpenapiFetch } = clients(() => createYcmClient({ baseUrl, accessToken: "token", maxRetries: 0 }));
  const text = fc.string({ unit: "binary", maxLength: 30 });
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
      fc.record({ pageSize: fc.integer({ min: 1, max: 50 }), pageNumber: fc.integer({ min: 1, max: 10_000 }), query: text }, { requiredKeys: [] }),
      fc.option(fc.string({ unit: fc.constantFrom(..."abcXYZ019-_. "), minLength: 1, maxLength: 20 }), { nil: undefined }),
      async (userId, query, header) => {
        const headers = header === undefined ? undefined : { "X-Trace": header.trim() || "x" };
        const user = (client: typeof direct) => client.GET("/dm/open_api/v1/users/{userId}", { params: { path: { userId } }, headers });
        expect(await sentBy(() => user(direct))).toEqual(await sentBy(() => user(viaOpenapiFetch)));
        const list = (client: typeof direct) => client.GET("/dm/open_api/v1/user_info/subordinates", { params: { query }, headers });
        expect(await sentBy(() => list(direct))).toEqual(await sentBy(() => list(viaOpenapiFetch)));
      },
    ),
    { numRuns: 60 },
  );
});

test("the token goes in the Authorization header on both paths; a caller's User-Agent wins on both", async () => {
  const { direct, viaOpenapiFetch } = clients(() => createWorkplaceClient({ baseUrl, accessToken: () => "fn-token", userAgent: "default-agent" }));
  for (const headers of [undefined, { "User-Agent": "caller-agent" }]) {
    const call = (client: typeof direct) => client.GET("/services/openapi/v1.0/user/user_list", { params: { query: { pageNo: 2 } }, headers });
    const [a, b] = [await sentBy(() => call(direct)), await sentBy(() => call(viaOpenapiFetch))];
    expect(a).toEqual(b);
    expect(a.url).toBe("/base/services/openapi/v1.0/user/user_list?pageNo=2");
    expect(a.headers.authorization).toBe("Bearer fn-token");
    expect(a.headers["user-agent"]).toBe(headers ? "caller-agent" : "default-agent");
  }
});
