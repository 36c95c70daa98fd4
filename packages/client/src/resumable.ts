// `@yeastar-openapi/client/resumable`: paging for sync jobs. A walk over a paged endpoint that
// stops after `limit` items, yields each page with a checkpoint (a small JSON object the job saves
// after handling the page), and continues from a saved checkpoint without reading again the pages
// it has done. Built on `client.paginate` (its strict checks, concurrency and the cancelling of
// pages in flight when the loop is left), in its own entry so a one-call app does not carry it.
//
// It imports the client by the package's own name (external in the build), so its errors are the
// classes of the client the app uses (`instanceof` holds in ESM, CommonJS and browser builds alike).
import { YeastarInvalidRequestError, YeastarPaginationError } from "@yeastar-openapi/client";
import type { Page, PageItem, PageIterable, PagedPath, PaginateInitFor, YeastarClient } from "@yeastar-openapi/client";

/**
 * Where a walk stands, after a page: save it (it is plain JSON) and pass it back as `checkpoint`
 * to continue there. It names the walk it belongs to, and a walk with another path or other
 * parameters refuses it.
 */
export interface PageCheckpoint {
  /** `GET /path/{template}`: the operation walked. */
  operation: string;
  /** The walk's parameters (path and query, without the page number and any `access_token`). */
  params: { path?: Record<string, unknown>; query?: Record<string, unknown> };
  /** The page to read next. */
  nextPage: number;
  /** Items of `nextPage` already yielded (a `limit` that ended inside a page). */
  skip: number;
  /** Items yielded so far, over every run of the walk. */
  seen: number;
  /** The collection's size as the walk's first page reported it (null when the API gave none). */
  total: number | null;
  /** The walk has yielded its last item. */
  done: boolean;
}

/** A page and the checkpoint to save once it is handled. */
export interface ResumablePage<T> extends Page<T> {
  checkpoint: PageCheckpoint;
}

export interface ResumableIterable<T> extends AsyncIterable<T> {
  /** Whole pages, each with its number, the total, its items, its Response and its checkpoint. */
  pages(): AsyncIterable<ResumablePage<T>>;
  toArray(): Promise<T[]>;
  /**
   * With item iteration: the checkpoint after the last page whose items have all been taken
   * (undefined before). A job that stopped inside a page reads that page again when it resumes.
   */
  readonly checkpoint: PageCheckpoint | undefined;
}

export type ResumableInit<Paths extends {}, P extends keyof Paths> = PaginateInitFor<Paths, P> & {
  /** At most this many items from this walk (a whole number >= 1); the walk's checkpoint continues after them. */
  limit?: number;
  /** A checkpoint saved from an earlier run of the same walk: it continues there. */
  checkpoint?: PageCheckpoint | null;
};

type AnyInit = {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown> };
  limit?: number;
  checkpoint?: PageCheckpoint | null;
  concurrency?: number;
  strict?: boolean;
  [key: string]: unknown;
};

/**
 * `for await (const page of resumable(ycm, "/dm/open_api/v2/users", { params, checkpoint: saved }).pages())`:
 * a walk of `client.paginate(path, init)` that can stop after `limit` items and continue from a
 * saved checkpoint.
 */
export function resumable<Paths extends {}, P extends PagedPath<Paths>>(
  client: YeastarClient<Paths>,
  path: P,
  init?: ResumableInit<Paths, P>,
): ResumableIterable<PageItem<Paths, P>> {
  type T = PageItem<Paths, P>;
  const { limit, checkpoint: given, ...options } = (init ?? {}) as AnyInit;
  const operation = `GET ${String(path)}`;
  const invalid = (message: string) => new YeastarInvalidRequestError(`resumable ${operation}: ${message}`);
  if (limit !== undefined && !(Number.isSafeInteger(limit) && limit >= 1)) throw invalid(`limit must be a whole number >= 1, got ${String(limit)}`);
  // A first walk, made to learn the page parameter and to check path, params and options now.
  const probe = (client.paginate as unknown as (path: unknown, init: unknown) => PageIterable<T>)(path, options);
  const { pageParam } = probe;
  const params = walkParams(options.params, pageParam);
  const start = given == null ? undefined : checkCheckpoint(given, operation, params, invalid);
  let last: PageCheckpoint | undefined;

  async function* pages(): AsyncGenerator<ResumablePage<T>> {
    if (start?.done) return;
    const max = limit ?? Infinity;
    let seen = start?.seen ?? 0;
    let skip = start?.skip ?? 0;
    let yielded = 0;
    const query = { ...options.params?.query, ...(start && { [pageParam]: start.nextPage }) };
    // No more pages in flight than the limit can use (a walk for 10 items of pages of 50 asks for
    // one page). The walk keeps `concurrency` pages in flight, so at most concurrency - 1 pages past
    // the limit are asked for, and cancelled when it ends.
    const size = query.pageSize;
    let concurrency = options.concurrency;
    if (limit !== undefined && typeof size === "number" && size > 0) concurrency = Math.min(concurrency ?? 1, Math.max(1, Math.ceil((limit + skip) / size) - 1));
    const walk =
      start === undefined && concurrency === options.concurrency
        ? probe
        : (client.paginate as unknown as (path: unknown, init: unknown) => PageIterable<T>)(path, { ...options, ...(concurrency !== undefined && { concurrency }), params: { ...options.params, query } });
    let total: number | null | undefined = start?.total;
    for await (const page of walk.pages()) {
      if (total === undefined) total = page.total ?? null;
      // The collection changed between the runs: the pages no longer line up with those done.
      else if (options.strict !== false && (page.total ?? null) !== total) {
        throw new YeastarPaginationError(
          `resumable ${operation}: total changed from ${total} to ${page.total} between runs: items were added or removed`,
          "total-changed",
          { operation },
        );
      }
      const from = skip;
      let items = from ? page.items.slice(from) : page.items;
      skip = 0;
      const cut = items.length > max - yielded;
      if (cut) items = items.slice(0, max - yielded);
      yielded += items.length;
      seen += items.length;
      const lastPage = page.items.length < page.pageSize || (page.total !== undefined && page.pageNumber * page.pageSize >= page.total);
      const checkpoint: PageCheckpoint = {
        operation,
        params,
        nextPage: cut ? page.pageNumber : page.pageNumber + 1,
        skip: cut ? from + items.length : 0,
        seen,
        total: total ?? null,
        done: !cut && lastPage,
      };
      yield { ...page, items, checkpoint };
      // Leaving the loop ends the walk, and cancels the pages still in flight.
      if (yielded >= max) return;
    }
  }

  return {
    [Symbol.asyncIterator]: async function* () {
      for await (const page of pages()) {
        for (const item of page.items) yield item;
        last = page.checkpoint;
      }
    },
    pages,
    async toArray() {
      const all: T[] = [];
      for await (const page of pages()) all.push(...page.items);
      return all;
    },
    get checkpoint() {
      return last;
    },
  };
}

/** The walk's identity: its path and query parameters, less the page number and any token. */
function walkParams(given: AnyInit["params"], pageParam: string): PageCheckpoint["params"] {
  const plain = (value: Record<string, unknown> | undefined) =>
    value && JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? String(v) : v)));
  const { [pageParam]: _page, access_token: _token, ...query } = given?.query ?? {};
  const params: PageCheckpoint["params"] = {};
  if (given?.path && Object.keys(given.path).length) params.path = plain(given.path);
  if (Object.keys(query).length) params.query = plain(query);
  return params;
}

/** Keys sorted at every level, so two equal parameter sets compare equal as text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

const whole = (value: unknown, min: number) => Number.isSafeInteger(value) && (value as number) >= min;

function checkCheckpoint(given: unknown, operation: string, params: PageCheckpoint["params"], invalid: (message: string) => Error): PageCheckpoint {
  const cp = given as PageCheckpoint;
  if (typeof cp !== "object" || !whole(cp.nextPage, 1) || !whole(cp.skip, 0) || !whole(cp.seen, 0) || typeof cp.done !== "boolean" || !(cp.total === null || whole(cp.total, 0)) || typeof cp.params !== "object" || cp.params === null) {
    throw invalid("checkpoint is not one this walk saved (it needs operation, params, nextPage, skip, seen, total and done)");
  }
  if (cp.operation !== operation) throw invalid(`checkpoint belongs to another walk (${String(cp.operation).slice(0, 80)})`);
  // Named, not shown: a parameter's value is the caller's data.
  const differ = ["path", "query"].flatMap((where) => {
    const a = (cp.params as Record<string, Record<string, unknown> | undefined>)[where] ?? {};
    const b = (params as Record<string, Record<string, unknown> | undefined>)[where] ?? {};
    return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((key) => canonical(a[key]) !== canonical(b[key])).map((key) => `${where}.${key}`);
  });
  if (differ.length) throw invalid(`checkpoint belongs to a walk with other parameters (${differ.join(", ")} differ)`);
  return cp;
}
