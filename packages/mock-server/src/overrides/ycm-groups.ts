import type { Reply } from "../envelopes.js";
import { ycmTime } from "../envelopes.js";
import type { Override, OverrideContext } from "../state.js";
import { body, byId, ids, perServer, records } from "./ycm-shared.js";

/**
 * Groups of Cloud PBXs. The spec's shapes tie the detail query and the update to the group's device list, not to
 * the group, and cannot say that `pbxIdList` replaces the group's Cloud PBXs; this keeps each group's Cloud PBXs
 * (only those that still exist are shown) and its create and update times.
 */

const GROUP = "YcmGroup";
const PBX = "YcmCloudPbx";

interface GroupState {
  pbxIds: string[];
  createTime: number;
  updateTime: number;
}

const groups = perServer(() => new Map<string, GroupState>());

function notFound(ctx: OverrideContext, id: string): Reply {
  return ctx.errors.notFound(`no ${GROUP} with id ${id}`, GROUP);
}

/** The Cloud PBX IDs of the body that name a Cloud PBX (the others are dropped, as elsewhere in the mock). */
function pbxIdsOf(ctx: OverrideContext): string[] {
  return [...new Set(ids(body(ctx).pbxIdList))].filter((id) => byId(ctx.state, PBX, "cloudPbxId", id));
}

function createYcmGroup(ctx: OverrideContext): Reply {
  const list = records(ctx.state, GROUP);
  const id = list.reduce((max, g) => Math.max(max, Number(g.id) || 0), 10000) + 1;
  const pbxIds = pbxIdsOf(ctx);
  list.push({ id, groupName: body(ctx).groupName, deviceNumber: 0 });
  groups(ctx.state).set(String(id), { pbxIds, createTime: ycmTime(), updateTime: ycmTime() });
  return ctx.answer([[["data", "id"], id]]);
}

function getYcmGroup(ctx: OverrideContext): Reply {
  const id = ctx.pathParams.id!;
  const group = byId(ctx.state, GROUP, "id", id);
  if (!group) return notFound(ctx, id);
  const kept = groups(ctx.state).get(id);
  const selectedPbxList = (kept?.pbxIds ?? [])
    .map((pbxId) => byId(ctx.state, PBX, "cloudPbxId", pbxId))
    .filter((pbx) => pbx !== undefined)
    .map((pbx) => ({ id: pbx.cloudPbxId, ...(pbx.name !== undefined ? { name: pbx.name } : {}), ...(pbx.sn !== undefined ? { sn: pbx.sn } : {}) }));
  const times = kept ? { createTime: kept.createTime, updateTime: kept.updateTime } : {};
  return ctx.answer([[["data"], { id: group.id, ...(group.groupName !== undefined ? { groupName: group.groupName } : {}), ...times, selectedDeviceList: [], selectedPbxList }]]);
}

/** A full replacement: the group's Cloud PBXs become exactly `pbxIdList` (none when it is left out). */
function updateYcmGroup(ctx: OverrideContext): Reply {
  const id = ctx.pathParams.id!;
  const group = byId(ctx.state, GROUP, "id", id);
  if (!group) return notFound(ctx, id);
  group.groupName = body(ctx).groupName;
  const kept = groups(ctx.state).get(id);
  groups(ctx.state).set(id, { pbxIds: pbxIdsOf(ctx), createTime: kept?.createTime ?? ycmTime(), updateTime: ycmTime() });
  return ctx.answer();
}

function deleteYcmGroups(ctx: OverrideContext): Reply {
  const reply = ctx.base();
  if (reply.status < 300) for (const id of ids(body(ctx).ids)) groups(ctx.state).delete(id);
  return reply;
}

export const YCM_GROUP_OVERRIDES: Readonly<Record<string, Override>> = { createYcmGroup, getYcmGroup, updateYcmGroup, deleteYcmGroups };
