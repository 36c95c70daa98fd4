// Command-line strings to the values the spec types a parameter with (an integer, a list, a
// free-form object), so the client can check them against the spec's limits exactly as it checks
// a program's values. Only the shape is decided here; minimum, maximum, pattern and enum are the
// client's checks (one source of truth), and its errors are usage errors too.
import type { Parameter, Schema } from "@yeastar-openapi/spec-model";
import { UsageError } from "./exit.js";

/** The schema's type, the first that is not "null" when it lists several. */
export function typeOf(schema: Schema): string | undefined {
  const type = schema.type;
  if (typeof type === "string") return type;
  if (Array.isArray(type)) return type.find((t): t is string => typeof t === "string" && t !== "null");
  if (schema.properties || schema.additionalProperties) return "object";
  if (schema.items) return "array";
  return undefined;
}

function scalar(schema: Schema, raw: string, where: string): unknown {
  switch (typeOf(schema)) {
    case "integer": {
      if (!/^-?\d+$/.test(raw.trim())) throw new UsageError(`${where} must be a whole number, got ${JSON.stringify(raw)}`);
      const n = Number(raw);
      // A Long beyond 2^53 stays a string of digits: the client sends it exactly as written.
      return Number.isSafeInteger(n) ? n : raw.trim();
    }
    case "number": {
      const n = Number(raw);
      if (raw.trim() === "" || !Number.isFinite(n)) throw new UsageError(`${where} must be a number, got ${JSON.stringify(raw)}`);
      return n;
    }
    case "boolean":
      if (raw === "true") return true;
      if (raw === "false") return false;
      throw new UsageError(`${where} must be true or false, got ${JSON.stringify(raw)}`);
    default:
      return raw;
  }
}

/**
 * The value of a parameter from what was typed (one string, or several when the flag was
 * repeated). Arrays take repeated flags or comma-separated items; objects take key=value pairs.
 */
export function parameterValue(param: Parameter, raw: string | string[], where: string): unknown {
  const values = Array.isArray(raw) ? raw : [raw];
  const type = typeOf(param.schema);
  if (type === "array") {
    const items = (param.schema.items ?? {}) as Schema;
    return values.flatMap((v) => v.split(",")).map((v, i) => scalar(items, v, `${where}[${i}]`));
  }
  if (type === "object") return pairs(values, where);
  if (values.length > 1) throw new UsageError(`${where} takes one value, got ${values.length}`);
  return scalar(param.schema, values[0]!, where);
}

/** `key=value` strings as an object (values stay strings: a free-form object has no types to read). */
export function pairs(values: string[], where: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const value of values) {
    const at = value.indexOf("=");
    if (at < 1) throw new UsageError(`${where} takes key=value, got ${JSON.stringify(value)}`);
    out[value.slice(0, at)] = value.slice(at + 1);
  }
  return out;
}

/** What `--help` says about a parameter's values: type, enum, default and limits, from its schema. */
export function describeValues(param: Parameter): string {
  const schema = param.schema;
  const type = typeOf(schema);
  const facts: string[] = [];
  const items = type === "array" ? ((schema.items ?? {}) as Schema) : schema;
  if (Array.isArray(items.enum)) facts.push(`one of: ${items.enum.map((v) => String(v)).join(", ")}`);
  if (type === "array") facts.push("a list: repeat the flag or separate with commas");
  else if (type === "object") facts.push("key=value, repeatable");
  else if (type) facts.push(type);
  if (typeof items.minimum === "number") facts.push(`min ${items.minimum}`);
  if (typeof items.maximum === "number") facts.push(`max ${items.maximum}`);
  if (typeof items.minLength === "number") facts.push(`min length ${items.minLength}`);
  if (typeof items.maxLength === "number") facts.push(`max length ${items.maxLength}`);
  if (typeof items.pattern === "string") facts.push(`pattern ${items.pattern}`);
  if (schema.default !== undefined) facts.push(`default ${JSON.stringify(schema.default)}`);
  if (param.example !== undefined) facts.push(`e.g. ${typeof param.example === "string" ? param.example : JSON.stringify(param.example)}`);
  return facts.join("; ");
}
