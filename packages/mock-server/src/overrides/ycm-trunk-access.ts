import type { Reply } from "../envelopes.js";
import type { MockState, Override, OverrideContext } from "../state.js";
import { body, byId, ids, perServer, records } from "./ycm-shared.js";

/**
 * Which shared trunks and DIDs a subordinate user may use. Granting adds to the user's permissions; updating
 * REPLACES them (the spec's full-overwrite semantics); deleting removes them. The paged list
 * (`YcmSubordinateTrunkAccess` records) and the per-user query answer from the same permissions.
 */

const ACCESS = "YcmSubordinateTrunkAccess";
const SUBORDINATE = "YcmSubordinate";
const USER = "YcmUser";
const TRUNK = "YcmSharedTrunk";
const DID = "YcmDidNumber";

type Grants = Map<string, Set<string>>; // trunk ID -> DID IDs

/** The permissions granted through the API, by user ID (generated users keep their generated trunk list). */
const granted = perServer(() => new Map<string, Grants>());

export function forgetTrunkAccess(state: MockState, userId: string): void {
  granted(state).delete(userId);
}

function userOf(state: MockState, userId: string): { userName?: unknown; userEmail?: unknown } | undefined {
  const sub = byId(state, SUBORDINATE, "userId", userId);
  if (sub) return { userName: sub.userName, userEmail: sub.userEmail };
  const user = byId(state, USER, "userId", userId);
  return user ? { userName: [user.firstName, user.lastName].filter(Boolean).join(" ") || undefined, userEmail: user.email } : undefined;
}

/** The body's permissions, without the trunks and DIDs that name no record (see the README's choices). */
function grantsOf(ctx: OverrideContext): { userId: string; grants: Grants } {
  const b = body(ctx);
  const grants: Grants = new Map();
  for (const { trunkId, didIds } of (b.trunkDidList ?? []) as Array<{ trunkId: number; didIds: number[] }>) {
    if (!byId(ctx.state, TRUNK, "id", trunkId)) continue;
    const set = grants.get(String(trunkId)) ?? new Set<string>();
    for (const didId of didIds) if (byId(ctx.state, DID, "id", didId)) set.add(String(didId));
    grants.set(String(trunkId), set);
  }
  return { userId: String(b.userId), grants };
}

/** Writes a user's permissions and the list's record of them. */
function store(state: MockState, userId: string, grants: Grants): void {
  granted(state).set(userId, grants);
  const list = records(state, ACCESS);
  const trunkList = [...grants.keys()].map((id) => ({ trunkId: Number(id), trunkName: byId(state, TRUNK, "id", id)?.name }));
  const record = byId(state, ACCESS, "userId", userId);
  if (record) record.trunkList = trunkList;
  else list.push({ userId: Number(userId), ...userOf(state, userId), trunkList });
}

const saves =
  (merge: boolean): Override =>
  (ctx) => {
    const { userId, grants } = grantsOf(ctx);
    const before = merge ? granted(ctx.state).get(userId) : undefined;
    for (const [trunk, dids] of before ?? []) grants.set(trunk, new Set([...dids, ...(grants.get(trunk) ?? [])]));
    store(ctx.state, userId, grants);
    return ctx.answer();
  };

function deleteYcmTrunkAccessPermissions(ctx: OverrideContext): Reply {
  const reply = ctx.base();
  if (reply.status < 300) for (const userId of ids(body(ctx).userIds)) forgetTrunkAccess(ctx.state, userId);
  return reply;
}

function getYcmUserTrunkAccessPermissions(ctx: OverrideContext): Reply {
  const userId = ctx.pathParams.userId!;
  const record = byId(ctx.state, ACCESS, "userId", userId);
  const grants: Grants =
    granted(ctx.state).get(userId) ??
    new Map(((record?.trunkList ?? []) as Array<{ trunkId: number }>).map((t) => [String(t.trunkId), new Set<string>()]));
  const data = [...grants].map(([trunkId, dids]) => ({
    trunkId: Number(trunkId),
    ...(byId(ctx.state, TRUNK, "id", trunkId)?.name !== undefined ? { trunkName: byId(ctx.state, TRUNK, "id", trunkId)!.name } : {}),
    didList: [...dids].map((didId) => ({ didId: Number(didId), ...(byId(ctx.state, DID, "id", didId)?.did !== undefined ? { did: byId(ctx.state, DID, "id", didId)!.did } : {}) })),
  }));
  return ctx.answer([[["data"], data]]);
}

export const YCM_TRUNK_ACCESS_OVERRIDES: Readonly<Record<string, Override>> = {
  grantYcmTrunkAccessPermissions: saves(true),
  updateYcmTrunkAccessPermissions: saves(false),
  deleteYcmTrunkAccessPermissions,
  getYcmUserTrunkAccessPermissions,
};
