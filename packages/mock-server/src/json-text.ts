/**
 * JSON text of answers, assembled from the remembered text of frozen parts (a list's record projections, see
 * data/projections.ts) instead of printing those again on every request. The result is exactly what
 * `JSON.stringify` prints: anything this does not handle the same way (toJSON, a Date, a Map, a bigint,
 * undefined in an array...) sends the whole value to `JSON.stringify`.
 */

const texts = new WeakMap<object, string>();

/** Remembers the JSON text of a frozen object; it must be `JSON.stringify(value)` and never change. */
export function rememberJson(value: object, text: string): void {
  if (!Object.isFrozen(value)) throw new TypeError("only a frozen object's JSON text can be remembered");
  texts.set(value, text);
}

/**
 * Answers whose text is worth assembling (a list page of remembered parts). Every other answer goes to
 * JSON.stringify directly: walking it here would only be slower (about twice, for a get by id's body).
 */
const assembled = new WeakSet<object>();

/** Marks an answer's body as made of remembered parts, for `toJson` to assemble. */
export function assembleJson(body: unknown): void {
  if (typeof body === "object" && body !== null) assembled.add(body);
}

/** `JSON.stringify(value)`, byte for byte. */
export function toJson(value: unknown): string {
  if (typeof value !== "object" || value === null || !assembled.has(value)) return JSON.stringify(value) as string;
  return write(value, 0) ?? (JSON.stringify(value) as string);
}

/** Deeper than any answer: a cycle is left to JSON.stringify, to throw its own error. */
const MAX_DEPTH = 64;

/** The JSON text of `value`, or undefined where JSON.stringify must decide. */
function write(value: unknown, depth: number): string | undefined {
  switch (typeof value) {
    case "string":
    case "number":
    case "boolean":
      return JSON.stringify(value);
    case "object":
      break;
    default:
      return undefined;
  }
  if (value === null) return "null";
  if (depth > MAX_DEPTH) return undefined;
  const known = texts.get(value);
  if (known !== undefined) return known;
  if (typeof (value as { toJSON?: unknown }).toJSON === "function") return undefined;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return undefined;
    let out = "[";
    for (let i = 0; i < value.length; i++) {
      const item = write(value[i], depth + 1);
      if (item === undefined) return undefined;
      out += i === 0 ? item : "," + item;
    }
    return out + "]";
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return undefined;
  let out = "{";
  let first = true;
  for (const key of Object.keys(value)) {
    const field = (value as Record<string, unknown>)[key];
    // JSON.stringify leaves these fields out of an object.
    if (field === undefined || typeof field === "function" || typeof field === "symbol") continue;
    const text = write(field, depth + 1);
    if (text === undefined) return undefined;
    out += (first ? "" : ",") + JSON.stringify(key) + ":" + text;
    first = false;
  }
  return out + "}";
}
