/** JSON Pointers (RFC 6901) into a bundled document: the addresses `$ref`s and validators use. */

export type JsonObject = Record<string, unknown>;

export function escapePointerSegment(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

export function unescapePointerSegment(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

/** `["paths", "/a/{b}", "get"]` -> `/paths/~1a~1{b}/get`. */
export function pointerOf(segments: readonly string[]): string {
  return segments.map((s) => `/${escapePointerSegment(s)}`).join("");
}

export function getAtPointer(doc: unknown, pointer: string): unknown {
  if (pointer === "") return doc;
  if (!pointer.startsWith("/")) throw new Error(`"${pointer}" is not a JSON pointer`);
  let node: unknown = doc;
  for (const raw of pointer.slice(1).split("/")) {
    if (typeof node !== "object" || node === null) return undefined;
    const key = unescapePointerSegment(raw);
    if (!Object.prototype.hasOwnProperty.call(node, key)) return undefined;
    node = (node as JsonObject)[key];
  }
  return node;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
