import type { Operation, Schema } from "@yeastar-openapi/spec-model";

/**
 * A call derived from the spec for one operation: path parameters, required query parameters and a body,
 * each from the spec's examples (or, lacking one, the simplest value its schema allows).
 */

export interface DerivedCall {
  /** A label for the test's name: the example used. */
  label: string;
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  body?: unknown;
}

/** Values the test fills in itself: identifiers of records the mock holds, and credentials. */
export interface Fillers {
  /** A value the mock's data holds for a path parameter of this name, if any. */
  /** A record's value for a path parameter; `path` is the operation's path template. */
  pathValue(name: string, path?: string): unknown;
  /** Credentials and tokens, by the form field names the spec uses for them. */
  credential(field: string): string | undefined;
}

export function deriveCalls(op: Operation, fill: Fillers): DerivedCall[] {
  const path = Object.fromEntries(op.parametersIn.path.map((p) => [p.name, fill.pathValue(p.name, op.path) ?? p.example ?? simplest(p.schema)]));
  // Required query parameters, and the optional lists and objects with an example: how those are
  // serialised (`regionIds=3,4`: style form, explode false) is the spec's to say, so it is tested.
  // Identifiers in the query and at the top of a body name records too (`roomId`, `meetingId`): the mock's, like the path's.
  const sent = op.parametersIn.query.filter((p) => p.required || (p.example !== undefined && (p.schema.type === "array" || p.schema.type === "object")));
  const query = Object.fromEntries(sent.map((p) => [p.name, identifier(p.name, fill) ?? p.example ?? simplest(p.schema)]));
  const media = op.requestBody?.json ?? op.requestBody?.form;
  if (!media) return [{ label: "no body", path, query }];
  const examples = media.examples.length ? media.examples : [{ name: "from the schema", value: simplest(media.schema) }];
  return examples.map((e) => ({ label: e.name, path, query, body: withCredentials(e.value, fill) }));
}

const isIdentifier = (name: string): boolean => name === "id" || /[a-z0-9]Id$/.test(name);

function identifier(name: string, fill: Fillers): unknown {
  return isIdentifier(name) ? fill.pathValue(name) : undefined;
}

function withCredentials(value: unknown, fill: Fillers, top = true): unknown {
  if (Array.isArray(value)) return value.map((v) => withCredentials(v, fill, false));
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, fill.credential(k) ?? (top && typeof v !== "object" ? identifier(k, fill) : undefined) ?? withCredentials(v, fill, false)]),
  );
}

/** The schema's example, const, default or first enum value, else the simplest value of its type. */
export function simplest(schema: Schema): unknown {
  for (const key of ["example", "const", "default"]) if (schema[key] !== undefined) return schema[key];
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
  if (Array.isArray(schema.oneOf) && schema.oneOf.length) return simplest(schema.oneOf[0] as Schema);
  if (Array.isArray(schema.allOf)) return Object.assign({}, ...(schema.allOf as Schema[]).map((s) => simplest(s)));
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  if (type === "object" || schema.properties) {
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    const required = (schema.required ?? []) as string[];
    return Object.fromEntries(required.filter((r) => props[r]).map((r) => [r, simplest(props[r]!)]));
  }
  if (type === "array") return [simplest((schema.items ?? {}) as Schema)];
  if (type === "integer" || type === "number") return typeof schema.minimum === "number" ? schema.minimum : 1;
  if (type === "boolean") return true;
  return "x";
}
