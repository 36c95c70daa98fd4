import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { ApiName } from "./envelopes.js";

/** Loading the bundled OpenAPI documents and walking them (operations, local $refs). */

export type OpenApiDocument = Record<string, unknown>;
export type SpecDocuments = Record<ApiName, OpenApiDocument>;

export interface SpecOperation {
  api: ApiName;
  operationId: string;
  method: string;
  path: string;
  /** JSON pointer of the operation object inside its document. */
  pointer: string;
}

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** Reads spec/dist/<api>.openapi.json through the spec package's exports, so the mock sees what consumers see. */
export function loadBundledSpecs(): SpecDocuments {
  const require = createRequire(import.meta.url);
  const load = (api: ApiName): OpenApiDocument => {
    const id = `@yeastar-openapi/spec/${api}.json`;
    let file: string;
    try {
      file = require.resolve(id);
      return JSON.parse(readFileSync(file, "utf8")) as OpenApiDocument;
    } catch (error) {
      throw new Error(
        `Cannot load the bundled spec ${id} (${(error as Error).message}). Build it with ` +
          "`node scripts/spec-bundle.mjs` at the repository root, or start the mock with validate: false.",
      );
    }
  };
  return { ycm: load("ycm"), workplace: load("workplace") };
}

export function escapePointerSegment(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

export function getAtPointer(doc: unknown, pointer: string): unknown {
  if (pointer === "") return doc;
  let node: unknown = doc;
  for (const raw of pointer.slice(1).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Follows local `$ref`s (`#/...`) until a real object; returns it with the pointer where it lives. */
export function deref(doc: OpenApiDocument, pointer: string): { node: Record<string, unknown>; pointer: string } {
  let current = pointer;
  for (let hops = 0; hops < 32; hops++) {
    const node = getAtPointer(doc, current);
    if (typeof node !== "object" || node === null) throw new Error(`Spec has nothing at #${current}`);
    const ref = (node as Record<string, unknown>).$ref;
    if (typeof ref !== "string") return { node: node as Record<string, unknown>, pointer: current };
    if (!ref.startsWith("#")) throw new Error(`Spec $ref ${ref} at #${current} is not local; is the spec bundled?`);
    current = ref.slice(1);
  }
  throw new Error(`Spec $ref chain at #${pointer} is too long (a cycle?)`);
}

export function listOperations(api: ApiName, doc: OpenApiDocument): SpecOperation[] {
  const paths = (doc.paths ?? {}) as Record<string, unknown>;
  const out: SpecOperation[] = [];
  for (const path of Object.keys(paths)) {
    const item = deref(doc, `/paths/${escapePointerSegment(path)}`);
    for (const method of HTTP_METHODS) {
      const op = item.node[method] as Record<string, unknown> | undefined;
      if (!op) continue;
      if (typeof op.operationId !== "string") throw new Error(`Spec operation ${method.toUpperCase()} ${path} has no operationId`);
      out.push({ api, operationId: op.operationId, method: method.toUpperCase(), path, pointer: `${item.pointer}/${method}` });
    }
  }
  return out;
}
