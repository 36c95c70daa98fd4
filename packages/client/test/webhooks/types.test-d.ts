// The webhook event types are derived from the spec's `webhooks`: a switch on the event type narrows
import type { Int64 } from "@yeastar-openapi/types";
// the payload, and an event type the spec does not document does not compile. Each line marked
// with a ts-expect-error directive below must be an error, or this file fails to type-check.
import { describe, expectTypeOf, test } from "vitest";
import type {
  WorkplaceMeetingCheckedInEvent,
  WorkplaceMeetingCreatedEvent,
  WorkplaceWebhookTestEvent,
  YcmPceCapacityChangeEvent,
  YcmPceDidChangeEvent,
} from "../../src/index.js";
import {
  createNodeWebhookHandler,
  createWebhookHandler,
  parseWorkplaceWebhook,
  parseYcmWebhook,
  type DeliveryStore,
  type WorkplaceWebhookEvent,
  type WorkplaceWebhookEventType,
  type YcmWebhookEvent,
  type YcmWebhookName,
} from "../../src/webhooks/index.js";

describe("Workplace", () => {
  test("a switch on eventType types each event's data", () => {
    const event = parseWorkplaceWebhook("{}");
    expectTypeOf(event.eventType).toEqualTypeOf<WorkplaceWebhookEventType>();
    switch (event.eventType) {
      case "MEETING_CREATED":
        expectTypeOf(event).toEqualTypeOf<WorkplaceMeetingCreatedEvent>();
        expectTypeOf(event.data.roomId).toEqualTypeOf<Int64>();
        expectTypeOf(event.data.meetingId).toEqualTypeOf<string>();
        expectTypeOf(event.eventId).toEqualTypeOf<string>();
        break;
      case "MEETING_CHECKED_IN":
        expectTypeOf(event).toEqualTypeOf<WorkplaceMeetingCheckedInEvent>();
        break;
      case "WEBHOOK_TEST":
        expectTypeOf(event).toEqualTypeOf<WorkplaceWebhookTestEvent>();
        // The vendor shows no WEBHOOK_TEST payload: its eventId is optional.
        expectTypeOf(event.eventId).toEqualTypeOf<string | undefined>();
        break;
      // @ts-expect-error: no such event type in the spec
      case "MEETING_MOVED":
        break;
    }
  });

  test("the event types are the spec's webhook names", () => {
    expectTypeOf<"MEETING_DELETED">().toExtend<WorkplaceWebhookEventType>();
    expectTypeOf<"WEBHOOK_TEST">().toExtend<WorkplaceWebhookEventType>();
    expectTypeOf<WorkplaceWebhookEvent<"MEETING_CREATED">>().toEqualTypeOf<WorkplaceMeetingCreatedEvent>();
    // @ts-expect-error: an unknown event type is not a type argument
    expectTypeOf<WorkplaceWebhookEvent<"MEETING_MOVED">>();
  });

  test("the handler hands onEvent the union", () => {
    createWebhookHandler({
      api: "workplace",
      callbackSecret: "a-secret-of-sixteen-chars",
      onEvent(event) {
        expectTypeOf(event).toEqualTypeOf<WorkplaceWebhookEvent>();
        if (event.eventType === "MEETING_CREATED") expectTypeOf(event.data.startTime).toEqualTypeOf<Int64>();
        // @ts-expect-error: data is narrowed only after eventType
        event.data.startTime;
      },
    });
    // @ts-expect-error: Workplace needs callbackSecret (or an explicit false)
    createNodeWebhookHandler({ api: "workplace", onEvent() {} });
    // @ts-expect-error: a YCM option on a Workplace handler
    createWebhookHandler({ api: "workplace", callbackSecret: false, secret: "x", onEvent() {} });
  });
});

describe("YCM", () => {
  test("a switch on type types each webhook's data", () => {
    const event = parseYcmWebhook({ body: "[]", signature: "", secret: "secret" });
    expectTypeOf(event.type).toEqualTypeOf<YcmWebhookName>();
    switch (event.type) {
      case "pceDidChange":
        expectTypeOf(event.data).toEqualTypeOf<YcmPceDidChangeEvent[]>();
        expectTypeOf(event.data[0]!.event).toEqualTypeOf<"did_change" | "did_delete" | "trunk_delete" | "pce_delete">();
        break;
      case "pceCapacityChange":
        expectTypeOf(event.data).toEqualTypeOf<YcmPceCapacityChangeEvent[]>();
        break;
      // @ts-expect-error: no such webhook in the spec
      case "pceTrunkChange":
        break;
    }
    expectTypeOf<YcmWebhookEvent<"pceDidChange">["data"]>().toEqualTypeOf<YcmPceDidChangeEvent[]>();
  });

  test("the handler hands onEvent the union and knows the webhook names", () => {
    createWebhookHandler({ api: "ycm", secret: "s", webhook: "pceCapacityChange", onEvent: (event) => expectTypeOf(event).toEqualTypeOf<YcmWebhookEvent>() });
    // @ts-expect-error: no such webhook
    createWebhookHandler({ api: "ycm", secret: "s", webhook: "pceTrunkChange", onEvent() {} });
    // @ts-expect-error: YCM needs its secret
    createWebhookHandler({ api: "ycm", onEvent() {} });
  });
});

test("the DeliveryStore has the agreed shape", () => {
  expectTypeOf<DeliveryStore["claim"]>().toEqualTypeOf<(key: string, ttlMs: number) => Promise<boolean>>();
  expectTypeOf<DeliveryStore["release"]>().toEqualTypeOf<(key: string) => Promise<void>>();
});
