// The signature and callback-secret comparisons are node:crypto's timingSafeEqual over fixed-length
// digests, and its answer is the one that counts: with the primitive forced to say "different", a
// genuine delivery is refused, and forced to say "equal", a forged one passes. A comparison made
// any other way (===, Buffer.equals, an early length exit) fails these tests.
import { beforeEach, describe, expect, test, vi } from "vitest";
import { createHmac } from "node:crypto";
import { checkCallbackSecret, verifyYcmWebhook } from "../../src/webhooks/index.js";

const spy = vi.hoisted(() => ({ override: undefined as boolean | undefined, calls: [] as [Buffer, Buffer][] }));

vi.mock("node:crypto", async (importOriginal) => {
  const crypto = await importOriginal<typeof import("node:crypto")>();
  const timingSafeEqual = (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
    spy.calls.push([Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)]);
    const real = crypto.timingSafeEqual(a, b);
    return spy.override ?? real;
  };
  return { ...crypto, default: { ...crypto, timingSafeEqual }, timingSafeEqual };
});


const SECRET = "Zq4vN7xK2mP9sT1wY6bR3cH8jL5dF0gA";
const BODY = '[{"sn":"36XXXXXXXXXXXXKH","updateTime":1773110920}]';
const GOOD = createHmac("sha256", SECRET).update(BODY).digest("base64");
const FORGED = createHmac("sha256", "not the secret").update(BODY).digest("base64");

beforeEach(() => {
  spy.override = undefined;
  spy.calls.length = 0;
});

describe("verifyYcmWebhook", () => {
  test("compares the two 32-byte digests with timingSafeEqual", () => {
    verifyYcmWebhook({ body: BODY, signature: GOOD, secret: SECRET });
    expect(spy.calls).toHaveLength(1);
    const [expected, received] = spy.calls[0]!;
    expect(expected.length).toBe(32);
    expect(received.length).toBe(32);
    expect(received.toString("base64")).toBe(GOOD);
  });

  test("its answer decides: forced false refuses a genuine delivery, forced true accepts a forged one", () => {
    spy.override = false;
    expect(() => verifyYcmWebhook({ body: BODY, signature: GOOD, secret: SECRET })).toThrow(/does not match/);
    spy.override = true;
    expect(() => verifyYcmWebhook({ body: BODY, signature: FORGED, secret: SECRET })).not.toThrow();
  });

  test("every secret of a list is compared, whichever matches (no early exit)", () => {
    verifyYcmWebhook({ body: BODY, signature: GOOD, secret: [SECRET, "second", "third"] });
    expect(spy.calls).toHaveLength(3);
  });
});

describe("checkCallbackSecret", () => {
  const CALLBACK = "k3J9vQ2xW7mZ4pL8";

  test("compares fixed-length digests with timingSafeEqual, whatever the candidate's length", () => {
    expect(checkCallbackSecret(`/hooks/workplace?secret=${CALLBACK}`, CALLBACK, { param: "secret" })).toBe(true);
    expect(checkCallbackSecret(`/hooks/workplace?secret=k`, CALLBACK, { param: "secret" })).toBe(false);
    expect(spy.calls).toHaveLength(2);
    for (const [a, b] of spy.calls) expect([a.length, b.length]).toEqual([32, 32]);
  });

  test("its answer decides", () => {
    spy.override = false;
    expect(checkCallbackSecret(`/hooks/${CALLBACK}`, CALLBACK)).toBe(false);
    spy.override = true;
    expect(checkCallbackSecret(`/hooks/guess`, CALLBACK)).toBe(true);
  });
});
