import { createWorkplaceClient, createYcmClient, YeastarApiError, type StoredToken, type TokenStore } from "@yeastar-openapi/client";
import { customTokenStore } from "@yeastar-openapi/client/token-store";
import { startMockServer, type MockServer } from "@yeastar-openapi/mock-server";
import { API_NAMES, loadSpec, type ApiName, type Operation } from "@yeastar-openapi/spec-model";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deriveCalls, type Fillers } from "./calls.js";
import { ResponseChecker } from "./validator.js";

/**
 * For every operation of both specs: a call derived from the spec runs through the built client against the
 * built mock on 127.0.0.1, and the answer is a 2XX that validates against the spec. Adding an operation to the
 * spec adds its case here; nothing in this file names an endpoint.
 */

// The credential fields the specs' token operations use (their examples show placeholders for them).
const CREDENTIAL_FIELDS = ["client_id", "client_secret", "refresh_token"];

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer();
});
afterAll(async () => {
  await server?.close();
});

for (const api of API_NAMES) {
  const model = loadSpec(api);
  // Calls that need a token first (the client gets one), then the token operations themselves, in the
  // document's order (so a grant comes before the revocation that ends it).
  const operations = [...model.operations.filter((op) => op.needsToken), ...model.operations.filter((op) => !op.needsToken)];

  describe(`${api}: every operation of the spec`, () => {
    // The client keeps its token here, so the refresh-token examples can be run with a real refresh token.
    let stored: StoredToken | undefined;
    const store = customTokenStore({
      get: () => stored,
      set: (token) => {
        stored = token;
      },
    } satisfies TokenStore);
    const answers: Array<{ status: number; body: unknown }> = [];
    const checker = new ResponseChecker(model);

    const client = (): ReturnType<typeof createYcmClient> | ReturnType<typeof createWorkplaceClient> => {
      const options = {
        baseUrl: server.url,
        ...server.credentials[api],
        tokenStore: store,
        fetch: async (request: Request): Promise<Response> => {
          const response = await globalThis.fetch(request);
          const text = await response.clone().text();
          answers.push({ status: response.status, body: text === "" ? undefined : JSON.parse(text) });
          return response;
        },
      };
      return api === "ycm" ? createYcmClient(options) : createWorkplaceClient(options);
    };

    const fillers = (): Fillers => ({
      pathValue: (name, path) => {
        // A bare `id` (`/shared_trunk/{id}`, `/groups/{id}`) belongs to the resource the segment before it
        // names: `shared_trunk` -> `YcmSharedTrunk`, `groups` -> `YcmGroup`.
        const segment = path?.split("/").at(path.split("/").indexOf(`{${name}}`) - 1);
        if (name === "id" && segment) {
          const key = segment.replace(/_/g, "").replace(/s$/, "").toLowerCase();
          const own = Object.entries(server.dataset.collections).find(([c, records]) => c.toLowerCase().replace(/^(ycm|workplace)/, "") === key && records[0]?.id !== undefined);
          if (own) return own[1][0]!.id;
        }
        for (const records of Object.values(server.dataset.collections)) {
          const found = records.find((r) => r[name] !== undefined);
          if (found) return found[name];
        }
        // `didId` names the `id` of a DID number record (`YcmDidNumber`): the prefix names the collection.
        const prefix = /^(.+)Id$/.exec(name)?.[1]?.toLowerCase();
        const owner = prefix ? Object.entries(server.dataset.collections).find(([c, records]) => c.toLowerCase().includes(prefix) && records[0]?.id !== undefined) : undefined;
        return owner?.[1][0]?.id;
      },
      credential: (field) => {
        if (!CREDENTIAL_FIELDS.includes(field)) return undefined;
        if (field === "client_id") return server.credentials[api].clientId;
        if (field === "client_secret") return server.credentials[api].clientSecret;
        return stored?.refreshToken;
      },
    });

    it("has operations", () => {
      expect(operations.length).toBeGreaterThan(0);
    });

    for (const op of operations) {
      it(`${op.operationId} (${op.method.toUpperCase()} ${op.path})`, async () => {
        for (const call of deriveCalls(op, fillers())) {
          answers.length = 0;
          const method = op.method.toUpperCase() as "GET";
          const init = { params: { path: call.path, query: call.query }, ...(call.body === undefined ? {} : { body: call.body }) };
          // The client's paths are typed per spec; the derived call is checked by the spec instead.
          const stateful = server.statefulOperations.includes(op.operationId);
          const result = await (client()[method] as (path: string, init: unknown) => Promise<{ response: Response }>)(op.path, init).catch(
            (error: unknown) => {
              if (stateful && error instanceof YeastarApiError) return undefined;
              throw error;
            },
          );
          const answer = answers[answers.length - 1];
          expect(answer, `${call.label}: no answer recorded`).toBeDefined();
          if (!result) {
            // The mock's records or clock refuse this call (a booking in the past, a group with members): the
            // refusal must still be a 4xx in the spec's error envelope. workplace-lifecycle.test.ts shows the successes.
            expect(Math.floor(answer!.status / 100), `${call.label}: ${JSON.stringify(answer?.body)}`).toBe(4);
            expect(checker.problems(op.operationId, answer!.status, answer!.body), call.label).toEqual([]);
            continue;
          }
          expect(result.response.status, `${call.label}: ${JSON.stringify(answer?.body)}`).toBeGreaterThanOrEqual(200);
          expect(result.response.status, `${call.label}: ${JSON.stringify(answer?.body)}`).toBeLessThan(300);
          expect(checker.problems(op.operationId, answer!.status, answer!.body), call.label).toEqual([]);
        }
        expect(server.validationErrors).toEqual([]);
      });
    }
  });
}

describe("the mock serves exactly the spec", () => {
  it("counts a request for every operation of both specs", () => {
    const all: Operation[] = API_NAMES.flatMap((api: ApiName) => loadSpec(api).operations);
    for (const op of all) expect(server.stats.requests[op.operationId], op.operationId).toBeGreaterThan(0);
  });
});
