// Today's YCM description grown tenfold: nine more operations in one of today's usual shapes for
// every operation it has, under new paths. It is what the browser bundle must survive: the size
// test generates the client's metadata for it and measures what the one-call app grows by. (It
// used to add Yeastar's published operations the spec lacked; the spec now has them all.)

/** How many times today's operations the grown description has. */
export const GROWTH = 10;

const METHODS = new Set(["get", "put", "post", "delete", "patch", "head", "options"]);

type Doc = { paths: Record<string, Record<string, any>>; components: { parameters: Record<string, any> } };

/**
 * `doc` (the bundled YCM description) with GROWTH - 1 copies of each of its operations at a new
 * path (`/dm/open_api/grown3/v1/...`), each in today's usual shapes: a GET without a path
 * parameter is the paged user list, one with path parameters is the user by ID (its parameter
 * renamed, e.g. `{cloudPbxId}`), and a POST, PUT or DELETE is the user by ID with a JSON body.
 */
export function grownSpec(doc: Doc): Doc {
  const grown = structuredClone(doc);
  const list = doc.paths["/dm/open_api/v2/users"]!.get;
  const byId = doc.paths["/dm/open_api/v1/users/{userId}"]!.get;
  const idSchema = doc.components.parameters.UserId.schema;
  const today = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).filter((key) => METHODS.has(key)).map((method) => [method.toUpperCase(), path] as const));
  for (let copy = 1; copy < GROWTH; copy++) {
    for (const [method, todayPath] of today) {
      const path = todayPath.replace(/^(\/[^/]+\/[^/]+)\//, `$1/grown${copy}/`);
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      const template = method === "GET" && names.length === 0 ? list : byId;
      const op = structuredClone(template);
      op.operationId = `${method.toLowerCase()}${path.replace(/\W+/g, "_")}`;
      op.parameters = [
        ...op.parameters.filter((p: { $ref?: string }) => p.$ref !== "#/components/parameters/UserId"),
        ...names.map((name) => ({ name, in: "path", required: true, description: name, schema: idSchema })),
      ];
      if (method !== "GET") op.requestBody = { content: { "application/json": { schema: { type: "object" } } } };
      (grown.paths[path] ??= {})[method.toLowerCase()] = op;
    }
  }
  return grown;
}
