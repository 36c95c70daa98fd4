import type { Override } from "../state.js";
import { body } from "./workplace-model.js";

/**
 * Subscribe to Events: the mock records the event types on `server.subscriptions.workplace` (the webhook tests
 * read them). `ALL`, or an empty or null list, means every event type the request schema lists.
 */
const subscribeWorkplaceEvents: Override = (ctx, base) => {
  const asked = body(ctx).eventTypes;
  const schema = ctx.op.requestBody?.json?.schema as { properties?: { eventTypes?: { items?: { enum?: string[] } } } } | undefined;
  const every = (schema?.properties?.eventTypes?.items?.enum ?? []).filter((t) => t !== "ALL");
  const list = Array.isArray(asked) ? (asked as string[]) : [];
  ctx.state.subscriptions.workplace = list.length === 0 || list.includes("ALL") ? every : [...new Set(list)];
  return base.reply();
};

export const WORKPLACE_INTEGRATION_OVERRIDES: Readonly<Record<string, Override>> = { subscribeWorkplaceEvents };
