import type { SpecModel } from "@yeastar-openapi/spec-model";
import type { Item } from "../data.js";
import type { CallContext, Override, Prepare } from "../state.js";
import { body, collectionOf, intField, projectData, records, stringField } from "./workplace-model.js";
import { ParamError } from "../params.js";

/**
 * Workplace user groups. The spec has no group list (no page publishes one), so the mock keeps the groups as a
 * collection of its own, named after the group schema, and reads membership from the users' `groupIds`: a group
 * can be deleted only when no user is in it.
 */

const USERS = (m: SpecModel): string => collectionOf(m, "listWorkplaceUsers");
/** The group schema's name: the `data` of Query a Specific User Group. */
const GROUPS = "WorkplaceUserGroup";

const groups = (ctx: Pick<CallContext, "state">): Item[] => records(ctx, GROUPS);
const membersOf = (users: Item[], groupId: number): Item[] => users.filter((u) => Array.isArray(u.groupIds) && u.groupIds.includes(groupId));
const notFound = (ctx: CallContext, groupId: number) => ctx.errors.named("NOT_FOUND", `no user group ${groupId}`, 404);

/** Puts exactly these members (by member ID) in the group; an unknown member ID is refused before any change. */
function setMembers(users: Item[], groupId: number, memberIds: unknown): void {
  if (memberIds === undefined || memberIds === null) return;
  const wanted = memberIds as number[];
  const unknown = wanted.filter((id) => !users.some((u) => u.memberId === id));
  if (unknown.length) throw new ParamError("memberIds", `name no user: ${unknown.join(", ")}`);
  for (const u of users) {
    const ids: number[] = Array.isArray(u.groupIds) ? u.groupIds.filter((g: number) => g !== groupId) : [];
    if (wanted.includes(u.memberId)) ids.push(groupId);
    u.groupIds = ids;
  }
}

const getWorkplaceUserGroup: Override = (ctx, base) => {
  const groupId = Number(ctx.pathParams.groupId);
  const group = groups(ctx).find((g) => g.groupId === groupId);
  return group ? base.reply([[["data"], projectData(ctx.op, group)]]) : notFound(ctx, groupId);
};

const createWorkplaceUserGroup: Override = (ctx, base) => {
  const b = body(ctx);
  const users = records(ctx, USERS(base.model));
  const all = groups(ctx);
  // New IDs start above a million (10 ** 6), clear of the generated and example ones.
  const groupId = Math.max(10 ** 6, ...all.map((g) => g.groupId), ...users.flatMap((u) => (Array.isArray(u.groupIds) ? u.groupIds : []))) + 1;
  setMembers(users, groupId, b.memberIds);
  all.push({ groupId, groupName: stringField(b, "groupName", true) });
  return base.reply([[["data", "groupId"], groupId]]);
};

/** `memberIds`, when given, replaces the members (the mock's reading: the page does not say). */
const updateWorkplaceUserGroup: Override = (ctx, base) => {
  const b = body(ctx);
  const groupId = intField(b, "groupId", true);
  const group = groups(ctx).find((g) => g.groupId === groupId);
  if (!group) return notFound(ctx, groupId);
  setMembers(records(ctx, USERS(base.model)), groupId, b.memberIds);
  const name = stringField(b, "groupName");
  if (name !== undefined) group.groupName = name;
  return base.reply([[["data", "groupId"], groupId]]);
};

const deleteWorkplaceUserGroup: Override = (ctx, base) => {
  const groupId = Number(ctx.pathParams.groupId);
  const all = groups(ctx);
  const group = all.find((g) => g.groupId === groupId);
  if (!group) return notFound(ctx, groupId);
  const members = membersOf(records(ctx, USERS(base.model)), groupId);
  if (members.length) return ctx.errors.named("GROUP_NOT_EMPTY", `user group ${groupId} still has ${members.length} member(s); remove them first`, 409);
  all.splice(all.indexOf(group), 1);
  return base.reply([[["data", "groupId"], groupId]]);
};

/** The groups the generated users belong to, named "Group 1", "Group 2", ... in ID order. */
export const prepareWorkplaceUserGroups: Prepare = (state, models) => {
  const users = state.dataset.collections[USERS(models.workplace)] ?? [];
  const ids = [...new Set(users.flatMap((u) => (Array.isArray(u.groupIds) ? (u.groupIds as number[]) : [])))].sort((a, b) => a - b);
  state.dataset.collections[GROUPS] = ids.map((groupId, i) => ({ groupId, groupName: `Group ${i + 1}` }));
};

export const WORKPLACE_USER_GROUP_OVERRIDES: Readonly<Record<string, Override>> = {
  getWorkplaceUserGroup,
  createWorkplaceUserGroup,
  updateWorkplaceUserGroup,
  deleteWorkplaceUserGroup,
};
