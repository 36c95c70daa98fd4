import { randomUUID } from "node:crypto";
import type { Schema, SpecModel, Webhook } from "@yeastar-openapi/spec-model";
import { objectView, typeOf } from "../data/schema-utils.js";

/**
 * Event payloads shaped by the spec's `webhooks`: the fields an event carries, and their types, are read from
 * its request-body schema; the values come from the mock's records. Nothing here names a payload field.
 */

/** The webhook of a product by its key under `webhooks` (`pceDidChange`, `MEETING_CREATED`). */
export function webhookOf(model: SpecModel, key: string): Webhook {
  const hook = model.webhooks.find((w) => w.event === key);
  if (!hook) throw new Error(`The ${model.api} description has no webhook ${JSON.stringify(key)}`);
  return hook;
}

function bodySchema(hook: Webhook): Schema {
  const schema = hook.requestBody?.json?.schema;
  if (!schema) throw new Error(`Webhook ${hook.event} has no JSON request body in the spec`);
  return schema;
}

/**
 * A value laid onto a schema: objects keep the properties the schema lists (each shaped in turn), arrays their
 * items, and scalars take the schema's type (YCM's event payloads carry IDs and capacities as strings).
 */
export function shape(value: unknown, schema: Schema): unknown {
  const type = typeOf(schema);
  if (value === undefined || value === null) return undefined;
  if (type === "array" && Array.isArray(value)) {
    const items = (schema.items ?? {}) as Schema;
    return value.map((v) => shape(v, items)).filter((v) => v !== undefined);
  }
  if (type === "object" && typeof value === "object" && !Array.isArray(value)) {
    const view = objectView(schema);
    if (!view.closed) return value;
    const out: Record<string, unknown> = {};
    for (const [key, sub] of Object.entries(view.properties)) {
      const v = shape((value as Record<string, unknown>)[key], sub);
      if (v !== undefined) out[key] = v;
    }
    return out;
  }
  if (type === "string" && (typeof value === "number" || typeof value === "bigint")) return String(value);
  if (type === "integer" && typeof value === "string" && /^-?\d+$/.test(value)) return Number(value);
  return value;
}

/** A YCM push: a JSON array with one element per Cloud PBX, each shaped by the webhook's item schema. */
export function ycmPayload(model: SpecModel, key: string, elements: Array<Record<string, unknown>>): unknown[] {
  const schema = bodySchema(webhookOf(model, key));
  return shape(elements, schema) as unknown[];
}

/**
 * A Workplace event: the outer object (a fresh `eventId`, `eventCreatedTime` in Unix seconds, the `eventVersion`
 * the spec shows, the event type) around `data` shaped by the event's schema.
 */
export function workplacePayload(model: SpecModel, eventType: string, data: Record<string, unknown> | undefined, nowMs: number): Record<string, unknown> {
  const schema = bodySchema(webhookOf(model, eventType));
  const props = objectView(schema).properties;
  const version = props.eventVersion?.example ?? "1.0";
  const outer: Record<string, unknown> = {
    eventId: randomUUID(),
    eventCreatedTime: Math.floor(nowMs / 1000),
    eventVersion: version,
    eventType: props.eventType?.const ?? eventType,
  };
  if (data !== undefined && props.data) outer.data = shape(data, props.data);
  return outer;
}
