// Property-based tests (fast-check): random data sets, page sizes, concurrency, misbehaving
// totals and fault sequences never hang, duplicate or drop an item.
import { createDataset, startMockServer, type Fault } from "@yeastar-openapi/mock-server";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { paginate } from "../src/core/paginate.js";
import { createYcmClient, YeastarError, YeastarPaginationError } from "../src/index.js";
import { FAST_RETRY } from "./mock.js";

describe("over HTTP against the mock", () => {
  test("random data sets page back identically, at any page size and concurrency", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 260 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 8 }),
        async (ycmUsers, seed, pageSize, concurrency) => {
          const server = await startMockServer({ ycmUsers, seed });
          try {
            const ycm = createYcmClient({ baseUrl: server.url, ...server.credentials.ycm });
            const users = await ycm.paginate("/dm/open_api/v2/users", { params: { query: { pageSize } }, concurrency }).toArray();
            const expected = createDataset({ seed, sizes: { YcmUser: ycmUsers } }).collections.YcmUser!;
            expect(users.map((u) => u.userId)).toEqual(expected.map((u) => u.userId));
            // Every field the client got is the record's (records also hold the detail-only fields).
            users.forEach((u, i) => expect(expected[i]).toMatchObject(u));
            expect(server.validationErrors).toEqual([]);
          } finally {
            await server.close();
          }
        },
      ),
      { numRuns: 15 },
    );
  });

  test("random sequences of transient faults: every item exactly once, or a typed error", async () => {
    const server = await startMockServer({ ycmUsers: 120 });
    const expected = server.dataset.collections.YcmUser!.map((u) => u.userId);
    const transient = fc.constantFrom<Fault>(
      { kind: "status", status: 500 },
      { kind: "status", status: 502 },
      { kind: "status", status: 503 },
      { kind: "status", status: 429 },
      { kind: "ycmError", code: 1000040 },
      { kind: "html", status: 502 },
      { kind: "malformedJson" },
      { kind: "drop" },
      { kind: "tokenExpired" },
    );
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.record({ fault: transient, after: fc.integer({ min: 0, max: 6 }), times: fc.integer({ min: 1, max: 2 }) }), { maxLength: 4 }),
          fc.integer({ min: 1, max: 8 }),
          fc.integer({ min: 0, max: 3 }),
          async (faults, concurrency, maxRetries) => {
            server.clearFaults();
            for (const { fault, after, times } of faults) server.inject({ ...fault, operationId: "listYcmUsers", after, times });
            const ycm = createYcmClient({ baseUrl: server.url, ...server.credentials.ycm, retry: FAST_RETRY, maxRetries });
            const started = Date.now();
            try {
              const users = await ycm.paginate("/dm/open_api/v2/users", { params: { query: { pageSize: 25 } }, concurrency }).toArray();
              expect(users.map((u) => u.userId)).toEqual(expected);
            } catch (error) {
              // Too many faults for the retries allowed: a typed error, never partial data.
              expect(error).toBeInstanceOf(YeastarError);
            }
            expect(Date.now() - started).toBeLessThan(30_000); // a hang guard: retries wait milliseconds here
          },
        ),
        { numRuns: 40 },
      );
    } finally {
      await server.close();
    }
  });
});

describe("the pagination algorithm against arbitrary page sequences", () => {
  // A fake page source (no network): each page number maps to whatever the property chooses,
  // including totals that change and pages that are short, empty or repeated.
  const pageSource = fc.record({
    pageSize: fc.integer({ min: 1, max: 20 }),
    totals: fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 30 }),
    lengths: fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 30 }),
    repeatAt: fc.option(fc.integer({ min: 2, max: 30 })),
    repeatGap: fc.integer({ min: 1, max: 3 }),
    concurrency: fc.integer({ min: 1, max: 16 }),
    strict: fc.boolean(),
  });

  test("the walk always ends, with no duplicate, and never past the pages the first total implies", async () => {
    await fc.assert(
      fc.asyncProperty(pageSource, async ({ pageSize, totals, lengths, repeatAt, repeatGap, concurrency, strict }) => {
        let requests = 0;
        const itemsOf = (page: number) => {
          // From page `repeatAt` on, the server serves an earlier page again.
          const source = repeatAt !== null && page >= repeatAt ? Math.max(1, page - repeatGap) : page;
          const length = Math.min(pageSize, lengths[(source - 1) % lengths.length]!);
          return Array.from({ length }, (_, i) => ({ id: (source - 1) * pageSize + i }));
        };
        const fetchPage = async (query: Record<string, unknown>) => {
          requests += 1;
          const page = query.pageNumber as number;
          return {
            data: { data: { pageSize, pageNumber: page, total: totals[(page - 1) % totals.length], list: itemsOf(page) } },
            response: new Response(null),
          };
        };
        const ids: number[] = [];
        const firstTotal = totals[0]!;
        try {
          for await (const item of paginate<{ id: number }>("YCM", "GET /x", "pageNumber", { concurrency, strict }, fetchPage)) {
            ids.push(item.id);
          }
          // Strict and no error: exactly the items the first page's total announced, once each.
          if (strict) expect(ids).toEqual(Array.from({ length: firstTotal }, (_, i) => i));
        } catch (error) {
          expect(error).toBeInstanceOf(YeastarPaginationError);
        }
        expect(new Set(ids).size).toBe(ids.length);
        // The number of pages is fixed by the first page's total, whatever later pages claim.
        expect(ids.length).toBeLessThanOrEqual(Math.max(1, Math.ceil(firstTotal / pageSize)) * pageSize);
        expect(requests).toBeLessThanOrEqual(Math.ceil(firstTotal / pageSize) + concurrency + 1);
      }),
      { numRuns: 500 },
    );
  });
});
