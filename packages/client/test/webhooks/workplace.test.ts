// Workplace payloads parsed against the spec, the callback-URI secret, and the de-duplication store.
import { afterEach, describe, expect, test, vi } from "vitest";
import {
  checkCallbackSecret,
  isWorkplaceWebhookEventType,
  memoryDeliveryStore,
  parseWorkplaceWebhook,
  WORKPLACE_WEBHOOK_EVENT_TYPES,
  YeastarWebhookError,
} from "../../src/webhooks/index.js";
import { expectNoneContains, webhookExamples } from "./support.js";

const examples = webhookExamples("workplace");

function errorOf(run: () => unknown): YeastarWebhookError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(YeastarWebhookError);
    return error as YeastarWebhookError;
  }
  throw new Error("expected a YeastarWebhookError, nothing was thrown");
}

describe("parseWorkplaceWebhook", () => {
  test("knows every event type of the spec, WEBHOOK_TEST included", () => {
    expect([...WORKPLACE_WEBHOOK_EVENT_TYPES].sort()).toEqual(Object.keys(examples).sort());
    expect(WORKPLACE_WEBHOOK_EVENT_TYPES).toContain("WEBHOOK_TEST");
    expect(isWorkplaceWebhookEventType("MEETING_CREATED")).toBe(true);
    expect(isWorkplaceWebhookEventType("toString")).toBe(false);
  });

  test.each(Object.entries(examples))("parses the spec's %s example, from text and from bytes", (type, example) => {
    const text = JSON.stringify(example);
    const event = parseWorkplaceWebhook(text);
    expect(event.eventType).toBe(type);
    expect(event).toEqual(example);
    expect(parseWorkplaceWebhook(Buffer.from(text))).toEqual(example);
  });

  test("WEBHOOK_TEST with no eventId and no data is recognised", () => {
    expect(parseWorkplaceWebhook('{"eventType":"WEBHOOK_TEST"}').eventType).toBe("WEBHOOK_TEST");
  });

  test("an event type the spec does not list is event_unknown", () => {
    const error = errorOf(() => parseWorkplaceWebhook(JSON.stringify({ ...(examples.MEETING_CREATED as object), eventType: "MEETING_MOVED" })));
    expect(error.code).toBe("event_unknown");
    expect(error.message).toMatch(/"MEETING_MOVED".*MEETING_CREATED/);
    expect(errorOf(() => parseWorkplaceWebhook('{"eventType":"__proto__"}')).code).toBe("event_unknown");
  });

  test("a payload off the spec is payload_invalid, naming the field", () => {
    const created = examples.MEETING_CREATED as { data: Record<string, unknown> };
    const cases: [string, RegExp][] = [
      ["not json", /not JSON/],
      ["[]", /must be a JSON object/],
      ['{"eventId":"x"}', /no eventType/],
      [JSON.stringify({ ...created, data: undefined }), /body\.data is missing/],
      [JSON.stringify({ ...created, eventCreatedTime: "yesterday" }), /body\.eventCreatedTime must be an integer/],
      [JSON.stringify({ ...created, data: { ...created.data, roomId: 1.5 } }), /body\.data\.roomId must be an integer/],
      [JSON.stringify({ ...created, eventId: undefined }), /body\.eventId is missing/],
    ];
    for (const [body, message] of cases) {
      const error = errorOf(() => parseWorkplaceWebhook(body));
      expect(error.code, body).toBe("payload_invalid");
      expect(error.message).toMatch(message);
    }
  });

  test("fields the spec does not name are kept (the schemas are open)", () => {
    const extra = { ...(examples.MEETING_CREATED as object), tenant: "t1" };
    expect(parseWorkplaceWebhook(JSON.stringify(extra))).toEqual(extra);
  });
});

describe("checkCallbackSecret", () => {
  const SECRET = "k3J9vQ2xW7mZ4pL8-callback";

  test("finds the secret in a named query parameter", () => {
    expect(checkCallbackSecret(`https://example.com/hooks/workplace?token=${SECRET}`, SECRET, { param: "token" })).toBe(true);
    expect(checkCallbackSecret(`/hooks/workplace?token=${SECRET}&x=1`, SECRET, { param: "token" })).toBe(true);
    expect(checkCallbackSecret(`/hooks/workplace?other=${SECRET}`, SECRET, { param: "token" })).toBe(false);
    expect(checkCallbackSecret(`/hooks/${SECRET}`, SECRET, { param: "token" })).toBe(false);
  });

  test("without a parameter name, in any path segment or query value", () => {
    expect(checkCallbackSecret(`/hooks/workplace/${SECRET}`, SECRET)).toBe(true);
    expect(checkCallbackSecret(new URL(`https://example.com/${SECRET}/hooks`), SECRET)).toBe(true);
    expect(checkCallbackSecret(`/hooks?s=${encodeURIComponent(SECRET)}`, SECRET)).toBe(true);
    expect(checkCallbackSecret(new Request(`https://example.com/hooks?s=${SECRET}`, { method: "POST" }), SECRET)).toBe(true);
  });

  test("refuses near misses", () => {
    for (const url of ["/hooks/workplace", `/hooks/${SECRET.slice(0, -1)}`, `/hooks/${SECRET}x`, `/hooks/x${SECRET}`, `/hooks?s=${SECRET.toUpperCase()}`, "/", "//"]) {
      expect(checkCallbackSecret(url, SECRET), url).toBe(false);
    }
  });

  test("an expected secret that cannot work is an error that does not quote anything", () => {
    for (const expected of ["", undefined, 42]) {
      const error = errorOf(() => checkCallbackSecret("/hooks", expected as string));
      expect(error.code).toBe("options_invalid");
    }
    const error = errorOf(() => checkCallbackSecret(`/hooks/${SECRET}`, ""));
    expectNoneContains(error, [SECRET]);
  });
});

describe("memoryDeliveryStore", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  test("the first claim wins; a second is a duplicate until released", async () => {
    const store = memoryDeliveryStore();
    expect(await store.claim("workplace:a", 60_000)).toBe(true);
    expect(await store.claim("workplace:a", 60_000)).toBe(false);
    expect(await store.claim("workplace:b", 60_000)).toBe(true);
    await store.release("workplace:a");
    expect(await store.claim("workplace:a", 60_000)).toBe(true);
  });

  test("a claim expires after its ttl", async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const store = memoryDeliveryStore();
    expect(await store.claim("k", 1_000)).toBe(true);
    vi.setSystemTime(1_000_999);
    expect(await store.claim("k", 1_000)).toBe(false);
    vi.setSystemTime(1_001_000);
    expect(await store.claim("k", 1_000)).toBe(true);
  });

  test("is bounded: past maxEntries the oldest claim is forgotten", async () => {
    const store = memoryDeliveryStore({ maxEntries: 2 });
    for (const key of ["a", "b", "c"]) expect(await store.claim(key, 60_000)).toBe(true);
    expect(await store.claim("c", 60_000)).toBe(false);
    expect(await store.claim("b", 60_000)).toBe(false);
    // "a" was the oldest of three: forgotten, so claimable again (and "b" goes in its turn).
    expect(await store.claim("a", 60_000)).toBe(true);
    expect(await store.claim("b", 60_000)).toBe(true);
  });

  test("bad options and arguments are clear errors", async () => {
    for (const maxEntries of [0, -1, 1.5, Number.NaN, "10"]) {
      expect(errorOf(() => memoryDeliveryStore({ maxEntries: maxEntries as number })).message).toMatch(/maxEntries must be a positive integer/);
    }
    const store = memoryDeliveryStore();
    await expect(store.claim("", 1)).rejects.toThrow(/key must be a non-empty string/);
    await expect(store.claim("k", 0)).rejects.toThrow(/ttlMs must be a positive number/);
    await expect(store.claim("k", Number.POSITIVE_INFINITY)).rejects.toThrow(/ttlMs/);
  });
});
