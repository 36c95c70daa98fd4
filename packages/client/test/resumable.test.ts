// Issue 14, item 4: paging for sync jobs, against the mock server on 127.0.0.1. A walk stopped
// after page 3 and resumed from its saved checkpoint yields every item exactly once and reads no
// completed page again; `limit` bounds a walk; a checkpoint of another walk is refused.
import { describe, expect, test } from "vitest";
import { resumable, type PageCheckpoint } from "../src/resumable.js";
import { YeastarInvalidRequestError, YeastarPaginationError } from "../src/index.js";
import { useMock } from "./mock.js";

const mock = useMock();
const USERS = "/dm/open_api/v2/users";
const allIds = () => mock.server.dataset.collections.YcmUser!.map((u) => u.userId);

/** A YCM client that records the page numbers it asks for. */
function recording() {
  const asked: number[] = [];
  const client = mock.ycm({
    fetch: (request) => {
      const page = new URL(request.url).searchParams.get("pageNumber");
      if (page) asked.push(Number(page));
      return fetch(request);
    },
  });
  return { client, asked };
}

/** What a job does with a checkpoint: writes it somewhere and reads it back after a crash. */
const saveAndLoad = (checkpoint: PageCheckpoint | undefined): PageCheckpoint => JSON.parse(JSON.stringify(checkpoint));

describe("a walk stopped after page 3 and resumed from its checkpoint", () => {
  test.each([1, 4])("yields every item exactly once, reading no completed page again (concurrency %i)", async (concurrency) => {
    const init = { params: { query: { pageSize: 10 } }, concurrency };
    const first = recording();
    const ids: number[] = [];
    let saved: PageCheckpoint | undefined;
    for await (const page of resumable(first.client, USERS, init).pages()) {
      ids.push(...page.items.map((u) => u.userId));
      saved = page.checkpoint;
      if (page.pageNumber === 3) break; // the job dies here
    }
    expect(saved).toMatchObject({ operation: `GET ${USERS}`, nextPage: 4, seen: 30, total: 137, done: false });

    const second = recording(); // a new process
    const checkpoint = saveAndLoad(saved);
    let last: PageCheckpoint | undefined;
    for await (const page of resumable(second.client, USERS, { ...init, checkpoint }).pages()) {
      ids.push(...page.items.map((u) => u.userId));
      last = page.checkpoint;
    }
    expect(ids).toEqual(allIds());
    expect(new Set(ids).size).toBe(137);
    expect(Math.min(...second.asked)).toBe(4);
    expect(second.asked.sort((a, b) => a - b)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(last).toMatchObject({ seen: 137, done: true });
    // A finished walk resumed again yields nothing and asks for nothing.
    const third = recording();
    expect(await resumable(third.client, USERS, { ...init, checkpoint: saveAndLoad(last) }).toArray()).toEqual([]);
    expect(third.asked).toEqual([]);
  });
});

describe("limit", () => {
  test("at most N items; the next run continues inside the page where the limit ended", async () => {
    const init = { params: { query: { pageSize: 10 } }, limit: 25 };
    const ids: number[] = [];
    const first = recording();
    const walk = resumable(first.client, USERS, init);
    for await (const user of walk) ids.push(user.userId);
    expect(ids).toEqual(allIds().slice(0, 25));
    // Only the pages the limit needs were asked for.
    expect(first.asked).toEqual([1, 2, 3]);
    expect(walk.checkpoint).toMatchObject({ nextPage: 3, skip: 5, seen: 25, done: false });
    // With pages in flight, the concurrency is cut to what the limit can use: one page past it at most.
    const wide = recording();
    const users = await resumable(wide.client, USERS, { ...init, concurrency: 8 }).toArray();
    expect(users.map((u) => u.userId)).toEqual(allIds().slice(0, 25));
    expect(wide.asked.length).toBeLessThanOrEqual(4);

    let checkpoint = saveAndLoad(walk.checkpoint);
    for (let run = 0; run < 10 && !checkpoint.done; run++) {
      const next = resumable(mock.ycm(), USERS, { ...init, checkpoint });
      for await (const user of next) ids.push(user.userId);
      checkpoint = saveAndLoad(next.checkpoint);
    }
    expect(ids).toEqual(allIds());
    expect(checkpoint).toMatchObject({ seen: 137, done: true });
  });

  test("a bad limit is refused at once", () => {
    expect(() => resumable(mock.ycm(), USERS, { limit: 0 })).toThrow(YeastarInvalidRequestError);
    expect(() => resumable(mock.ycm(), USERS, { limit: 1.5 })).toThrow(/limit must be a whole number >= 1/);
  });
});

describe("a checkpoint of another walk is refused", () => {
  async function checkpointAfterOnePage(): Promise<PageCheckpoint> {
    for await (const page of resumable(mock.ycm(), USERS, { params: { query: { pageSize: 10 } } }).pages()) return saveAndLoad(page.checkpoint);
    throw new Error("no page");
  }

  test("another operation, other parameters, a damaged checkpoint", async () => {
    const checkpoint = await checkpointAfterOnePage();
    expect(() => resumable(mock.ycm(), "/dm/open_api/v1/user_info/subordinates", { params: { query: { pageSize: 10 } }, checkpoint })).toThrow(
      /checkpoint belongs to another walk \(GET \/dm\/open_api\/v2\/users\)/,
    );
    expect(() => resumable(mock.ycm(), USERS, { params: { query: { pageSize: 20 } }, checkpoint })).toThrow(/other parameters \(query.pageSize differ\)/);
    expect(() => resumable(mock.ycm(), USERS, { params: { query: { pageSize: 10, sort: "-userId" } }, checkpoint })).toThrow(/query.sort differ/);
    expect(() => resumable(mock.ycm(), USERS, { params: { query: { pageSize: 10 } }, checkpoint: { ...checkpoint, nextPage: 0 } })).toThrow(YeastarInvalidRequestError);
    // The same walk starting page (or none) is the same walk: the page number is not part of it.
    expect(() => resumable(mock.ycm(), USERS, { params: { query: { pageSize: 10, pageNumber: 1 } }, checkpoint })).not.toThrow();
  });

  test("a collection that changed between the runs (strict)", async () => {
    const checkpoint = await checkpointAfterOnePage();
    const walk = resumable(mock.ycm(), USERS, { params: { query: { pageSize: 10 } }, checkpoint: { ...checkpoint, total: 136 } });
    const error = await walk.toArray().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(YeastarPaginationError);
    expect(error).toMatchObject({ reason: "total-changed" });
  });
});

test("Workplace walks resume with its own page parameter", async () => {
  const USER_LIST = "/services/openapi/v1.0/user/user_list";
  const init = { params: { query: { pageSize: 20 } } };
  const ids: number[] = [];
  let saved: PageCheckpoint | undefined;
  for await (const page of resumable(mock.workplace(), USER_LIST, init).pages()) {
    ids.push(...page.items.map((u) => u.userId));
    saved = page.checkpoint;
    break;
  }
  for await (const user of resumable(mock.workplace(), USER_LIST, { ...init, checkpoint: saveAndLoad(saved) })) ids.push(user.userId);
  expect(ids).toEqual(mock.server.dataset.collections.WorkplaceUser!.map((u) => u.userId));
});
