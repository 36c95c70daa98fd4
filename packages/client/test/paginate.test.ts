// Pagination over real HTTP: every item exactly once, in order, whatever the concurrency,
// and a finite walk even when the server misbehaves.
import { describe, expect, test } from "vitest";
import { YeastarInvalidRequestError, YeastarPaginationError } from "../src/index.js";
import { useMock } from "./mock.js";

const mock = useMock();
const USERS = "/dm/open_api/v2/users";

describe("YCM users (137)", () => {
  test.each([1, 8])("concurrency %i returns exactly the 137 users in order", async (concurrency) => {
    const expected = mock.server.dataset.collections.YcmUser!.map((u) => u.userId);
    expect(expected).toHaveLength(137);
    for (const pageSize of [50, 10, 7]) {
      const ids: number[] = [];
      for await (const user of mock.ycm().paginate(USERS, { params: { query: { pageSize } }, concurrency })) ids.push(user.userId);
      expect(ids).toEqual(expected);
    }
  });

  test("descending sort is kept across pages", async () => {
    const users = await mock.ycm().paginate(USERS, { params: { query: { pageSize: 50, sort: "-userId" } }, concurrency: 3 }).toArray();
    expect(users.map((u) => u.userId)).toEqual(mock.server.dataset.collections.YcmUser!.map((u) => u.userId).sort((a, b) => b - a));
  });

  test(".pages() yields whole pages with their numbers", async () => {
    const pages = [];
    for await (const page of mock.ycm().paginate(USERS, { params: { query: { pageSize: 50 } } }).pages()) pages.push(page);
    expect(pages.map((p) => [p.pageNumber, p.items.length, p.total])).toEqual([
      [1, 50, 137],
      [2, 50, 137],
      [3, 37, 137],
    ]);
  });

  test("starting from a later page", async () => {
    const users = await mock.ycm().paginate(USERS, { params: { query: { pageSize: 50, pageNumber: 2 } }, concurrency: 2 }).toArray();
    expect(users.map((u) => u.userId)).toEqual(mock.server.dataset.collections.YcmUser!.slice(50).map((u) => u.userId));
  });

  test("next() calls that overlap on the item iterator get every item once, in order", async () => {
    const iterator = mock.ycm().paginate(USERS, { params: { query: { pageSize: 7 } }, concurrency: 3 })[Symbol.asyncIterator]();
    const ids: number[] = [];
    for (let done = false; !done; ) {
      const batch = await Promise.all(Array.from({ length: 10 }, () => iterator.next()));
      for (const result of batch) if (!result.done) ids.push(result.value.userId);
      done = batch.some((result) => result.done);
    }
    expect(ids).toEqual(mock.server.dataset.collections.YcmUser!.map((u) => u.userId));
  });

  test("leaving the loop early stops fetching", async () => {
    mock.server.stats.reset();
    for await (const user of mock.ycm().paginate(USERS, { params: { query: { pageSize: 10 } } })) {
      if (user.userId) break;
    }
    expect(mock.server.stats.requests.listYcmUsers).toBe(1);
  });
});

test("subordinates (23) and Workplace users (61), with the API's own page parameter", async () => {
  const subordinates = await mock.ycm().paginate("/dm/open_api/v1/user_info/subordinates", { params: { query: { pageSize: 5 } }, concurrency: 4 }).toArray();
  expect(subordinates.map((s) => s.userId)).toEqual(mock.server.dataset.collections.YcmSubordinate!.map((s) => s.userId));
  const seen: string[] = [];
  const workplace = mock.workplace({
    fetch: (request) => {
      seen.push(new URL(request.url).searchParams.get("pageNo") ?? "");
      return fetch(request);
    },
  });
  const users = await workplace.paginate("/services/openapi/v1.0/user/user_list", { params: { query: { pageSize: 20 } }, concurrency: 2 }).toArray();
  expect(users.map((u) => u.userId)).toEqual(mock.server.dataset.collections.WorkplaceUser!.map((u) => u.userId));
  expect(seen.filter(Boolean).sort()).toEqual(["1", "2", "3", "4"]);
});

describe("a misbehaving server cannot make the walk endless or duplicate items", () => {
  test("a total that grows on every page: strict says so; lenient ends at the first page's total", async () => {
    mock.server.inject({ operationId: "listYcmUsers", kind: "growingTotal" });
    await expect(mock.ycm().paginate(USERS, { params: { query: { pageSize: 50 } }, concurrency: 4 }).toArray()).rejects.toMatchObject({
      name: "YeastarPaginationError",
      reason: "total-changed",
    });
    mock.server.stats.reset();
    const users = await mock.ycm().paginate(USERS, { params: { query: { pageSize: 50 } }, concurrency: 4, strict: false }).toArray();
    expect(new Set(users.map((u) => u.userId)).size).toBe(users.length);
    expect(mock.server.stats.requests.listYcmUsers).toBeLessThanOrEqual(3);
  });

  test("a server that repeats the same page: an error, not a loop or duplicates", async () => {
    mock.server.inject({ operationId: "listYcmUsers", kind: "repeatPage" });
    const seen: number[] = [];
    const walk = (async () => {
      for await (const user of mock.ycm().paginate(USERS, { params: { query: { pageSize: 50 } } })) seen.push(user.userId);
    })();
    await expect(walk).rejects.toThrow(YeastarPaginationError);
    await expect(walk).rejects.toThrow(/page 2 repeats item/);
    expect(new Set(seen).size).toBe(seen.length);
  });
});

describe("bad input is refused before any request", () => {
  test.each([0, 17, 1.5])("concurrency %s", (concurrency) => {
    expect(() => mock.ycm().paginate(USERS, { concurrency })).toThrow(/concurrency must be a whole number from 1 to 16/);
  });

  test.each([0, -1, 2.5])("maxPages %s", (maxPages) => {
    expect(() => mock.ycm().paginate(USERS, { maxPages })).toThrow(/maxPages must be a whole number >= 1/);
  });

  test("pageSize over the spec's maximum", () => {
    expect(() => mock.ycm().paginate(USERS, { params: { query: { pageSize: 51 } } })).toThrow(YeastarInvalidRequestError);
  });

  test("a path that is not paged", () => {
    expect(() => mock.ycm().paginate("/dm/open_api/v1/users/{userId}" as never)).toThrow(/is not paged; paginate works on/);
  });
});
