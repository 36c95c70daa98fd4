// Pagination over the paged list endpoints as an async iterable of items (or of whole pages),
// sequential or with several pages in flight, always yielding in page order. It trusts the
// server only as far as it must: the walk's length is fixed by the first page's `total`, and
// by default (strict) every page is checked against it, so a walk returns every item exactly
// once or throws YeastarPaginationError saying why it could not.
import { YeastarAbortError, YeastarError, YeastarInvalidRequestError, YeastarPaginationError, type YeastarPaginationReason } from "./errors.js";

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
  /** The query parameter that carries the page number, as the spec names it (`pageNumber`, `pageNo`). */
  readonly pageParam: string;
}

export interface PaginateOptions {
  /** Pages in flight at once once `total` is known (default 1, at most 16). */
  concurrency?: number;
  /**
   * true (default): every item exactly once or a YeastarPaginationError (a short or capped page,
   * a total that changes, an item seen twice). false: end quietly at a short or empty page and
   * skip items already yielded.
   */
  strict?: boolean;
  /** The most pages a walk may take (default 10 000); a walk that needs more throws at once. */
  maxPages?: number;
  signal?: AbortSignal | null;
  params?: { query?: Record<string, unknown>; path?: Record<string, unknown> };
  [key: string]: unknown;
}

export const MAX_CONCURRENCY = 16;
export const DEFAULT_MAX_PAGES = 10_000;


type FetchPage = (query: Record<string, unknown>, signal: AbortSignal) => Promise<{ data: unknown; response: Response }>;

interface PageBody {
  total?: unknown;
  pageSize?: unknown;
  list?: unknown;
}

/** `pageParam` is the query parameter that carries the page number. */
export function paginate<T>(api: string, route: string, pageParam: string, init: PaginateOptions, fetchPage: FetchPage): PageIterable<T> {
  const { concurrency = 1, strict = true, maxPages = DEFAULT_MAX_PAGES } = init;
  const invalid = (message: string) => new YeastarInvalidRequestError(`${api} paginate ${route}: ${message}`);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
    throw invalid(`concurrency must be a whole number from 1 to ${MAX_CONCURRENCY}, got ${String(concurrency)}`);
  }
  if (!Number.isSafeInteger(maxPages) || maxPages < 1) throw invalid(`maxPages must be a whole number >= 1, got ${String(maxPages)}`);
  if (typeof strict !== "boolean") throw invalid(`strict must be true or false, got ${String(strict)}`);
  const baseQuery = { ...(init.params?.query ?? {}) };
  const firstPage = (baseQuery[pageParam] as number | undefined) ?? 1;
  const asked = baseQuery.pageSize as number | undefined;
  const context = { api: api as YeastarError["api"], operation: route };
  const fail = (reason: YeastarPaginationReason, message: string) =>
    new YeastarPaginationError(`${api} paginate ${route}: ${message}`, reason, context);

  async function* pages(): AsyncGenerator<Page<T>> {
    if (init.signal?.aborted) throw new YeastarAbortError(`${api} paginate ${route} was aborted`, { cause: init.signal.reason, ...context });
    // Our own controller: leaving the loop early cancels the pages still in flight.
    const controller = new AbortController();
    const onAbort = () => controller.abort(init.signal?.reason);
    init.signal?.addEventListener("abort", onAbort, { once: true });
    const load = async (pageNumber: number): Promise<Page<T>> => {
      const { data, response } = await fetchPage({ ...baseQuery, [pageParam]: pageNumber }, controller.signal);
      const body = ((data as { data?: PageBody } | undefined)?.data ?? {}) as PageBody;
      if (!Array.isArray(body.list)) throw new YeastarError(`${api} paginate ${route}: page ${pageNumber} has no list`, context);
      return {
        pageNumber,
        // Without a reported pageSize, the one asked for (or the first page's length) is taken as it.
        pageSize: typeof body.pageSize === "number" ? body.pageSize : (asked ?? body.list.length),
        total: typeof body.total === "number" ? body.total : undefined,
        items: body.list as T[],
        response,
      };
    };
    try {
      const first = await load(firstPage);
      const size = asked ?? first.pageSize;
      const { total } = first;
      if (strict && first.pageSize !== size) {
        throw fail("capped-page", `page ${firstPage} has pageSize ${first.pageSize}, not ${size}: the server caps its pages (ask for pageSize ${first.pageSize})`);
      }
      // The walk's length is fixed now: a total that grows later cannot make it longer.
      const lastPage = total === undefined ? undefined : Math.max(firstPage, Math.ceil(total / Math.max(1, size)));
      if (lastPage !== undefined && lastPage - firstPage + 1 > maxPages) {
        throw fail("too-many-pages", `total ${total} means ${lastPage - firstPage + 1} pages, over maxPages (${maxPages})`);
      }
      const seen = new Set<unknown>();
      /** The page's items not seen before; in strict mode, a page that breaks the walk throws instead. */
      const check = (page: Page<T>): Page<T> => {
        if (strict) {
          if (page.total !== total) throw fail("total-changed", `total changed from ${total} to ${page.total} on page ${page.pageNumber}: items were added or removed`);
          const expected = total === undefined ? undefined : Math.max(0, Math.min(size, total - (page.pageNumber - 1) * size));
          const count = page.items.length;
          if (count > size || (expected !== undefined && count !== expected)) {
            const capped = page.pageNumber === firstPage && count < size;
            throw fail(
              capped ? "capped-page" : count < (expected ?? size) ? "short-page" : "count-mismatch",
              `page ${page.pageNumber} has ${count} items, ${expected ?? `at most ${size}`} due (total ${total}, pageSize ${size})${capped ? ": the server caps its pages" : ""}`,
            );
          }
        }
        // Known by `userId`, the id of the items of every paged endpoint in both specs (or `id`);
        // an item without either, by its JSON.
        const fresh: T[] = [];
        for (const item of page.items) {
          const record = item as Record<string, unknown> | null;
          const id = typeof record === "object" && record !== null ? (record.userId ?? record.id ?? JSON.stringify(record)) : item;
          if (seen.has(id)) {
            if (strict) throw fail("duplicate", `page ${page.pageNumber} repeats item ${JSON.stringify(id)}: items moved during the walk`);
            continue;
          }
          seen.add(id);
          fresh.push(item);
        }
        return fresh.length === page.items.length ? page : { ...page, items: fresh };
      };
      // A page shorter than the page size is the last one (strict: only where the total says so).
      const isLast = (page: Page<T>) => page.items.length < size || page.pageNumber === lastPage;
      yield check(first);
      if (isLast(first)) return;
      const inFlight: Promise<Page<T>>[] = [];
      let next = firstPage + 1;
      const width = lastPage === undefined ? 1 : concurrency;
      for (;;) {
        while (inFlight.length < width && (lastPage === undefined || next <= lastPage)) {
          if (next - firstPage >= maxPages) throw fail("too-many-pages", `no last page within maxPages (${maxPages})`);
          const pending = load(next++);
          pending.catch(() => undefined); // surfaced in order below; avoid an unhandled rejection meanwhile
          inFlight.push(pending);
        }
        const pending = inFlight.shift();
        if (!pending) return;
        const received = await pending;
        const page = check(received);
        if (page.items.length) yield page;
        if (isLast(received)) return;
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
    pageParam,
    async toArray() {
      const all: T[] = [];
      for await (const page of pages()) for (const item of page.items) all.push(item);
      return all;
    },
  };
}
