// Issue 9 items 6, 7 and 12, and the property test over random server misbehaviour during a
// walk: against a hostile server on 127.0.0.1 that serves a fixed set of users page by page
// and misbehaves as each test says. What is asserted is what a user gets: the items (each
// exactly once) or a YeastarError, how many requests were sent, and how long it took.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { createYcmClient, YeastarAbortError, YeastarError, YeastarPaginationError } from "../src/index.js";
import { FAST_RETRY } from "./mock.js";
import { json, success, useHostile } from "./hostile.js";

const server = useHostile();
const USERS = "/dm/open_api/v2/users";

/** What the server does with one page: the items it serves, the total and pageSize it reports. */
type Serve = (page: { number: number; size: number; offset: number; users: { userId: number }[] }) =>
  | { list: { userId: number }[]; total?: number; pageSize?: number }
  | "fail"
  | "drop";

function serveUsers(count: number, serve: Serve = (p) => ({ list: p.users.slice(p.offset, p.offset + p.size) })) {
  const users = Array.from({ length: count }, (_, i) => ({ userId: 1000 + i }));
  server.handle((req, res) => {
    const query = new URL(req.url!, "http://x").searchParams;
    const number = Number(query.get("pageNumber") ?? 1);
    const size = Number(query.get("pageSize") ?? 10);
    const answer = serve({ number, size, offset: (number - 1) * size, users });
    if (answer === "drop") return res.destroy();
    if (answer === "fail") return json(res, 500, { status: "Failed", errcode: 1000001, errmsg: "SERVER_ERROR" });
    json(res, 200, success({ total: answer.total ?? users.length, pageSize: answer.pageSize ?? size, pageNumber: number, list: answer.list }));
  });
  return users;
}

const ycm = () => createYcmClient({ baseUrl: server.url, accessToken: "t", retry: FAST_RETRY });
const pageRequests = () => server.received.length;

describe("6. an already-aborted signal", () => {
  test("sends nothing and returns nothing", async () => {
    serveUsers(30);
    const error = await ycm().paginate(USERS, { signal: AbortSignal.abort() }).toArray().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(YeastarAbortError);
    expect(pageRequests()).toBe(0);
  });
});

describe("7. a walk returns every item or says it could not", () => {
  test("a short page mid-walk (17 of 50): strict fails, lenient returns what it got", async () => {
    serveUsers(50, (p) => ({ list: p.users.slice(p.offset, p.offset + (p.number === 2 ? 7 : p.size)) }));
    const error = await ycm().paginate(USERS, { params: { query: { pageSize: 10 } } }).toArray().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(YeastarPaginationError);
    expect(error).toMatchObject({ reason: "short-page" });
    expect((error as Error).message).toMatch(/page 2 has 7 items, 10 due \(total 50, pageSize 10\)/);
    const lenient = await ycm().paginate(USERS, { params: { query: { pageSize: 10 } }, strict: false }).toArray();
    expect(lenient).toHaveLength(17);
  });

  test("a server that caps pages at 20 while reporting pageSize 50: not 20 of 100", async () => {
    serveUsers(100, (p) => ({ list: p.users.slice((p.number - 1) * 20, p.number * 20) }));
    const error = await ycm().paginate(USERS, { params: { query: { pageSize: 50 } } }).toArray().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "YeastarPaginationError", reason: "capped-page" });
    expect((error as Error).message).toMatch(/caps its pages/);
  });

  test("a server that caps pages and says so in pageSize: the error names the size to ask for", async () => {
    serveUsers(100, (p) => ({ list: p.users.slice((p.number - 1) * 20, p.number * 20), pageSize: 20 }));
    const error = await ycm().paginate(USERS, { params: { query: { pageSize: 50 } } }).toArray().catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: "capped-page" });
    expect((error as Error).message).toMatch(/ask for pageSize 20/);
  });

  test("a server that reports no pageSize: an honest walk still returns every item", async () => {
    for (const count of [37, 7]) {
      const users = Array.from({ length: count }, (_, i) => ({ userId: 1000 + i }));
      server.handle((req, res) => {
        const query = new URL(req.url!, "http://x").searchParams;
        const offset = (Number(query.get("pageNumber")) - 1) * 10;
        json(res, 200, success({ total: users.length, list: users.slice(offset, offset + 10) }));
      });
      expect(await ycm().paginate(USERS, { params: { query: { pageSize: 10 } } }).toArray()).toEqual(users);
    }
  });

  test("an item inserted mid-walk shifts the next page: the duplicate is reported", async () => {
    let inserted = false;
    serveUsers(30, (p) => {
      if (p.number === 2 && !inserted) {
        inserted = true;
        p.users.unshift({ userId: 1 });
      }
      return { list: p.users.slice(p.offset, p.offset + p.size), total: 30 };
    });
    const error = await ycm().paginate(USERS, { params: { query: { pageSize: 10 } } }).toArray().catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: "duplicate" });
  });

  test("an item deleted mid-walk: the change of total is reported, no item goes missing silently", async () => {
    serveUsers(30, (p) => {
      if (p.number === 2 && p.users.length === 30) p.users.shift();
      return { list: p.users.slice(p.offset, p.offset + p.size), total: p.users.length };
    });
    const error = await ycm().paginate(USERS, { params: { query: { pageSize: 10 } }, concurrency: 3 }).toArray().catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: "total-changed" });
  });
});

describe("12. a walk is bounded", () => {
  test("a first page that claims a total of 10^12 fails at once, after one request", async () => {
    serveUsers(50, (p) => ({ list: p.users.slice(0, p.size).map((u) => ({ userId: u.userId + p.offset })), total: 1e12 }));
    const started = Date.now();
    const error = await ycm().paginate(USERS, { params: { query: { pageSize: 50 } } }).toArray().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "YeastarPaginationError", reason: "too-many-pages" });
    expect((error as Error).message).toMatch(/over maxPages \(10000\)/);
    // Requests of this walk only: a page still in flight from the test before may land late.
    expect(server.received.filter((r) => r.path.includes("pageSize=50"))).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  test("maxPages bounds a walk, and lifts the bound when raised", async () => {
    serveUsers(100);
    await expect(ycm().paginate(USERS, { params: { query: { pageSize: 10 } }, maxPages: 5 }).toArray()).rejects.toMatchObject({ reason: "too-many-pages" });
    expect(await ycm().paginate(USERS, { params: { query: { pageSize: 10 } }, maxPages: 10 }).toArray()).toHaveLength(100);
  });
});

describe("property: random server misbehaviour during a walk", () => {
  // What the server may do to one page. Every one of them a strict walk must either survive
  // (the transient failures, retried) or report; none may make it lose or repeat an item.
  const misbehaviour = fc.oneof(
    { weight: 4, arbitrary: fc.constant({ kind: "none" as const }) },
    fc.record({ kind: fc.constant("short" as const), by: fc.integer({ min: 1, max: 5 }) }),
    fc.record({ kind: fc.constant("cap" as const), at: fc.integer({ min: 1, max: 10 }) }),
    fc.record({ kind: fc.constant("shift" as const), by: fc.integer({ min: -3, max: 3 }).filter((n) => n !== 0) }),
    fc.record({ kind: fc.constant("repeat" as const), back: fc.integer({ min: 1, max: 3 }) }),
    fc.record({ kind: fc.constant("total" as const), by: fc.integer({ min: -20, max: 20 }).filter((n) => n !== 0) }),
    fc.constant({ kind: "failOnce" as const }),
    fc.constant({ kind: "dropOnce" as const }),
    fc.constant({ kind: "failAlways" as const }),
  );
  type Misbehaviour = typeof misbehaviour extends fc.Arbitrary<infer M> ? M : never;

  test("every walk returns each item exactly once, or fails with a YeastarError, in bounded time", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(misbehaviour, { maxLength: 8 }),
        async (count, pageSize, concurrency, plan) => {
          server.received.length = 0;
          const tries = new Map<number, number>();
          const users = serveUsers(count, (p) => {
            const slice = (from: number, to: number) => p.users.slice(Math.max(0, from), Math.max(0, to));
            const step = (plan[p.number - 1] ?? { kind: "none" }) as Misbehaviour;
            const attempt = (tries.get(p.number) ?? 0) + 1;
            tries.set(p.number, attempt);
            switch (step.kind) {
              case "short":
                return { list: slice(p.offset, Math.min(p.users.length, p.offset + p.size) - step.by) };
              case "cap":
                return { list: slice(p.offset, p.offset + Math.min(p.size, step.at)) };
              case "shift":
                return { list: slice(p.offset + step.by, p.offset + step.by + p.size) };
              case "repeat":
                return { list: slice(p.offset - step.back * p.size, p.offset - step.back * p.size + p.size) };
              case "total":
                // The first page's total is what the walk is checked against: a total that
                // changes later is the misbehaviour (one that is wrong from the start, and
                // consistent with the pages, is the collection as the server describes it).
                return { list: slice(p.offset, p.offset + p.size), ...(p.number > 1 && { total: p.users.length + step.by }) };
              case "failOnce":
                return attempt === 1 ? "fail" : { list: slice(p.offset, p.offset + p.size) };
              case "dropOnce":
                return attempt === 1 ? "drop" : { list: slice(p.offset, p.offset + p.size) };
              case "failAlways":
                return "fail";
              default:
                return { list: slice(p.offset, p.offset + p.size) };
            }
          });
          const pages = Math.max(1, Math.ceil(count / pageSize));
          const harmless = plan.slice(0, pages).every((step, i) => ["none", "failOnce", "dropOnce"].includes(step.kind) || (step.kind === "total" && i === 0));
          const started = Date.now();
          const client = createYcmClient({ baseUrl: server.url, accessToken: "t", retry: FAST_RETRY, maxRetries: 2 });
          const outcome = await client
            .paginate(USERS, { params: { query: { pageSize } }, concurrency })
            .toArray()
            .catch((error: unknown) => error);
          if (outcome instanceof Error) {
            expect(outcome).toBeInstanceOf(YeastarError);
            // A walk the server did not really disturb must succeed.
            expect(harmless).toBe(false);
          } else {
            expect((outcome as { userId: number }[]).map((u) => u.userId)).toEqual(users.map((u) => u.userId));
          }
          expect(Date.now() - started).toBeLessThan(20_000); // a hang guard: retries wait milliseconds here
        },
      ),
      { numRuns: 150 },
    );
  });
});
