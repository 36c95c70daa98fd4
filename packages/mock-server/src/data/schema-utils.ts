import type { Schema } from "@yeastar-openapi/spec-model";

/** Small readings of resolved JSON Schemas that generation, projection and classification share. */

export interface ObjectView {
  properties: Record<string, Schema>;
  required: string[];
  /** Whether the schema lists its properties (so answers can be projected onto them). */
  closed: boolean;
}

/** An object schema with its allOf parts folded in. */
export function objectView(schema: Schema): ObjectView {
  const properties: Record<string, Schema> = {};
  const required = new Set<string>();
  let closed = false;
  const visit = (s: Schema): void => {
    if (Array.isArray(s.allOf)) for (const part of s.allOf as Schema[]) visit(part);
    if (s.properties && typeof s.properties === "object") {
      closed = true;
      Object.assign(properties, s.properties);
    }
    if (Array.isArray(s.required)) for (const r of s.required) required.add(String(r));
  };
  visit(schema);
  return { properties, required: [...required], closed };
}

export function typeOf(schema: Schema): string | undefined {
  if (typeof schema.type === "string") return schema.type;
  if (Array.isArray(schema.type)) return (schema.type as string[]).find((t) => t !== "null");
  if (schema.properties || schema.allOf) return "object";
  if (schema.items) return "array";
  if (schema.const !== undefined) return typeof schema.const;
  return undefined;
}

/** Integer-typed `id` or `…Id` fields are identifiers: unique per collection. */
export function isIdField(name: string, schema: Schema): boolean {
  const t = typeOf(schema);
  return (t === "integer" || t === "string") && (name === "id" || /[a-z0-9]Id$/.test(name));
}

/** Keeps only the properties a schema lists (a record holds the union of its list and detail schemas). */
export function project(record: Record<string, unknown>, view: ObjectView): Record<string, unknown> {
  if (!view.closed) return record;
  const out: Record<string, unknown> = {};
  for (const key in view.properties) if (record[key] !== undefined) out[key] = record[key];
  return out;
}
