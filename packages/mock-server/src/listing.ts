/** Paging, sorting and keyword search over the in-memory collections. */

export interface Page<T> {
  total: number;
  list: T[];
}

/** Pages are 1-based; a page past the end is empty but still reports the full total, as a real backend does. */
export function paginate<T>(items: readonly T[], pageSize: number, pageNumber: number): Page<T> {
  const start = (pageNumber - 1) * pageSize;
  return { total: items.length, list: start >= items.length ? [] : items.slice(start, start + pageSize) };
}

/**
 * Sorts by one field, `-field` for descending. Missing values go last in either direction (they carry no
 * order), and ties keep the input order (userId ascending) so paging never shuffles equal items.
 * Strings compare by code point, so the order does not depend on the machine's locale.
 */
export function sortByField<T extends object>(items: readonly T[], field: string, descending: boolean): T[] {
  const dir = descending ? -1 : 1;
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => {
      const av = (a.item as Record<string, unknown>)[field];
      const bv = (b.item as Record<string, unknown>)[field];
      if (av === undefined || bv === undefined) {
        if (av === bv) return a.index - b.index;
        return av === undefined ? 1 : -1;
      }
      const cmp = compare(av, bv);
      return cmp === 0 ? a.index - b.index : cmp * dir;
    })
    .map(({ item }) => item);
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  const as = String(a);
  const bs = String(b);
  return as < bs ? -1 : as > bs ? 1 : 0;
}

/** Case-insensitive substring match of `keyword` against any of the strings `fields` yields for an item. */
export function search<T>(items: readonly T[], keyword: string, fields: (item: T) => Array<string | undefined>): T[] {
  const needle = keyword.trim().toLowerCase();
  if (needle === "") return [...items];
  return items.filter((item) => fields(item).some((value) => value !== undefined && value.toLowerCase().includes(needle)));
}
