// Pagination over the paged list endpoints as an async iterable of items (or of whole pages),
// sequential or with several pages in flight, always yielding in page order. It trusts the
// server only as far as it must: the page count is fixed by the first page's `total`, and an
// empty page, a short page or a page that repeats an earlier one ends the walk.
import { YeastarError, YeastarInvalidRequestError } from "./errors.js";

/** One page as the API returned it. */
export interface Page<T> {
  /** The page number sent (`pageNumber` on YCM, `pageNo` on Workplace). */
  pageNumber: number;
  /** The page size the server reports. */
  pageSize: number;
  /** The total the server reports on this page. */
  total: number | undefined;
  items: T[];
  response: Response;
}

/** `for await (const user of client.paginate(...))`, or `.pages()` for whole pages. */
export interface PageIterable<T> extends AsyncIterable<T> {
  pages(): AsyncIterable<Page<T>>;
  /** Collects every item into an array. */
  toArray(): Promise<T[]>;
}

export interface PaginateOptions {
  /** Pages in flight at once once `total` is known (default 1, at most 16). */
  concurrency?: number;
  signal?: AbortSignal | null;
  params?: { query?: Record<string, unknown>; path?: Record<string, unknown> };
  [key: string]: unknown;
}

export const MAX_CONCURRENCY = 16;
/** Without a `total` the walk ends on a short or empty page; this bounds a server that never sends one. */
export const MAX_PAGES_WITHOUT_TOTAL = 100_000;

type FetchPage = (query: Record<string, unknown>, signal: AbortSignal) => Promise<{ data: unknown; response: Response }>;

interface PageBody {
  total?: unknown;
  pageSize?: unknown;
  list?: unknown;
}

/** `pageParam` is the query parameter that carries the page number. */
export function paginate<T>(api: string, route: string, pageParam: string, init: PaginateOptions, fetchPage: FetchPage): PageIterable<T> {
  const { concurrency = 1 } = init;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
    throw new YeastarInvalidRequestError(`${api} paginate ${route}: concurrency must be a whole number from 1 to ${MAX_CONCURRENCY}, got ${String(concurrency)}`);
  }
  const baseQuery = { ...(init.params?.query ?? {}) };
  const firstPage = (baseQuery[pageParam] as number | undefined) ?? 1;

  async function* pages(): AsyncGenerator<Page<T>> {
    // Our own controller: leaving the loop early cancels the pages still in flight.
    const controller = new AbortController();
    const onAbort = () => controller.abort(init.signal?.reason);
    init.signal?.addEventListener("abort", onAbort, { once: true });
    const load = async (pageNumber: number): Promise<Page<T>> => {
      const { data, response } = await fetchPage({ ...baseQuery, [pageParam]: pageNumber }, controller.signal);
      const body = ((data as { data?: PageBody } | undefined)?.data ?? {}) as PageBody;
      if (!Array.isArray(body.list)) throw new YeastarError(`${api} ${route}: page ${pageNumber} has no list`);
      return {
        pageNumber,
        pageSize: typeof body.pageSize === "number" ? body.pageSize : body.list.length,
        total: typeof body.total === "number" ? body.total : undefined,
        items: body.list as T[],
        response,
      };
    };
    try {
      const first = await load(firstPage);
      yield first;
      if (isLast(first, first.pageSize)) return;
      // The walk's length is fixed now: a total that grows later cannot make it longer.
      const lastPage = first.total === undefined ? firstPage + MAX_PAGES_WITHOUT_TOTAL : Math.ceil(first.total / Math.max(1, first.pageSize));
      const inFlight: Promise<Page<T>>[] = [];
      let next = firstPage + 1;
      const width = first.total === undefined ? 1 : concurrency;
      // Pages seen so far, by a fingerprint of their items: a server that serves an earlier
      // page again would otherwise make us yield duplicates.
      const seen = new Map([[fingerprint(first), first.pageNumber]]);
      for (;;) {
        while (inFlight.length < width && next <= lastPage) {
          const pending = load(next++);
          pending.catch(() => undefined); // surfaced in order below; avoid an unhandled rejection meanwhile
          inFlight.push(pending);
        }
        const pending = inFlight.shift();
        if (!pending) return;
        const page = await pending;
        if (page.items.length === 0) return;
        const key = fingerprint(page);
        const repeated = seen.get(key);
        if (repeated !== undefined) {
          throw new YeastarError(`${api} ${route}: page ${page.pageNumber} repeats page ${repeated}; stopping instead of yielding duplicates`);
        }
        seen.set(key, page.pageNumber);
        yield page;
        if (isLast(page, first.pageSize)) return;
      }
    } finally {
      init.signal?.removeEventListener("abort", onAbort);
      controller.abort();
    }
  }

  // `yield item`, not `yield* page.items`: delegating to an array from an async generator costs
  // extra promise turns per item, and a 10,000-user walk felt them on a slow machine (bench/).
  async function* items(): AsyncGenerator<T> {
    for await (const page of pages()) for (const item of page.items) yield item;
  }

  return {
    [Symbol.asyncIterator]: items,
    pages,
    async toArray() {
      const all: T[] = [];
      for await (const page of pages()) for (const item of page.items) all.push(item);
      return all;
    },
  };
}

// A page shorter than the page size is the last one, whatever `total` says.
function isLast(page: Page<unknown>, pageSize: number): boolean {
  return page.items.length < pageSize;
}

function fingerprint(page: Page<unknown>): string {
  return `${page.items.length}:${JSON.stringify(page.items[0])}:${JSON.stringify(page.items.at(-1))}`;
}
