import { createYcmClient, YeastarApiError } from "@yeastar-openapi/client";
import { startMockServer, type MockServer } from "@yeastar-openapi/mock-server";
import { loadSpec } from "@yeastar-openapi/spec-model";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

/**
 * The state the mock keeps for YCM's stateful families, through the built client over HTTP on 127.0.0.1: each
 * test creates, reads back, changes and deletes, and checks that references stay consistent. Request bodies are
 * the spec's own examples with identifiers the mock holds.
 */

const model = loadSpec("ycm");

/** The request example of an operation in the spec, with some fields replaced. */
function example(operationId: string, changes: Record<string, unknown> = {}): never {
  const op = model.operations.find((o) => o.operationId === operationId);
  const value = op?.requestBody?.json?.examples[0]?.value;
  if (!value) throw new Error(`${operationId} has no request example in the spec`);
  return { ...(value as object), ...changes } as never;
}

let server: MockServer;
let ycm: ReturnType<typeof createYcmClient>;

beforeEach(async () => {
  server = await startMockServer({ collectionSize: 12 });
  ycm = createYcmClient({ baseUrl: server.url, ...server.credentials.ycm });
});

afterEach(async () => {
  expect(server.validationErrors).toEqual([]);
  await server.close();
});

const records = (name: string): Array<Record<string, unknown>> => server.dataset.collections[name] ?? [];

/** The HTTP status a call is refused with (the client throws every API error). */
async function refusal(call: Promise<unknown>): Promise<number> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(YeastarApiError);
  return (error as YeastarApiError).status;
}

const pbxPath = { params: { path: { cloudPbxId: 0 } } };
const onPbx = (cloudPbxId: number): typeof pbxPath => ({ params: { path: { cloudPbxId } } });

async function status(cloudPbxId: number): Promise<string | undefined> {
  const { data } = await ycm.GET("/dm/open_api/v1/cloud_pbx/instances/{cloudPbxId}/status", onPbx(cloudPbxId));
  return data.data.pbxStatus;
}

async function assignedDids(cloudPbxId: number): Promise<number[]> {
  const { data } = await ycm.GET("/dm/open_api/v1/did_management/{cloudPbxId}/did", onPbx(cloudPbxId));
  return [...data.data.didIds].sort((a, b) => a - b);
}

describe("Cloud PBX lifecycle", () => {
  it("creates a Cloud PBX that provisions, then stops, starts, resizes and is deleted with its DID bindings", async () => {
    const [first, second] = records("YcmCustomer").map((c) => c.customerId as number);
    const created = await ycm.POST("/dm/open_api/v1/cloud_pbx/instances", {
      body: example("createYcmCloudPbx", { name: "Lifecycle PBX", extensionCapacity: 30, customerIds: [first] }),
    });
    const id = created.data.data.cloudPbxId!;
    expect(records("YcmCloudPbx").some((p) => p.cloudPbxId === id)).toBe(true);

    // Provisioning is seen once, then the PBX runs.
    expect(await status(id)).toBe("Provisioning");
    expect(await status(id)).toBe("Running");
    const read = await ycm.GET("/dm/open_api/v1/cloud_pbx/instances/{cloudPbxId}", onPbx(id));
    expect(read.data.data).toMatchObject({ cloudPbxId: id, name: "Lifecycle PBX", extensionCapacity: 30, pbxStatus: "Running" });

    await ycm.PUT("/dm/open_api/v1/cloud_pbx/instances/{cloudPbxId}/stop", onPbx(id));
    expect(await status(id)).toBe("Stopped");
    await ycm.PUT("/dm/open_api/v1/cloud_pbx/instances/{cloudPbxId}/start", onPbx(id));
    expect(await status(id)).toBe("Running");

    await ycm.PUT("/dm/open_api/v1/cloud_pbx/instances/{cloudPbxId}/capacity", {
      ...onPbx(id),
      body: { extensionCapacity: 50, concurrentCallCapacity: 10, recordingStatus: "Enabled", recordingCapacity: 800 },
    });
    const resized = await ycm.GET("/dm/open_api/v1/cloud_pbx/instances/{cloudPbxId}", onPbx(id));
    expect(resized.data.data).toMatchObject({ extensionCapacity: 50, concurrentCallCapacity: 10, recordingCapacity: 800 });
    const listed = await ycm.paginate("/dm/open_api/v2/cloud_pbx/instances").toArray();
    expect(listed.find((p) => p.cloudPbxId === id)).toMatchObject({ extensionCapacity: 50, pbxStatus: "Running" });

    // Customers of the PBX: set at creation, then overwritten as a whole.
    const customers = async (): Promise<number[]> => (await ycm.GET("/dm/open_api/v1/cloud_pbx/instances/{cloudPbxId}/customers", onPbx(id))).data.data.customerIds;
    expect(await customers()).toEqual([first]);
    await ycm.PUT("/dm/open_api/v1/cloud_pbx/instances/{cloudPbxId}/customers", { ...onPbx(id), body: { customerIds: [second!] } });
    expect(await customers()).toEqual([second]);

    // DID bindings: a full set each time.
    const free = records("YcmDidNumber").filter((d) => d.cloudPbxId === undefined).slice(0, 2);
    expect(free).toHaveLength(2);
    const relation = (dids: Array<Record<string, unknown>>): { trunkId: number; didIds: number[] }[] =>
      dids.map((d) => ({ trunkId: (d.trunkIds as number[])[0]!, didIds: [d.id as number] }));
    await ycm.PUT("/dm/open_api/v1/cloud_pbx/instances/{cloudPbxId}/did", { ...onPbx(id), body: { trunkDidRelations: relation(free) } });
    expect(await assignedDids(id)).toEqual(free.map((d) => d.id as number).sort((a, b) => a - b));
    await ycm.PUT("/dm/open_api/v1/cloud_pbx/instances/{cloudPbxId}/did", { ...onPbx(id), body: { trunkDidRelations: relation(free.slice(1)) } });
    expect(await assignedDids(id)).toEqual([free[1]!.id]);

    await ycm.DELETE("/dm/open_api/v1/cloud_pbx/instances", { body: { cloudPbxIds: [id] } });
    expect(await refusal(ycm.GET("/dm/open_api/v1/cloud_pbx/instances/{cloudPbxId}", onPbx(id)))).toBe(404);
    expect(await refusal(ycm.GET("/dm/open_api/v1/did_management/{cloudPbxId}/did", onPbx(id)))).toBe(404);
    const did = await ycm.GET("/dm/open_api/v1/did_management/{didId}", { params: { path: { didId: free[1]!.id as number } } });
    expect(did.data.data.cloudPbxId).toBeUndefined();
  });

  it("never leaves a DID pointing to a Cloud PBX that does not exist", async () => {
    const dids = await ycm.paginate("/dm/open_api/v1/did_management").toArray();
    const pbxs = new Set((await ycm.paginate("/dm/open_api/v2/cloud_pbx/instances").toArray()).map((p) => String(p.cloudPbxId)));
    const bound = dids.filter((d) => d.cloudPbxId !== undefined);
    expect(bound.length).toBeGreaterThan(0);
    for (const d of bound) expect(pbxs.has(d.cloudPbxId!), `DID ${d.id} -> ${d.cloudPbxId}`).toBe(true);

    const victim = Number(bound[0]!.cloudPbxId);
    expect(await assignedDids(victim)).toContain(bound[0]!.id);
    await ycm.DELETE("/dm/open_api/v1/cloud_pbx/instances", { body: { cloudPbxIds: [victim] } });
    const after = await ycm.paginate("/dm/open_api/v1/did_management").toArray();
    expect(after.filter((d) => d.cloudPbxId === String(victim))).toEqual([]);
  });
});

describe("DID numbers", () => {
  it("adds numbers to a trunk, reads, renames and deletes them", async () => {
    const trunkId = records("YcmSharedTrunk")[0]!.id as number;
    await ycm.POST("/dm/open_api/v1/did_management", { body: { didList: ["+441000000001", "+441000000002"], didName: "Lifecycle", trunkIds: [trunkId] } });
    const added = (await ycm.paginate("/dm/open_api/v1/did_management").toArray()).filter((d) => d.didName === "Lifecycle");
    expect(added.map((d) => d.did).sort()).toEqual(["+441000000001", "+441000000002"]);
    for (const d of added) expect(d).toMatchObject({ trunkIds: [trunkId] });
    expect(added.every((d) => d.cloudPbxId === undefined)).toBe(true);

    const ids = added.map((d) => d.id);
    await ycm.PUT("/dm/open_api/v1/did_management", { body: { didIds: ids, didName: "Renamed", trunkIds: [trunkId] } });
    const one = await ycm.GET("/dm/open_api/v1/did_management/{didId}", { params: { path: { didId: ids[0]! } } });
    expect(one.data.data).toMatchObject({ id: ids[0], didName: "Renamed" });

    await ycm.DELETE("/dm/open_api/v1/did_management", { body: { ids } });
    expect(await refusal(ycm.GET("/dm/open_api/v1/did_management/{didId}", { params: { path: { didId: ids[0]! } } }))).toBe(404);
  });
});

describe("trunk access permissions", () => {
  it("grants add to a user's permissions, an update overwrites them all, a delete removes them", async () => {
    const userId = records("YcmSubordinate")[0]!.userId as number;
    const [a, b] = records("YcmDidNumber");
    const trunkOf = (d: Record<string, unknown>): number => (d.trunkIds as number[])[0]!;
    const permissions = async (): Promise<Array<{ trunkId: number; dids: number[] }>> => {
      const { data } = await ycm.GET("/dm/open_api/v1/trunk_acl/{userId}", { params: { path: { userId } } });
      return data.data.map((t) => ({ trunkId: t.trunkId, dids: (t.didList ?? []).map((d) => d.didId).sort((x, y) => x - y) }));
    };

    await ycm.POST("/dm/open_api/v1/trunk_acl", { body: { userId, trunkDidList: [{ trunkId: trunkOf(a!), didIds: [a!.id as number] }] } });
    expect(await permissions()).toEqual([{ trunkId: trunkOf(a!), dids: [a!.id] }]);
    await ycm.POST("/dm/open_api/v1/trunk_acl", { body: { userId, trunkDidList: [{ trunkId: trunkOf(b!), didIds: [b!.id as number] }] } });
    expect((await permissions()).map((p) => p.trunkId).sort()).toEqual([...new Set([trunkOf(a!), trunkOf(b!)])].sort());

    // The update is the user's whole permission set: trunk a's permission is gone.
    await ycm.PUT("/dm/open_api/v1/trunk_acl", { body: { userId, trunkDidList: [{ trunkId: trunkOf(b!), didIds: [b!.id as number] }] } });
    expect(await permissions()).toEqual([{ trunkId: trunkOf(b!), dids: [b!.id] }]);
    const page = await ycm.paginate("/dm/open_api/v1/trunk_acl/page").toArray();
    expect(page.find((u) => u.userId === userId)?.trunkList?.map((t) => t.trunkId)).toEqual([trunkOf(b!)]);

    await ycm.DELETE("/dm/open_api/v1/trunk_acl", { body: { userIds: [userId] } });
    expect(await permissions()).toEqual([]);
    expect((await ycm.paginate("/dm/open_api/v1/trunk_acl/page").toArray()).some((u) => u.userId === userId)).toBe(false);
  });
});

describe("users and their subscription", () => {
  it("creates a user, reads it back, changes its subscription and deletes it", async () => {
    const created = await ycm.POST("/dm/open_api/v1/users", { body: example("createYcmUser", { email: "lifecycle@example.com" }) });
    const userId = created.data.data.userId!;
    const user = await ycm.GET("/dm/open_api/v1/users/{userId}", { params: { path: { userId } } });
    expect(user.data.data).toMatchObject({ userId, email: "lifecycle@example.com" });

    await ycm.PUT("/dm/open_api/v1/users/{userId}/subscription_info", {
      params: { path: { userId } },
      body: { totalExtensions: 321, totalConcurrentCalls: 33, totalRecordings: 4444, minimumExtPerPbx: 7, highAvailability: "subscribed" },
    });
    const sub = await ycm.GET("/dm/open_api/v1/users/{userId}/subscription_info", { params: { path: { userId } } });
    expect(sub.data.data).toMatchObject({ totalExtensions: 321, totalConcurrentCalls: 33, totalRecordings: 4444, minimumExtPerPbx: 7, highAvailability: "Enabled" });

    await ycm.DELETE("/dm/open_api/v1/users", { body: example("deleteYcmUsers", { userIds: [userId] }) });
    expect(await refusal(ycm.GET("/dm/open_api/v1/users/{userId}/subscription_info", { params: { path: { userId } } }))).toBe(404);
  });
});

describe("customers", () => {
  it("creates, reads, overwrites and deletes a customer, which leaves the Cloud PBXs it was bound to", async () => {
    const created = await ycm.POST("/dm/open_api/v1/customers", { body: example("createYcmCustomer", { company: "Lifecycle Ltd" }) });
    const customerId = created.data.data.customerId!;
    const read = await ycm.GET("/dm/open_api/v1/customers/{customerId}", { params: { path: { customerId } } });
    expect(read.data.data).toMatchObject({ customerId, company: "Lifecycle Ltd" });
    await ycm.PUT("/dm/open_api/v1/customers/{customerId}", { params: { path: { customerId } }, body: example("updateYcmCustomer", { company: "Renamed Ltd" }) });
    expect((await ycm.GET("/dm/open_api/v1/customers/{customerId}", { params: { path: { customerId } } })).data.data.company).toBe("Renamed Ltd");

    const pbx = records("YcmCloudPbx")[0]!.cloudPbxId as number;
    await ycm.PUT("/dm/open_api/v1/cloud_pbx/instances/{cloudPbxId}/customers", { ...onPbx(pbx), body: { customerIds: [customerId] } });
    await ycm.DELETE("/dm/open_api/v1/customers", { body: { customerIds: [customerId] } });
    expect(await refusal(ycm.GET("/dm/open_api/v1/customers/{customerId}", { params: { path: { customerId } } }))).toBe(404);
    const left = await ycm.GET("/dm/open_api/v1/cloud_pbx/instances/{cloudPbxId}/customers", onPbx(pbx));
    expect(left.data.data.customerIds).toEqual([]);
  });
});

describe("groups", () => {
  it("creates a group of Cloud PBXs, reads it, replaces its Cloud PBXs and deletes it", async () => {
    const [p1, p2] = records("YcmCloudPbx").map((p) => p.cloudPbxId as number);
    const created = await ycm.POST("/dm/open_api/v1/groups", { body: { groupName: "Lifecycle group", pbxIdList: [p1!, p2!] } });
    const id = created.data.data.id;
    const group = async (): Promise<{ name: string | undefined; pbxs: number[] }> => {
      const { data } = await ycm.GET("/dm/open_api/v1/groups/{id}", { params: { path: { id } } });
      return { name: data.data.groupName, pbxs: (data.data.selectedPbxList ?? []).map((p) => p.id).sort((a, b) => a - b) };
    };
    expect(await group()).toEqual({ name: "Lifecycle group", pbxs: [p1, p2].sort((a, b) => a! - b!) });
    expect((await ycm.paginate("/dm/open_api/v1/groups").toArray()).some((g) => g.id === id && g.groupName === "Lifecycle group")).toBe(true);

    // The update replaces the group's Cloud PBXs.
    await ycm.PUT("/dm/open_api/v1/groups/{id}", { params: { path: { id } }, body: { groupName: "Renamed group", pbxIdList: [p2!] } });
    expect(await group()).toEqual({ name: "Renamed group", pbxs: [p2] });

    await ycm.DELETE("/dm/open_api/v1/groups", { body: { ids: [id] } });
    expect(await refusal(ycm.GET("/dm/open_api/v1/groups/{id}", { params: { path: { id } } }))).toBe(404);
  });
});
