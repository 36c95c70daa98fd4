// Shared by the webhook tests: the spec's webhook examples, signing as YCM does, and a scan of an
// error's every rendering for strings that must not be there.
import { loadSpec } from "@yeastar-openapi/spec-model";
import { createHmac } from "node:crypto";
import { inspect } from "node:util";
import { expect } from "vitest";

/** The spec's example payload of each webhook, by its name (`pceDidChange`, `MEETING_CREATED`, ...). */
export function webhookExamples(api: "ycm" | "workplace"): Record<string, unknown> {
  const examples: Record<string, unknown> = {};
  for (const hook of loadSpec(api).webhooks) examples[hook.event] = hook.requestBody?.json?.example;
  return examples;
}

/** What YCM sends in `X-Signature`: Base64 of HMAC-SHA256(secret, raw body). */
export function ycmSignature(secret: string, body: string | Uint8Array): string {
  return createHmac("sha256", secret).update(body).digest("base64");
}

/** Every way an error may reach a log: message, stack, String(), JSON, util.inspect, and its cause's. */
export function renderings(error: unknown): string[] {
  const e = error as Error & { toJSON?: () => unknown };
  const out = [String(e), e.message, e.stack ?? "", JSON.stringify(e), inspect(e, { depth: 5, showHidden: true })];
  if (e.cause !== undefined) out.push(...renderings(e.cause));
  return out;
}

/** Fails naming the rendering that contains one of `secrets`. */
export function expectNoneContains(error: unknown, secrets: string[]): void {
  for (const text of renderings(error)) {
    for (const secret of secrets) expect(text.includes(secret), `an error rendering contains a secret: ${text.slice(0, 200)}`).toBe(false);
  }
}
