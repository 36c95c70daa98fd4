import type { Item } from "../data.js";
import { objectView } from "../data/schema-utils.js";
import type { CallContext, MockState } from "../state.js";

/**
 * What the YCM override families share: their per-server state (kept beside the spec-derived collections, never
 * inside their records, whose schemas are open and would otherwise leak it) and lookups by identifier.
 */

/** State of one override family, one per running server. */
export function perServer<T>(init: () => T): (state: MockState) => T {
  const all = new WeakMap<MockState, T>();
  return (state) => {
    let value = all.get(state);
    if (value === undefined) all.set(state, (value = init()));
    return value;
  };
}

/** A collection of the dataset, by its item schema's name (`YcmCloudPbx`). */
export function records(state: Pick<MockState, "dataset">, collection: string): Item[] {
  return (state.dataset.collections[collection] ??= []);
}

export function byId(state: Pick<MockState, "dataset">, collection: string, field: string, id: unknown): Item | undefined {
  return records(state, collection).find((r) => r[field] !== undefined && String(r[field]) === String(id));
}

/** The JSON body as an object (the request was validated against the spec before an override runs). */
export function body(ctx: CallContext): Record<string, unknown> {
  return ctx.json && typeof ctx.json === "object" && !Array.isArray(ctx.json) ? (ctx.json as Record<string, unknown>) : {};
}

/** The field names of the operation's JSON request body, read from the spec. */
export function bodyFields(ctx: CallContext): string[] {
  const schema = ctx.op.requestBody?.json?.schema;
  return schema ? Object.keys(objectView(schema).properties) : [];
}

export function ids(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}
