import type { Schema } from "@yeastar-openapi/spec-model";
import type { Rng } from "../random.js";
import { objectView, typeOf } from "./schema-utils.js";
import {
  ADDRESSES, BUILDINGS, COMPANIES, EMAIL_DOMAINS, emailLocalPart, FIRST_NAMES, FLOORS, GROUP_NAMES, hintFor, LAST_NAMES, REMARKS,
} from "./vocabulary.js";

/**
 * Schema-valid values from a resolved JSON Schema, drawn from a seeded stream: const and enum first, then what
 * the field's name says (names, emails, phones...), then the format, then the schema's example, then the type.
 */

export interface GenerationContext {
  rng: Rng;
  /** The person a record is about, so its firstName, lastName and email agree. */
  person: { first: string; last: string };
  /** A number unique within the collection (the record's position), for unique strings. */
  serial: number;
  /** Values already chosen for some fields (ids), used instead of generating. */
  fixed?: Record<string, unknown>;
}

const MAX_DEPTH = 8;
// 2023-11-14T22:13:20Z: a fixed origin so timestamps are reproducible across runs.
const EPOCH_SECONDS = 1_700_000_000;

export function newPerson(rng: Rng): { first: string; last: string } {
  return { first: rng.pick(FIRST_NAMES), last: rng.pick(LAST_NAMES) };
}

export function generate(schema: Schema, ctx: GenerationContext, field = "", depth = 0): unknown {
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length) return ctx.rng.pick(schema.enum as unknown[]);
  if (Array.isArray(schema.oneOf) && schema.oneOf.length) return generate(schema.oneOf[0] as Schema, ctx, field, depth);
  if (Array.isArray(schema.anyOf) && schema.anyOf.length) return generate(schema.anyOf[0] as Schema, ctx, field, depth);
  switch (typeOf(schema)) {
    case "object":
      return depth >= MAX_DEPTH ? {} : generateObject(schema, ctx, depth);
    case "array":
      return depth >= MAX_DEPTH ? [] : generateArray(schema, ctx, field, depth);
    case "string":
      return generateString(schema, ctx, field);
    case "integer":
      return generateNumber(schema, ctx, field, true);
    case "number":
      return generateNumber(schema, ctx, field, false);
    case "boolean":
      return ctx.rng.chance(0.5);
    case "null":
      return null;
    default:
      return schema.example ?? null;
  }
}

export function generateObject(schema: Schema, ctx: GenerationContext, depth = 0): Record<string, unknown> {
  const view = objectView(schema);
  const out: Record<string, unknown> = {};
  for (const [name, prop] of Object.entries(view.properties)) {
    if (depth === 0 && ctx.fixed && name in ctx.fixed) {
      out[name] = ctx.fixed[name];
      continue;
    }
    // Optional fields are mostly present, sometimes not, as in real accounts.
    if (!view.required.includes(name) && !ctx.rng.chance(0.85)) continue;
    out[name] = generate(prop, ctx, name, depth + 1);
  }
  return out;
}

function generateArray(schema: Schema, ctx: GenerationContext, field: string, depth: number): unknown[] {
  const items = (schema.items ?? {}) as Schema;
  const min = typeof schema.minItems === "number" ? schema.minItems : 0;
  const max = typeof schema.maxItems === "number" ? schema.maxItems : Math.max(min, 3);
  const count = ctx.rng.int(min, Math.max(min, Math.min(max, min + 3)));
  const out: unknown[] = [];
  const seen = new Set<string>();
  for (let tries = 0; out.length < count && tries < count * 5; tries++) {
    const value = generate(items, ctx, field.replace(/s$/, ""), depth + 1);
    const key = JSON.stringify(value);
    if (schema.uniqueItems === true && seen.has(key)) continue;
    seen.add(key);
    out.push(value);
  }
  return out;
}

function generateString(schema: Schema, ctx: GenerationContext, field: string): string {
  const { rng, person } = ctx;
  const example = typeof schema.example === "string" ? schema.example : undefined;
  if (typeof schema.pattern === "string" && example !== undefined) return example;
  let value: string | undefined;
  switch (hintFor(field)) {
    case "firstName":
      value = person.first;
      break;
    case "lastName":
      value = person.last;
      break;
    case "personName":
      value = `${person.first} ${person.last}`;
      break;
    case "email":
      value = `${emailLocalPart(`${person.first} ${person.last}`)}.${ctx.serial}@${rng.pick(EMAIL_DOMAINS)}`;
      break;
    case "phone":
      value = example?.startsWith("+") ? `+1${rng.int(200, 989)}555${rng.digits(4)}` : `13${rng.int(0, 9)}${rng.digits(8)}`;
      break;
    case "company":
      value = rng.pick(COMPANIES);
      break;
    case "address":
      value = rng.pick(ADDRESSES);
      break;
    case "remark":
      value = rng.pick(REMARKS);
      break;
    case "groupName":
      value = rng.pick(GROUP_NAMES);
      break;
    case "building":
      value = rng.pick(BUILDINGS);
      break;
    case "floor":
      value = rng.pick(FLOORS);
      break;
  }
  value ??= byFormat(schema.format, ctx);
  value ??= field === "name" && example !== undefined ? `${example} ${ctx.serial}` : example;
  value ??= `${field || "value"}-${ctx.serial}`;
  return fitLength(value, schema);
}

function byFormat(format: unknown, { rng, serial }: GenerationContext): string | undefined {
  const seconds = EPOCH_SECONDS + rng.int(0, 365 * 86_400);
  switch (format) {
    case "email":
      return `user.${serial}@${rng.pick(EMAIL_DOMAINS)}`;
    case "date-time":
      return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
    case "date":
      return new Date(seconds * 1000).toISOString().slice(0, 10);
    case "time":
      return `${String(rng.int(0, 23)).padStart(2, "0")}:${String(rng.int(0, 59)).padStart(2, "0")}:00Z`;
    case "uri":
    case "url":
      return `https://example.com/${serial}`;
    case "hostname":
      return `host${serial}.example.com`;
    case "ipv4":
      return `192.0.2.${rng.int(1, 254)}`;
    case "ipv6":
      return `2001:db8::${rng.int(1, 0xffff).toString(16)}`;
    case "uuid": {
      const hex = (n: number): string => Array.from({ length: n }, () => rng.int(0, 15).toString(16)).join("");
      return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
    }
    default:
      return undefined;
  }
}

function fitLength(value: string, schema: Schema): string {
  const max = typeof schema.maxLength === "number" ? schema.maxLength : undefined;
  const min = typeof schema.minLength === "number" ? schema.minLength : 0;
  let out = max !== undefined && value.length > max ? value.slice(0, max) : value;
  while (out.length < min) out += "x";
  return out;
}

function generateNumber(schema: Schema, ctx: GenerationContext, field: string, integer: boolean): number {
  const { rng } = ctx;
  let min = typeof schema.minimum === "number" ? schema.minimum : typeof schema.exclusiveMinimum === "number" ? schema.exclusiveMinimum + 1 : undefined;
  let max = typeof schema.maximum === "number" ? schema.maximum : typeof schema.exclusiveMaximum === "number" ? schema.exclusiveMaximum - 1 : undefined;
  const example = typeof schema.example === "number" ? schema.example : undefined;
  if (min === undefined && max === undefined && /time$|date$|At$/i.test(field) && schema.format === "int64") {
    return EPOCH_SECONDS + rng.int(0, 365 * 86_400);
  }
  min ??= 0;
  max ??= Math.max(min + 10, example !== undefined ? Math.abs(example) * 2 : 100);
  const value = integer ? rng.int(Math.ceil(min), Math.floor(max)) : Math.round((min + rng.float() * (max - min)) * 100) / 100;
  if (typeof schema.multipleOf === "number" && schema.multipleOf > 0) {
    const m = schema.multipleOf;
    const snapped = Math.ceil(value / m) * m;
    return snapped > max ? Math.floor(max / m) * m : snapped;
  }
  return value;
}
