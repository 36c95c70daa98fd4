// The event types, derived from the `webhooks` interfaces that openapi-typescript generates from the
// spec (packages/types/src/generated/{ycm,workplace}.ts): each webhook's POST request body. A
// webhook added to the spec appears here with no edit.
import type { workplace, ycm } from "@yeastar-openapi/types";

/** The JSON request body of a generated operation. */
type JsonRequestBody<Op> = Op extends { requestBody?: { content: { "application/json": infer Body } } } ? Body : never;

/** Webhook name -> the JSON payload of its POST, for a generated `webhooks` interface. */
export type WebhookPayloads<Webhooks> = { [Name in keyof Webhooks]: Webhooks[Name] extends { post: infer Op } ? JsonRequestBody<Op> : never };

// --- YCM ---------------------------------------------------------------------------------------

/** The YCM webhooks by their name in the spec: `pceDidChange`, `pceCapacityChange`. */
export type YcmWebhookName = keyof ycm.webhooks & string;

/** Each YCM webhook's payload: a JSON array, one element per Cloud PBX concerned. */
export type YcmWebhookPayloads = WebhookPayloads<ycm.webhooks>;

/**
 * A verified YCM delivery. YCM's payloads carry no event name (PCE Capacity Change has no
 * field to tell it by), so the receiver names it: `type` is the spec's webhook name and `data`
 * the payload, typed by it. A `switch (event.type)` narrows `data`.
 */
export type YcmWebhookEvent<Name extends YcmWebhookName = YcmWebhookName> = {
  [N in Name]: { readonly type: N; readonly data: YcmWebhookPayloads[N] };
}[Name];

// --- Workplace ---------------------------------------------------------------------------------

/** The Workplace event types (`MEETING_CREATED`, ..., `WEBHOOK_TEST`): the spec's webhook names. */
export type WorkplaceWebhookEventType = keyof workplace.webhooks & string;

/** Each Workplace event type's payload (the outer event object with its `data`). */
export type WorkplaceWebhookPayloads = WebhookPayloads<workplace.webhooks>;

/**
 * A Workplace delivery: the outer event (`eventId`, `eventCreatedTime`, `eventVersion`,
 * `eventType`) with its `data`. A union discriminated by `eventType`: a `switch` narrows `data`.
 */
export type WorkplaceWebhookEvent<Type extends WorkplaceWebhookEventType = WorkplaceWebhookEventType> = WorkplaceWebhookPayloads[Type];
