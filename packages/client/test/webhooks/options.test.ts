// createWebhookHandler() and createNodeWebhookHandler() check their options when called: each
// mistake is a YeastarWebhookError (options_invalid) naming the option, never quoting a secret.
import { describe, expect, test } from "vitest";
import { createNodeWebhookHandler, createWebhookHandler, YeastarWebhookError } from "../../src/webhooks/index.js";
import { expectNoneContains } from "./support.js";

const onEvent = () => undefined;
const YCM_SECRET = "Zq4vN7xK2mP9sT1wY6bR3cH8jL5dF0gA";
const SHORT = "short-secret";

const cases: [string, unknown, RegExp][] = [
  ["no options", undefined, /options must be an object/],
  ["no api", { secret: YCM_SECRET, onEvent }, /api must be "ycm" or "workplace"/],
  ["a product's display name", { api: "YCM", secret: YCM_SECRET, onEvent }, /api must be "ycm" or "workplace"/],
  ["no onEvent", { api: "ycm", secret: YCM_SECRET }, /onEvent must be a function/],
  ["an unknown option", { api: "ycm", secret: YCM_SECRET, onEvent, secrets: [YCM_SECRET] }, /unknown option secrets for api "ycm"/],
  ["a Workplace option on YCM", { api: "ycm", secret: YCM_SECRET, onEvent, store: {} }, /unknown option store/],
  ["no YCM secret", { api: "ycm", onEvent }, /secret must be the YCM webhook's secret/],
  ["an empty YCM secret", { api: "ycm", secret: "", onEvent }, /secret must be/],
  ["an empty entry in the YCM secrets", { api: "ycm", secret: [YCM_SECRET, ""], onEvent }, /secret must be/],
  ["a YCM secret that is not a string", { api: "ycm", secret: Buffer.from(YCM_SECRET), onEvent }, /secret must be/],
  ["maxBodyBytes 0", { api: "ycm", secret: YCM_SECRET, onEvent, maxBodyBytes: 0 }, /maxBodyBytes must be a positive integer/],
  ["maxBodyBytes as a string", { api: "ycm", secret: YCM_SECRET, onEvent, maxBodyBytes: "1mb" }, /maxBodyBytes/],
  ["onError not a function", { api: "ycm", secret: YCM_SECRET, onEvent, onError: "log" }, /onError must be a function/],
  ["no callbackSecret", { api: "workplace", onEvent }, /callbackSecret is required.*or false/],
  ["a short callbackSecret", { api: "workplace", callbackSecret: SHORT, onEvent }, /at least 16 characters/],
  ["a callbackSecretParam without a secret", { api: "workplace", callbackSecret: false, callbackSecretParam: "s", onEvent }, /needs a callbackSecret/],
  ["an empty callbackSecretParam", { api: "workplace", callbackSecret: YCM_SECRET, callbackSecretParam: "", onEvent }, /callbackSecretParam must be/],
  ["a store without release", { api: "workplace", callbackSecret: false, store: { claim: async () => true }, onEvent }, /store must be a DeliveryStore/],
  ["dedupeTtlMs negative", { api: "workplace", callbackSecret: false, dedupeTtlMs: -1, onEvent }, /dedupeTtlMs must be a positive integer/],
];

describe.each([
  ["createWebhookHandler", createWebhookHandler],
  ["createNodeWebhookHandler", createNodeWebhookHandler],
] as const)("%s", (_name, create) => {
  test.each(cases)("refuses %s", (_case, options, message) => {
    let error: unknown;
    try {
      create(options as Parameters<typeof create>[0]);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(YeastarWebhookError);
    expect((error as YeastarWebhookError).code).toBe("options_invalid");
    expect((error as Error).message).toMatch(message);
    expectNoneContains(error, [YCM_SECRET, SHORT]);
  });

  test("accepts the documented shapes", () => {
    expect(typeof create({ api: "ycm", secret: YCM_SECRET, onEvent })).toBe("function");
    expect(typeof create({ api: "ycm", secret: [YCM_SECRET, YCM_SECRET.toLowerCase()], webhook: "pceDidChange", maxBodyBytes: 4096, onEvent })).toBe("function");
    expect(typeof create({ api: "workplace", callbackSecret: YCM_SECRET, callbackSecretParam: "token", dedupeTtlMs: 1000, onEvent })).toBe("function");
    expect(typeof create({ api: "workplace", callbackSecret: false, onEvent })).toBe("function");
  });
});
