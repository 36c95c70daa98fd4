// The structural check of a webhook payload against the part of its spec schema that the generator
// keeps (scripts/generate-meta.mjs `shapeOf`): types, const, enum, required and nested properties
// and items. Schemas stay open as the spec's are: a property the spec does not name is accepted.
// Messages name the place in the payload and what the spec expects, never the received value.

/** The structural part of a payload schema, as generated into src/generated/<api>.webhooks.ts. */
export interface Shape {
  readonly type?: string | readonly string[];
  readonly const?: unknown;
  readonly enum?: readonly unknown[];
  readonly required?: readonly string[];
  readonly properties?: { readonly [name: string]: Shape };
  readonly items?: Shape;
}

/** One webhook of the spec (the key of its `webhooks` entry names it). */
export interface WebhookMeta {
  readonly operationId: string;
  /** The header that carries the delivery's signature (YCM: `X-Signature`), when the spec has one. */
  readonly signatureHeader?: string;
  /** The JSON payload's shape. */
  readonly body: Shape;
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case "object":
      return isJsonObject(value);
    case "array":
      return Array.isArray(value);
    case "string":
      return typeof value === "string";
    case "integer":
      return Number.isInteger(value);
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "boolean":
      return typeof value === "boolean";
    case "null":
      return value === null;
    default:
      return true;
  }
}

/** The first way `value` differs from `shape`, as a sentence naming `at`; undefined when it fits. */
export function shapeProblem(value: unknown, shape: Shape, at: string): string | undefined {
  if (shape.type !== undefined) {
    const types = typeof shape.type === "string" ? [shape.type] : shape.type;
    if (!types.some((type) => hasType(value, type))) return `${at} must be ${types.map((t) => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`)).join(" or ")}`;
  }
  if (shape.const !== undefined && value !== shape.const) return `${at} must be ${JSON.stringify(shape.const)}`;
  if (shape.enum !== undefined && !shape.enum.includes(value)) return `${at} must be one of ${shape.enum.map((v) => JSON.stringify(v)).join(", ")}`;
  if (isJsonObject(value)) {
    for (const name of shape.required ?? []) {
      if (!Object.hasOwn(value, name) || value[name] === undefined) return `${at}.${name} is missing`;
    }
    for (const [name, sub] of Object.entries(shape.properties ?? {})) {
      if (!Object.hasOwn(value, name)) continue;
      const problem = shapeProblem(value[name], sub, `${at}.${name}`);
      if (problem) return problem;
    }
  }
  if (Array.isArray(value) && shape.items) {
    for (let i = 0; i < value.length; i++) {
      const problem = shapeProblem(value[i], shape.items, `${at}[${i}]`);
      if (problem) return problem;
    }
  }
  return undefined;
}

/** How many of an object's (or each array element's) keys the shape names: how well a payload fits it. */
export function declaredKeys(value: unknown, shape: Shape): number {
  if (Array.isArray(value)) return shape.items ? value.reduce((n: number, item) => n + declaredKeys(item, shape.items!), 0) : 0;
  if (!isJsonObject(value)) return 0;
  const names = shape.properties ?? {};
  return Object.keys(value).filter((key) => Object.hasOwn(names, key)).length;
}
