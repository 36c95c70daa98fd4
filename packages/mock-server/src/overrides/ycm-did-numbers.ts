import type { Reply } from "../envelopes.js";
import type { MockState, Override, OverrideContext, OverrideSetup } from "../state.js";
import { body, byId, ids, records } from "./ycm-shared.js";

/**
 * DID numbers belong to shared trunks and are bound to at most one Cloud PBX (`cloudPbxId` of the DID). The spec
 * cannot say that adding takes a list of numbers, that a PBX's DID bindings are one full set, or that a DID never
 * points to a Cloud PBX that does not exist; this keeps those references consistent.
 */

const DID = "YcmDidNumber";
const PBX = "YcmCloudPbx";
const TRUNK = "YcmSharedTrunk";

const ok = (reply: Reply): boolean => reply.status >= 200 && reply.status < 300;

/** Unbinds every DID of a Cloud PBX (when it is deleted, or its bindings are replaced). */
export function unbindDidsOf(state: MockState, cloudPbxId: string): void {
  for (const did of records(state, DID)) if (did.cloudPbxId !== undefined && String(did.cloudPbxId) === cloudPbxId) delete did.cloudPbxId;
}

/** The trunk IDs that name a shared trunk (the others are dropped: see the README's choices). */
function knownTrunks(ctx: OverrideContext, trunkIds: unknown): number[] {
  return [...new Set(ids(trunkIds))].filter((id) => byId(ctx.state, TRUNK, "id", id)).map(Number);
}

/** One DID record per number of `didList`, each on the given trunks, bound to no Cloud PBX. */
function addYcmDidNumbers(ctx: OverrideContext): Reply {
  const { didList, ...rest } = body(ctx);
  rest.trunkIds = knownTrunks(ctx, rest.trunkIds);
  for (const did of Array.isArray(didList) ? didList : []) {
    const reply = ctx.base({ ...ctx, json: { ...rest, did } });
    if (!ok(reply)) return reply;
    // The derived create hands out every identifier field, `cloudPbxId` among them; a new DID is bound to none.
    delete records(ctx.state, DID).at(-1)!.cloudPbxId;
  }
  return ctx.answer();
}

function getYcmDidNumber(ctx: OverrideContext): Reply {
  const did = byId(ctx.state, DID, "id", ctx.pathParams.didId);
  return did ? ctx.answer([[["data"], did]]) : ctx.errors.notFound(`no ${DID} with id ${ctx.pathParams.didId}`, DID);
}

/** Changes the name and trunks of the DIDs named by `didIds`. */
function updateYcmDidNumbers(ctx: OverrideContext): Reply {
  const { didIds, ...changes } = body(ctx);
  if (changes.trunkIds !== undefined) changes.trunkIds = knownTrunks(ctx, changes.trunkIds);
  for (const id of ids(didIds)) {
    const did = byId(ctx.state, DID, "id", id);
    if (did) Object.assign(did, changes);
  }
  return ctx.answer();
}

/**
 * Deletes by the DIDs' own `id`: the derived behaviour would match the body's IDs against `cloudPbxId`, the
 * identifier a path of this family (`/did_management/{cloudPbxId}/did`) addresses DIDs by.
 */
function deleteYcmDidNumbers(ctx: OverrideContext): Reply {
  const gone = new Set(ids(body(ctx).ids));
  ctx.state.dataset.collections[DID] = records(ctx.state, DID).filter((d) => !gone.has(String(d.id)));
  return ctx.answer();
}

/**
 * Deleting shared trunks takes them off their DIDs *(mock: the vendor's pages do not say what becomes of a deleted
 * trunk's DIDs)*: a DID on other trunks too keeps those; a DID left on no trunk is deleted with it, so a Cloud PBX's
 * DIDs after the change (PCE DID Change `trunk_delete`) are the ones it can still use.
 */
function deleteYcmSharedTrunks(ctx: OverrideContext): Reply {
  const gone = new Set(ids(body(ctx).ids));
  ctx.state.dataset.collections[TRUNK] = records(ctx.state, TRUNK).filter((t) => !gone.has(String(t.id)));
  const dids = records(ctx.state, DID);
  for (const did of dids) if (Array.isArray(did.trunkIds)) did.trunkIds = did.trunkIds.filter((t: unknown) => !gone.has(String(t)));
  ctx.state.dataset.collections[DID] = dids.filter((d) => !Array.isArray(d.trunkIds) || d.trunkIds.length > 0);
  return ctx.answer();
}

function listYcmAssignedDidNumbers(ctx: OverrideContext): Reply {
  const id = ctx.pathParams.cloudPbxId!;
  if (!byId(ctx.state, PBX, "cloudPbxId", id)) return ctx.errors.notFound(`no ${PBX} with cloudPbxId ${id}`, PBX);
  const didIds = records(ctx.state, DID).filter((d) => d.cloudPbxId !== undefined && String(d.cloudPbxId) === id).map((d) => d.id);
  return ctx.answer([[["data", "didIds"], didIds]]);
}

/**
 * The body is the Cloud PBX's complete set of DIDs: the ones left out are unbound, the ones listed are bound to it
 * (moved from another Cloud PBX if need be). IDs that name no DID are dropped. The trunk each DID is listed under
 * is not checked against the DID's trunks.
 */
function updateYcmCloudPbxDidBindings(ctx: OverrideContext): Reply {
  const reply = ctx.base();
  if (!ok(reply)) return reply;
  const pbxId = ctx.pathParams.cloudPbxId!;
  const relations = (body(ctx).trunkDidRelations ?? []) as Array<{ didIds: number[] }>;
  const wanted = relations.flatMap((r) => r.didIds.map((id) => byId(ctx.state, DID, "id", id)).filter((d) => d !== undefined));
  unbindDidsOf(ctx.state, pbxId);
  // The DID schema types `cloudPbxId` as a string (the vendor's own example), unlike the Cloud PBX's.
  for (const did of wanted) did.cloudPbxId = pbxId;
  return reply;
}

/**
 * Generated DIDs carry random trunk and Cloud PBX IDs. They are tied to existing records, deterministically: DID
 * number i is on trunk i (modulo the trunks); even-numbered DIDs are bound to a Cloud PBX, odd ones to none.
 */
export const YCM_DID_NUMBER_SETUP: OverrideSetup = (dataset) => {
  // A spec given instead of the bundled one may lack these collections: nothing to repair then (none is created).
  const { [DID]: dids, [TRUNK]: trunkList, [PBX]: pbxList } = dataset.collections;
  if (!dids) return;
  const state = { dataset: { ...dataset, collections: { [TRUNK]: trunkList ?? [], [PBX]: pbxList ?? [] } } };
  const trunks = records(state, TRUNK);
  const pbxs = records(state, PBX);
  dids.forEach((did, i) => {
    if (trunks.length && !ids(did.trunkIds).some((t) => byId(state, TRUNK, "id", t))) did.trunkIds = [trunks[i % trunks.length]!.id];
    if (did.cloudPbxId === undefined || byId(state, PBX, "cloudPbxId", did.cloudPbxId)) return;
    if (i % 2 === 0 && pbxs.length) did.cloudPbxId = String(pbxs[(i / 2) % pbxs.length]!.cloudPbxId);
    else delete did.cloudPbxId;
  });
};

export const YCM_DID_NUMBER_OVERRIDES: Readonly<Record<string, Override>> = {
  addYcmDidNumbers,
  getYcmDidNumber,
  updateYcmDidNumbers,
  deleteYcmDidNumbers,
  deleteYcmSharedTrunks,
  listYcmAssignedDidNumbers,
  updateYcmCloudPbxDidBindings,
};
