import type { Reply } from "../envelopes.js";
import { objectView } from "../data/schema-utils.js";
import type { Override, OverrideContext } from "../state.js";
import { forgetTrunkAccess } from "./ycm-trunk-access.js";
import { body, ids, perServer } from "./ycm-shared.js";

/**
 * A YCM user's package subscription: what Update the Subscription sets, Query the Subscription returns. Users
 * whose subscription was never set answer the spec's example. Deleting a user forgets its subscription and trunk
 * access permissions.
 */

const subscriptions = perServer(() => new Map<string, Record<string, unknown>>());

const ok = (reply: Reply): boolean => reply.status >= 200 && reply.status < 300;

/**
 * The update body says `subscribed`/`unsubscribed` where the query answers `Enabled`/`Disabled` (two vendor pages,
 * two vocabularies); the mock translates.
 */
const FEATURE: Record<string, string> = { subscribed: "Enabled", unsubscribed: "Disabled" };

function getYcmUserSubscription(ctx: OverrideContext): Reply {
  const reply = ctx.base();
  const stored = subscriptions(ctx.state).get(ctx.pathParams.userId!);
  if (!ok(reply) || !stored) return reply;
  // Only the fields the answer's `data` declares (read from the spec).
  const data = objectView(objectView(ctx.op.success!.json!.schema).properties.data ?? {}).properties;
  const base = (reply.body as { data?: Record<string, unknown> }).data ?? {};
  const fields = Object.fromEntries(Object.entries(stored).filter(([k]) => data[k] !== undefined));
  return ctx.answer([[["data"], { ...base, ...fields }]]);
}

function updateYcmUserSubscription(ctx: OverrideContext): Reply {
  const reply = ctx.base();
  if (!ok(reply)) return reply;
  const map = subscriptions(ctx.state);
  const given = Object.entries(body(ctx)).map(([k, v]) => [k, typeof v === "string" ? (FEATURE[v] ?? v) : v]);
  map.set(ctx.pathParams.userId!, { ...map.get(ctx.pathParams.userId!), ...Object.fromEntries(given) });
  return reply;
}

function deleteYcmUsers(ctx: OverrideContext): Reply {
  const reply = ctx.base();
  if (!ok(reply)) return reply;
  for (const userId of ids(body(ctx).userIds)) {
    subscriptions(ctx.state).delete(userId);
    forgetTrunkAccess(ctx.state, userId);
  }
  return reply;
}

export const YCM_USER_OVERRIDES: Readonly<Record<string, Override>> = {
  getYcmUserSubscription,
  updateYcmUserSubscription,
  deleteYcmUsers,
};
