// A copy of today's YCM description grown tenfold: the ~80 operations of Yeastar's published
// lists (both products' paths, method and path only) that the spec does not have yet, each in one
// of today's shapes. It is what the browser bundle must survive: the size test generates the
// client's metadata for it and measures what the one-call app grows by.

/** Method and path of each operation to add (Yeastar's published operation lists). */
export const ADDED_OPERATIONS = [
  "DELETE /dm/open_api/v1/cloud_pbx/instances",
  "DELETE /dm/open_api/v1/customers",
  "DELETE /dm/open_api/v1/did_management",
  "DELETE /dm/open_api/v1/groups",
  "DELETE /dm/open_api/v1/shared_trunk",
  "DELETE /dm/open_api/v1/trunk_acl",
  "DELETE /dm/open_api/v1/users",
  "DELETE /services/openapi/v1.0/room/meeting_delete",
  "DELETE /services/openapi/v1.0/room/room_delete/{roomId}",
  "DELETE /services/openapi/v1.0/user/group_delete/{groupId}",
  "GET /dm/open_api/v1/cloud_pbx/instances/get",
  "GET /dm/open_api/v1/cloud_pbx/instances/{cloudPbxId}",
  "GET /dm/open_api/v1/cloud_pbx/instances/{cloudPbxId}/activation_info",
  "GET /dm/open_api/v1/cloud_pbx/instances/{cloudPbxId}/customers",
  "GET /dm/open_api/v1/cloud_pbx/instances/{cloudPbxId}/status",
  "GET /dm/open_api/v1/cluster/domains",
  "GET /dm/open_api/v1/cluster/regions",
  "GET /dm/open_api/v1/customers",
  "GET /dm/open_api/v1/customers/{customerId}",
  "GET /dm/open_api/v1/did_management",
  "GET /dm/open_api/v1/did_management/usable",
  "GET /dm/open_api/v1/did_management/{cloudPbxId}/did",
  "GET /dm/open_api/v1/did_management/{didId}",
  "GET /dm/open_api/v1/firmware",
  "GET /dm/open_api/v1/groups",
  "GET /dm/open_api/v1/groups/{id}",
  "GET /dm/open_api/v1/shared_trunk",
  "GET /dm/open_api/v1/shared_trunk/itsp",
  "GET /dm/open_api/v1/shared_trunk/name/acl",
  "GET /dm/open_api/v1/shared_trunk/pbx/used",
  "GET /dm/open_api/v1/shared_trunk/{id}",
  "GET /dm/open_api/v1/subscription",
  "GET /dm/open_api/v1/subscription/plan_statistics",
  "GET /dm/open_api/v1/subscription/rm_connections",
  "GET /dm/open_api/v1/trunk_acl/dids",
  "GET /dm/open_api/v1/trunk_acl/page",
  "GET /dm/open_api/v1/trunk_acl/{userId}",
  "GET /dm/open_api/v1/users/{userId}/subscription_info",
  "GET /dm/open_api/v2/cloud_pbx/instances",
  "GET /services/openapi/v1.0/room/meeting_detail",
  "GET /services/openapi/v1.0/room/meeting_list",
  "GET /services/openapi/v1.0/room/room_detail/{roomId}",
  "GET /services/openapi/v1.0/room/room_list",
  "GET /services/openapi/v1.0/user/group_detail/{groupId}",
  "GET /services/openapi/v1.0/user/user_detail/{memberId}",
  "POST /dm/open_api/v1/cloud_pbx/instances",
  "POST /dm/open_api/v1/cloud_pbx/instances/{cloudPbxId}/activation_email",
  "POST /dm/open_api/v1/customers",
  "POST /dm/open_api/v1/did_management",
  "POST /dm/open_api/v1/groups",
  "POST /dm/open_api/v1/shared_trunk",
  "POST /dm/open_api/v1/trunk_acl",
  "POST /dm/open_api/v1/users",
  "POST /dm/open_api/v1/users/{userId}/activation_email",
  "POST /services/openapi/v1.0/device/open_door",
  "POST /services/openapi/v1.0/integration/subscribe",
  "POST /services/openapi/v1.0/room/check_in",
  "POST /services/openapi/v1.0/room/end",
  "POST /services/openapi/v1.0/room/extend",
  "POST /services/openapi/v1.0/room/meeting_create",
  "POST /services/openapi/v1.0/room/room_create",
  "POST /services/openapi/v1.0/user/group_create",
  "POST /services/openapi/v1.0/user/user_create",
  "PUT /dm/open_api/v1/cloud_pbx/instances/{cloudPbxId}",
  "PUT /dm/open_api/v1/cloud_pbx/instances/{cloudPbxId}/capacity",
  "PUT /dm/open_api/v1/cloud_pbx/instances/{cloudPbxId}/customers",
  "PUT /dm/open_api/v1/cloud_pbx/instances/{cloudPbxId}/did",
  "PUT /dm/open_api/v1/cloud_pbx/instances/{cloudPbxId}/start",
  "PUT /dm/open_api/v1/cloud_pbx/instances/{cloudPbxId}/stop",
  "PUT /dm/open_api/v1/customers/{customerId}",
  "PUT /dm/open_api/v1/did_management",
  "PUT /dm/open_api/v1/groups/{id}",
  "PUT /dm/open_api/v1/shared_trunk/{id}",
  "PUT /dm/open_api/v1/trunk_acl",
  "PUT /dm/open_api/v1/users/{userId}/subscription_info",
  "PUT /services/openapi/v1.0/room/meeting_update",
  "PUT /services/openapi/v1.0/room/room_update",
  "PUT /services/openapi/v1.0/user/group_update",
  "PUT /services/openapi/v1.0/user/user_update",
] as const;

type Doc = { paths: Record<string, Record<string, any>>; components: { parameters: Record<string, any> } };

/**
 * `doc` (the bundled YCM description) with every ADDED_OPERATIONS entry in today's shapes: a GET
 * without a path parameter is the paged user list, one with path parameters is the user by ID
 * (its parameter renamed, e.g. `{cloudPbxId}`), and a POST, PUT or DELETE is the user by ID
 * with a JSON body.
 */
export function grownSpec(doc: Doc): Doc {
  const grown = structuredClone(doc);
  const list = doc.paths["/dm/open_api/v2/users"]!.get;
  const byId = doc.paths["/dm/open_api/v1/users/{userId}"]!.get;
  const idSchema = doc.components.parameters.UserId.schema;
  for (const entry of ADDED_OPERATIONS) {
    const [method, path] = entry.split(" ") as [string, string];
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
  return grown;
}
