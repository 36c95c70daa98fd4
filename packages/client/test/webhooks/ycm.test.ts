// YCM webhook verification with known vectors, each failure its own error and none of them showing
// the secret or a signature; then parsing into the typed event.
import { describe, expect, test } from "vitest";
import { parseYcmWebhook, verifyYcmWebhook, YCM_SIGNATURE_HEADER, YeastarWebhookError, type YeastarWebhookErrorCode } from "../../src/webhooks/index.js";
import { expectNoneContains, webhookExamples, ycmSignature } from "./support.js";

const SECRET = "Zq4vN7xK2mP9sT1wY6bR3cH8jL5dF0gA"; // 32 characters, as YCM generates
const OTHER_SECRET = "Zq4vN7xK2mP9sT1wY6bR3cH8jL5dF0gB";
const examples = webhookExamples("ycm");
const DID_BODY = JSON.stringify(examples.pceDidChange);
const CAPACITY_BODY = JSON.stringify(examples.pceCapacityChange);

function codeOf(run: () => unknown): YeastarWebhookErrorCode {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(YeastarWebhookError);
    return (error as YeastarWebhookError).code;
  }
  throw new Error("expected a YeastarWebhookError, nothing was thrown");
}

describe("verifyYcmWebhook: known vectors", () => {
  test("the header is X-Signature, from the spec", () => {
    expect(YCM_SIGNATURE_HEADER).toBe("X-Signature");
  });

  test("the spec's documented vector verifies (literal signature)", () => {
    // spec/ycm/components/parameters/WebhookSignature.yaml: the PCE DID Change example serialised
    // without spaces, signed with the illustrative secret below.
    const signature = "NFzGPd492UJ+W9xSFhAbE9Krk2xLDAtrVZcSbU62lyo=";
    expect(() => verifyYcmWebhook({ body: DID_BODY, signature, secret: "0123456789abcdef0123456789abcdef" })).not.toThrow();
    expect(codeOf(() => verifyYcmWebhook({ body: DID_BODY, signature, secret: SECRET }))).toBe("signature_mismatch");
  });

  test("a body signed with a known secret verifies, as a string, a Buffer, a Uint8Array and an ArrayBuffer", () => {
    const signature = ycmSignature(SECRET, CAPACITY_BODY);
    const bytes = new TextEncoder().encode(CAPACITY_BODY);
    for (const body of [CAPACITY_BODY, Buffer.from(CAPACITY_BODY), bytes, bytes.buffer]) {
      expect(() => verifyYcmWebhook({ body, signature, secret: SECRET })).not.toThrow();
    }
    // A header repeated by node as an array of one, and surrounding spaces, are fine.
    expect(() => verifyYcmWebhook({ body: CAPACITY_BODY, signature: [` ${signature} `], secret: SECRET })).not.toThrow();
  });

  test("several secrets: any of them verifies", () => {
    const signature = ycmSignature(SECRET, DID_BODY);
    expect(() => verifyYcmWebhook({ body: DID_BODY, signature, secret: [OTHER_SECRET, SECRET] })).not.toThrow();
    expect(codeOf(() => verifyYcmWebhook({ body: DID_BODY, signature, secret: [OTHER_SECRET] }))).toBe("signature_mismatch");
  });
});

describe("verifyYcmWebhook: each failure has its own error", () => {
  const signature = ycmSignature(SECRET, DID_BODY);

  test("one flipped byte of the body", () => {
    const bytes = Buffer.from(DID_BODY);
    for (const at of [0, bytes.length >> 1, bytes.length - 1]) {
      const flipped = Buffer.from(bytes);
      flipped[at] = flipped[at]! ^ 0x01;
      expect(codeOf(() => verifyYcmWebhook({ body: flipped, signature, secret: SECRET }))).toBe("signature_mismatch");
    }
  });

  test("the body re-serialised (parsed and stringified with spaces) no longer verifies", () => {
    const reserialised = JSON.stringify(JSON.parse(DID_BODY), null, 2);
    expect(codeOf(() => verifyYcmWebhook({ body: reserialised, signature, secret: SECRET }))).toBe("signature_mismatch");
  });

  test("a wrong secret", () => {
    expect(codeOf(() => verifyYcmWebhook({ body: DID_BODY, signature, secret: OTHER_SECRET }))).toBe("signature_mismatch");
  });

  test("a missing header", () => {
    for (const missing of [undefined, null, "", "   ", []]) {
      expect(codeOf(() => verifyYcmWebhook({ body: DID_BODY, signature: missing, secret: SECRET }))).toBe("signature_missing");
    }
  });

  test("a header of the wrong length, or not Base64", () => {
    const wrong = [
      signature.slice(0, -2) + "=", // 31 bytes
      Buffer.concat([Buffer.from(signature, "base64"), Buffer.from([0])]).toString("base64"), // 33 bytes
      Buffer.from(signature, "base64").toString("hex"), // hex, not Base64
      signature.slice(0, -1), // padding dropped
      "-".repeat(43) + "=", // base64url's alphabet
      `${signature}, ${signature}`, // the header twice, as node joins it
      "*".repeat(44),
    ];
    for (const header of wrong) expect(codeOf(() => verifyYcmWebhook({ body: DID_BODY, signature: header, secret: SECRET })), header).toBe("signature_malformed");
    expect(codeOf(() => verifyYcmWebhook({ body: DID_BODY, signature: [signature, signature], secret: SECRET }))).toBe("signature_malformed");
  });

  test("an unusable secret", () => {
    for (const secret of ["", [], [""], [SECRET, ""], undefined, null, 42, Buffer.from(SECRET)]) {
      expect(codeOf(() => verifyYcmWebhook({ body: DID_BODY, signature, secret: secret as string }))).toBe("secret_invalid");
    }
  });

  test("no error shows the secret, the expected signature or the received one", () => {
    const expected = ycmSignature(SECRET, DID_BODY);
    const received = ycmSignature(OTHER_SECRET, DID_BODY);
    const hex = Buffer.from(expected, "base64").toString("hex");
    const errors: unknown[] = [];
    const collect = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        errors.push(error);
      }
    };
    collect(() => verifyYcmWebhook({ body: DID_BODY, signature: received, secret: SECRET }));
    collect(() => verifyYcmWebhook({ body: DID_BODY + " ", signature: expected, secret: SECRET }));
    collect(() => verifyYcmWebhook({ body: DID_BODY, signature: received.slice(1), secret: SECRET }));
    collect(() => verifyYcmWebhook({ body: DID_BODY, signature: undefined, secret: SECRET }));
    collect(() => verifyYcmWebhook({ body: DID_BODY, signature: received, secret: [SECRET, ""] }));
    collect(() => parseYcmWebhook({ body: "[{]", signature: ycmSignature(SECRET, "[{]"), secret: SECRET }));
    expect(errors.map((e) => (e as YeastarWebhookError).code)).toEqual([
      "signature_mismatch",
      "signature_mismatch",
      "signature_malformed",
      "signature_missing",
      "secret_invalid",
      "payload_invalid",
    ]);
    for (const error of errors) {
      expectNoneContains(error, [SECRET, expected, received, received.slice(1), hex]);
      expect((error as Error).cause).toBeUndefined();
      expect(Object.keys((error as YeastarWebhookError).toJSON()).sort()).toEqual(["api", "code", "message", "name"]);
    }
  });
});

describe("parseYcmWebhook", () => {
  const signed = (body: string, extra: { webhook?: "pceDidChange" | "pceCapacityChange" } = {}) =>
    parseYcmWebhook({ body, signature: ycmSignature(SECRET, body), secret: SECRET, ...extra });

  test("tells each spec example apart by its shape", () => {
    expect(signed(DID_BODY)).toEqual({ type: "pceDidChange", data: examples.pceDidChange });
    expect(signed(CAPACITY_BODY)).toEqual({ type: "pceCapacityChange", data: examples.pceCapacityChange });
  });

  test("verifies before parsing: a bad signature is not parsed", () => {
    expect(codeOf(() => parseYcmWebhook({ body: DID_BODY, signature: ycmSignature(OTHER_SECRET, DID_BODY), secret: SECRET }))).toBe("signature_mismatch");
  });

  test("the webhook can be named, and must fit", () => {
    expect(signed("[]", { webhook: "pceCapacityChange" })).toEqual({ type: "pceCapacityChange", data: [] });
    expect(signed(DID_BODY, { webhook: "pceDidChange" }).type).toBe("pceDidChange");
    // Named, the payload must fit that webhook's schema (`repository` is an object).
    expect(codeOf(() => signed(JSON.stringify([{ sn: "X", repository: "5" }]), { webhook: "pceCapacityChange" }))).toBe("payload_invalid");
  });

  test("an empty array cannot be told without the webhook's name", () => {
    expect(codeOf(() => signed("[]"))).toBe("payload_invalid");
  });

  test("payloads that are not documented events are payload_invalid, naming the field", () => {
    const did = (examples.pceDidChange as Record<string, unknown>[])[0]!;
    const cases: [string, RegExp][] = [
      ["{not json", /not JSON/],
      [JSON.stringify({ sn: "X" }), /must be an array/],
      [JSON.stringify([{ ...did, event: "did_moved" }]), /body\[0\]\.event must be one of "did_change"/],
      [JSON.stringify([{ ...did, trunkDidInfoList: [{ didId: "1" }] }]), /body\[0\]\.trunkDidInfoList\[0\]\.did is missing/],
      [JSON.stringify([{ ...did, updateTime: "soon" }]), /body\[0\]\.updateTime must be an integer/],
    ];
    for (const [body, message] of cases) {
      try {
        signed(body);
        expect.unreachable(`${body} parsed`);
      } catch (error) {
        expect((error as YeastarWebhookError).code).toBe("payload_invalid");
        expect((error as Error).message).toMatch(message);
      }
    }
  });

  test("a body that is not UTF-8 is payload_invalid", () => {
    const body = Buffer.from([0x5b, 0xff, 0x5d]);
    expect(codeOf(() => parseYcmWebhook({ body, signature: ycmSignature(SECRET, body), secret: SECRET }))).toBe("payload_invalid");
  });
});
