import { getAtPointer, isObject, type JsonObject } from "./pointer.js";

/**
 * The project's one `$ref` resolver. Bundles hold only local refs (`#/components/...`); anything else means the
 * description was not bundled, which is a build-order mistake worth a clear error.
 */

const MAX_HOPS = 32;

/** The pointer a local `$ref` names: `#/components/schemas/A` -> `/components/schemas/A`. */
export function refPointer(ref: string, where = ""): string {
  if (!ref.startsWith("#")) throw new Error(`$ref "${ref}"${where ? ` at #${where}` : ""} is not local: is the spec bundled?`);
  return decodeURIComponent(ref.slice(1));
}

export interface Located<T = JsonObject> {
  node: T;
  /** Where the node really lives in the document (after following every `$ref`). */
  pointer: string;
}

// Schema keywords whose value is one schema, a list of schemas, or a map of name -> schema (JSON Schema 2020-12).
const ONE_SCHEMA = [
  "items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames",
  "unevaluatedItems", "unevaluatedProperties", "additionalItems", "contentSchema",
];
const SCHEMA_LISTS = ["allOf", "anyOf", "oneOf", "prefixItems"];
const SCHEMA_MAPS = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"];

export class RefResolver {
  private readonly deepCache = new Map<string, JsonObject>();

  constructor(readonly document: JsonObject) {}

  /** Follows `$ref`s from the node at `pointer` until a real object. */
  at<T = JsonObject>(pointer: string): Located<T> {
    let current = pointer;
    for (let hops = 0; hops < MAX_HOPS; hops++) {
      const node = getAtPointer(this.document, current);
      if (!isObject(node)) throw new Error(`The spec has nothing at #${current}`);
      const ref = node.$ref;
      if (typeof ref !== "string") return { node: node as T, pointer: current };
      current = refPointer(ref, current);
    }
    throw new Error(`The $ref chain at #${pointer} is too long (a cycle?)`);
  }

  /** Follows `$ref`s from a node already in hand (its `$ref` siblings are dropped, as OpenAPI 3.0 objects do). */
  resolve<T = JsonObject>(node: unknown, where = ""): T {
    if (!isObject(node)) throw new Error(`Expected an object${where ? ` at #${where}` : ""}, got ${JSON.stringify(node)}`);
    return (typeof node.$ref === "string" ? this.at(refPointer(node.$ref, where)).node : node) as T;
  }

  /**
   * A schema with every `$ref` inside it replaced by what it names, so readers never meet a `$ref`. A pure
   * `$ref` to the same target yields the same object, so a recursive schema becomes a cyclic object instead of
   * an endless one. `$ref` siblings (3.1 allows `description` beside `$ref`) are laid over the target.
   */
  schema(node: unknown, where = ""): JsonObject {
    if (typeof node === "boolean") return node ? {} : { not: {} };
    if (!isObject(node)) throw new Error(`Expected a schema${where ? ` at #${where}` : ""}, got ${JSON.stringify(node)}`);
    if (typeof node.$ref === "string") {
      const target = refPointer(node.$ref, where);
      const resolved = this.schemaAt(target);
      const { $ref: _ref, ...siblings } = node;
      if (Object.keys(siblings).length === 0) return resolved;
      return { ...resolved, ...this.walk(siblings, where) };
    }
    return this.walk(node, where);
  }

  /** The fully resolved schema at a pointer (memoised). */
  schemaAt(pointer: string): JsonObject {
    const cached = this.deepCache.get(pointer);
    if (cached) return cached;
    const raw = getAtPointer(this.document, pointer);
    if (raw === undefined) throw new Error(`$ref #${pointer} points nowhere`);
    const out: JsonObject = {};
    this.deepCache.set(pointer, out);
    Object.assign(out, this.schema(raw, pointer));
    return out;
  }

  private walk(node: JsonObject, where: string): JsonObject {
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(node)) {
      if (ONE_SCHEMA.includes(key) && (isObject(value) || typeof value === "boolean")) {
        out[key] = typeof value === "boolean" && key !== "items" ? value : this.schema(value, `${where}/${key}`);
      } else if (SCHEMA_LISTS.includes(key) && Array.isArray(value)) {
        out[key] = value.map((v, i) => this.schema(v, `${where}/${key}/${i}`));
      } else if (SCHEMA_MAPS.includes(key) && isObject(value)) {
        out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.schema(v, `${where}/${key}/${k}`)]));
      } else {
        out[key] = value;
      }
    }
    return out;
  }
}
