import type { Item } from "../data.js";
import { rememberJson } from "../json-text.js";
import { project, type ObjectView } from "./schema-utils.js";

/**
 * A list answer's projections of records onto its view, made once per record and reused while the record keeps
 * the values they were made from (a list of 10 spent ~4 µs projecting and ~6-10 µs serialising per request).
 *
 * Records change in place in many places (updates, overrides, lifecycle actions, and a test editing
 * `server.dataset`), so nothing here trusts a record to stay as it was: every reuse first compares the record's
 * projected fields with the kept projection, deeply, and makes a new one on any difference. The kept projection is
 * a deep copy, frozen, so nothing downstream can change it behind its remembered JSON text.
 */
export class ProjectionCache {
  private readonly kept = new WeakMap<Item, Item>();
  private readonly keys: readonly string[];

  constructor(private readonly view: ObjectView) {
    // The order `project` lays the fields in (for...in over the view's own properties).
    this.keys = Object.keys(view.properties);
  }

  project(record: Item): Item {
    // An open view passes the record through (as `project` does): nothing to keep.
    if (!this.view.closed) return record;
    const hit = this.kept.get(record);
    if (hit !== undefined && this.unchanged(record, hit)) return hit;
    const fresh = this.copy(record);
    if (fresh === undefined) return project(record, this.view);
    this.kept.set(record, fresh);
    return fresh;
  }

  private unchanged(record: Item, kept: Item): boolean {
    for (const key of this.keys) {
      const now = record[key];
      const was = kept[key];
      if (now !== was && !sameJson(now, was)) return false;
    }
    return true;
  }

  /** A frozen deep copy of the record's projected fields with its JSON text remembered; undefined if not plain data. */
  private copy(record: Item): Item | undefined {
    const out: Item = {};
    for (const key of this.keys) {
      const value = record[key];
      if (value === undefined) continue;
      const copied = plainCopy(value);
      if (copied === NOT_PLAIN) return undefined;
      out[key] = copied;
    }
    Object.freeze(out);
    rememberJson(out, JSON.stringify(out));
    return out;
  }
}

const NOT_PLAIN = Symbol("not plain data");

/** A frozen deep copy of JSON-like data (primitives, arrays, plain objects); NOT_PLAIN for anything else. */
function plainCopy(value: unknown): unknown {
  if (value === null) return null;
  switch (typeof value) {
    case "string":
    case "number":
    case "boolean":
      return value;
    case "object":
      break;
    default:
      return NOT_PLAIN;
  }
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return NOT_PLAIN;
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
      const copied = plainCopy(value[i]);
      if (copied === NOT_PLAIN || copied === undefined) return NOT_PLAIN;
      out.push(copied);
    }
    return Object.freeze(out);
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return NOT_PLAIN;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    // JSON leaves undefined fields out; so does the copy (a later defined value there is a difference).
    if (v === undefined) continue;
    const copied = plainCopy(v);
    if (copied === NOT_PLAIN) return NOT_PLAIN;
    out[key] = copied;
  }
  return Object.freeze(out);
}

/** Whether `now` still prints as the copy `was` does: same values, same key order (JSON text follows it). */
function sameJson(now: unknown, was: unknown): boolean {
  if (now === was) return true;
  if (typeof now !== "object" || typeof was !== "object" || now === null || was === null) return false;
  if (Array.isArray(was)) {
    if (!Array.isArray(now) || now.length !== was.length) return false;
    for (let i = 0; i < was.length; i++) if (!sameJson(now[i], was[i])) return false;
    return true;
  }
  if (Array.isArray(now) || Object.getPrototypeOf(now) !== Object.getPrototypeOf(was)) return false;
  const a = now as Record<string, unknown>;
  const b = was as Record<string, unknown>;
  const keysNow = Object.keys(a).filter((k) => a[k] !== undefined);
  const keysWas = Object.keys(b);
  if (keysNow.length !== keysWas.length) return false;
  for (let i = 0; i < keysWas.length; i++) {
    if (keysNow[i] !== keysWas[i] || !sameJson(a[keysWas[i]!], b[keysWas[i]!])) return false;
  }
  return true;
}
