// Both adapters over real HTTP on 127.0.0.1: node:http's (createNodeWebhookHandler) served
// directly, the web-standard one (createWebhookHandler) behind a small node:http bridge that hands
// it a real Request and writes its Response back.
import { createServer, request as httpRequest, type IncomingMessage, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, test, vi } from "vitest";
import {
  createNodeWebhookHandler,
  createWebhookHandler,
  memoryDeliveryStore,
  type DeliveryStore,
  type WebhookHandlerOptions,
  type WorkplaceWebhookEvent,
  type YcmWebhookEvent,
} from "../../src/webhooks/index.js";
import { webhookExamples, ycmSignature } from "./support.js";

const YCM_SECRET = "Zq4vN7xK2mP9sT1wY6bR3cH8jL5dF0gA";
const CALLBACK_SECRET = "k3J9vQ2xW7mZ4pL8sD5fG1hJ";
const ycmExamples = webhookExamples("ycm");
const workplaceExamples = webhookExamples("workplace");
const DID_BODY = JSON.stringify(ycmExamples.pceDidChange);
const CAPACITY_BODY = JSON.stringify(ycmExamples.pceCapacityChange);
const CREATED_BODY = JSON.stringify(workplaceExamples.MEETING_CREATED);

// --- servers -------------------------------------------------------------------------------------

/** The request body as a web stream that pauses the socket on cancel instead of destroying it (as a server would). */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.on("data", (chunk: Buffer) => {
        controller.enqueue(new Uint8Array(chunk));
        if ((controller.desiredSize ?? 0) <= 0) req.pause();
      });
      req.on("end", () => controller.close());
      req.on("error", (error) => controller.error(error));
    },
    pull() {
      req.resume();
    },
    cancel() {
      req.pause();
      req.removeAllListeners("data");
    },
  });
}

/** A node:http server handing each request to a web-standard handler as a real Request. */
function bridge(handle: (request: Request) => Promise<Response>): RequestListener {
  return (req, res) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, v);
    }
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const request = new Request(`http://${req.headers.host}${req.url}`, {
      method: req.method,
      headers,
      ...(hasBody ? { body: bodyStream(req), duplex: "half" } : {}),
    } as RequestInit);
    void handle(request).then(async (response) => {
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
  };
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((server) => {
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeAllConnections();
      return closed;
    }),
  );
  vi.restoreAllMocks();
});

type Adapter = "node" | "web";

async function serve(adapter: Adapter, options: WebhookHandlerOptions): Promise<string> {
  const listener = adapter === "node" ? createNodeWebhookHandler(options) : bridge(createWebhookHandler(options));
  const server = createServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

interface Answer {
  status: number;
  body: Record<string, unknown>;
  text: string;
  headers: Headers;
}

async function post(url: string, body: string, headers: Record<string, string> = {}, method = "POST"): Promise<Answer> {
  const response = await fetch(url, { method, body: method === "GET" ? undefined : body, headers: { "content-type": "application/json", ...headers } });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as Record<string, unknown>, text, headers: response.headers };
}

/** Sends a body in two parts without Content-Length and resolves with the status answered after the first. */
function postStreamed(url: string, first: Buffer, rest: Buffer): Promise<{ status: number; restSent: boolean }> {
  return new Promise((resolve, reject) => {
    let restSent = false;
    const req = httpRequest(url, { method: "POST", headers: { "content-type": "application/json", "transfer-encoding": "chunked" } }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, restSent });
      req.destroy();
    });
    req.on("error", (error) => (restSent ? undefined : reject(error)));
    req.write(first);
    // The rest only after a pause long enough for the server to answer the first part.
    setTimeout(() => {
      if (req.destroyed) return;
      restSent = true;
      req.end(rest);
    }, 1_000);
  });
}

const ycmOptions = (onEvent: (event: YcmWebhookEvent) => unknown, extra: Partial<WebhookHandlerOptions> = {}): WebhookHandlerOptions =>
  ({ api: "ycm", secret: YCM_SECRET, onEvent, onError: () => undefined, ...extra }) as WebhookHandlerOptions;

const workplaceOptions = (onEvent: (event: WorkplaceWebhookEvent) => unknown, extra: Partial<WebhookHandlerOptions> = {}): WebhookHandlerOptions =>
  ({ api: "workplace", callbackSecret: CALLBACK_SECRET, callbackSecretParam: "secret", onEvent, onError: () => undefined, ...extra }) as WebhookHandlerOptions;

// --- tests ---------------------------------------------------------------------------------------

describe.each<Adapter>(["node", "web"])("%s adapter over HTTP", (adapter) => {
  describe("YCM", () => {
    test("verified deliveries reach onEvent typed, answered 200", async () => {
      const events: YcmWebhookEvent[] = [];
      const url = await serve(adapter, ycmOptions((event) => void events.push(event)));
      expect((await post(url, DID_BODY, { "x-signature": ycmSignature(YCM_SECRET, DID_BODY) })).status).toBe(200);
      expect((await post(`${url}/any/path`, CAPACITY_BODY, { "X-Signature": ycmSignature(YCM_SECRET, CAPACITY_BODY) })).status).toBe(200);
      expect(events).toEqual([
        { type: "pceDidChange", data: ycmExamples.pceDidChange },
        { type: "pceCapacityChange", data: ycmExamples.pceCapacityChange },
      ]);
    });

    test("a bad, missing or malformed signature is 401 and nothing is handed over", async () => {
      const onEvent = vi.fn();
      const errors: unknown[] = [];
      const url = await serve(adapter, ycmOptions(onEvent, { onError: (error) => void errors.push(error) }));
      const forged = ycmSignature("another secret", DID_BODY);
      const cases: [Record<string, string>, string][] = [
        [{ "x-signature": forged }, "signature_mismatch"],
        [{}, "signature_missing"],
        [{ "x-signature": "abc" }, "signature_malformed"],
      ];
      for (const [headers, error] of cases) {
        const answer = await post(url, DID_BODY, headers);
        expect(answer.status).toBe(401);
        expect(answer.body).toEqual({ ok: false, error });
        for (const secret of [YCM_SECRET, ycmSignature(YCM_SECRET, DID_BODY), forged]) {
          expect(answer.text.includes(secret)).toBe(false);
          expect([...answer.headers.values()].some((value) => value.includes(secret))).toBe(false);
        }
      }
      // A tampered body with a genuine signature.
      expect((await post(url, DID_BODY.replace("did_change", "did_delete"), { "x-signature": ycmSignature(YCM_SECRET, DID_BODY) })).status).toBe(401);
      expect(onEvent).not.toHaveBeenCalled();
      expect(errors).toHaveLength(4);
      for (const error of errors) expect(JSON.stringify(error)).not.toContain(YCM_SECRET);
    });

    test("a signed body that is not a documented payload is 400", async () => {
      const onEvent = vi.fn();
      const url = await serve(adapter, ycmOptions(onEvent));
      for (const body of ["{not json", "[]", '{"sn":"X"}']) {
        const answer = await post(url, body, { "x-signature": ycmSignature(YCM_SECRET, body) });
        expect(answer.status, body).toBe(400);
        expect(answer.body.error).toBe("payload_invalid");
      }
      expect(onEvent).not.toHaveBeenCalled();
    });

    test("a body past maxBodyBytes is 413 (declared length) and is not verified or handed over", async () => {
      const onEvent = vi.fn();
      const url = await serve(adapter, ycmOptions(onEvent, { maxBodyBytes: 1024 }));
      const big = JSON.stringify([{ sn: "X".repeat(4096) }]);
      const answer = await post(url, big, { "x-signature": ycmSignature(YCM_SECRET, big) });
      expect(answer.status).toBe(413);
      expect(answer.body).toEqual({ ok: false, error: "payload_too_large" });
      expect(answer.headers.get("connection")).toBe("close");
      expect(onEvent).not.toHaveBeenCalled();
      // Just under the limit is fine.
      const small = JSON.stringify([{ sn: "X".repeat(900) }]);
      expect((await post(url, small, { "x-signature": ycmSignature(YCM_SECRET, small) })).status).toBe(200);
    });

    test("a streamed body is counted as it arrives: 413 before the sender has finished", async () => {
      const onEvent = vi.fn();
      const url = await serve(adapter, ycmOptions(onEvent, { maxBodyBytes: 1024 }));
      const answer = await postStreamed(url, Buffer.alloc(2048, 0x20), Buffer.from("[]"));
      expect(answer).toEqual({ status: 413, restSent: false });
      expect(onEvent).not.toHaveBeenCalled();
    });

    test("onEvent throwing is 500, reported to onError", async () => {
      const errors: [unknown, number][] = [];
      const url = await serve(adapter, ycmOptions(() => Promise.reject(new Error("database down")), { onError: (error, status) => void errors.push([error, status]) }));
      const answer = await post(url, DID_BODY, { "x-signature": ycmSignature(YCM_SECRET, DID_BODY) });
      expect(answer).toMatchObject({ status: 500, body: { ok: false, error: "handler_failed" } });
      expect(answer.text).not.toContain("database down");
      expect(errors).toEqual([[new Error("database down"), 500]]);
    });

    test("only POST", async () => {
      const url = await serve(adapter, ycmOptions(vi.fn()));
      const answer = await post(url, "", {}, "GET");
      expect(answer.status).toBe(405);
      expect(answer.headers.get("allow")).toBe("POST");
    });
  });

  describe("Workplace", () => {
    const callbackUrl = (url: string, secret = CALLBACK_SECRET) => `${url}/hooks/workplace?secret=${secret}`;

    test("a retried delivery (same eventId) is handed over once", async () => {
      const events: WorkplaceWebhookEvent[] = [];
      const url = await serve(adapter, workplaceOptions((event) => void events.push(event)));
      const answers = [];
      for (let i = 0; i < 3; i++) answers.push(await post(callbackUrl(url), CREATED_BODY));
      expect(answers.map((a) => [a.status, a.body])).toEqual([
        [200, { ok: true }],
        [200, { ok: true, duplicate: true }],
        [200, { ok: true, duplicate: true }],
      ]);
      expect(events).toEqual([workplaceExamples.MEETING_CREATED]);
    });

    test("onEvent failing: 500, the claim is released, and the retry is processed", async () => {
      let calls = 0;
      const store = memoryDeliveryStore();
      const claims: string[] = [];
      const released: string[] = [];
      const spyStore: DeliveryStore = {
        claim: (key, ttl) => (claims.push(key), store.claim(key, ttl)),
        release: (key) => (released.push(key), store.release(key)),
      };
      const url = await serve(
        adapter,
        workplaceOptions(
          () => {
            calls++;
            if (calls <= 2) throw new Error("not now");
          },
          { store: spyStore, dedupeTtlMs: 60_000 },
        ),
      );
      // Workplace's first attempt and two retries fail; the third retry is processed; a fourth delivery is a duplicate.
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await post(callbackUrl(url), CREATED_BODY)).status);
      expect(statuses).toEqual([500, 500, 200, 200]);
      expect(calls).toBe(3);
      const key = `workplace:${(workplaceExamples.MEETING_CREATED as { eventId: string }).eventId}`;
      expect(claims).toEqual([key, key, key, key]);
      expect(released).toEqual([key, key]);
    });

    test("different events are each handed over; WEBHOOK_TEST without an eventId every time", async () => {
      const types: string[] = [];
      const url = await serve(adapter, workplaceOptions((event) => void types.push(event.eventType)));
      for (const body of Object.values(workplaceExamples)) expect((await post(callbackUrl(url), JSON.stringify(body))).status).toBe(200);
      for (let i = 0; i < 2; i++) expect((await post(callbackUrl(url), '{"eventType":"WEBHOOK_TEST"}')).status).toBe(200);
      expect(types).toEqual([...Object.keys(workplaceExamples), "WEBHOOK_TEST", "WEBHOOK_TEST"]);
    });

    test("a callback URL without the secret is 401, before the body is read", async () => {
      const onEvent = vi.fn();
      const url = await serve(adapter, workplaceOptions(onEvent));
      for (const target of [`${url}/hooks/workplace`, callbackUrl(url, "wrong-secret-of-any-length"), `${url}/hooks/${CALLBACK_SECRET}`]) {
        const answer = await post(target, CREATED_BODY);
        expect(answer.status, target).toBe(401);
        expect(answer.body).toEqual({ ok: false, error: "callback_secret_mismatch" });
      }
      expect(onEvent).not.toHaveBeenCalled();
    });

    test("callbackSecret: false accepts any URL", async () => {
      const onEvent = vi.fn();
      const url = await serve(adapter, workplaceOptions(onEvent, { callbackSecret: false, callbackSecretParam: undefined }));
      expect((await post(`${url}/hooks`, CREATED_BODY)).status).toBe(200);
      expect(onEvent).toHaveBeenCalledTimes(1);
    });

    test("unparsable or undocumented payloads are 400 and claim nothing", async () => {
      const onEvent = vi.fn();
      const claim = vi.fn(async () => true);
      const url = await serve(adapter, workplaceOptions(onEvent, { store: { claim, release: async () => undefined } }));
      const cases: [string, string][] = [
        ["{", "payload_invalid"],
        [JSON.stringify({ ...(workplaceExamples.MEETING_CREATED as object), data: {} }), "payload_invalid"],
        [JSON.stringify({ ...(workplaceExamples.MEETING_CREATED as object), eventType: "MEETING_MOVED" }), "event_unknown"],
      ];
      for (const [body, error] of cases) expect(await post(callbackUrl(url), body)).toMatchObject({ status: 400, body: { ok: false, error } });
      expect(claim).not.toHaveBeenCalled();
      expect(onEvent).not.toHaveBeenCalled();
    });

    test("a store that fails is 500 (the delivery will be retried), and onEvent is not called", async () => {
      const onEvent = vi.fn();
      const url = await serve(adapter, workplaceOptions(onEvent, { store: { claim: async () => Promise.reject(new Error("redis down")), release: async () => undefined } }));
      expect((await post(callbackUrl(url), CREATED_BODY)).status).toBe(500);
      expect(onEvent).not.toHaveBeenCalled();
    });

    test("a store whose release throws: still 500, and both failures are reported", async () => {
      const reported: [string, number][] = [];
      const store: DeliveryStore = {
        claim: async () => true,
        release: () => {
          throw new Error("release failed");
        },
      };
      const url = await serve(
        adapter,
        workplaceOptions(() => Promise.reject(new Error("onEvent failed")), { store, onError: (error, status) => void reported.push([(error as Error).message, status]) }),
      );
      expect((await post(callbackUrl(url), CREATED_BODY)).status).toBe(500);
      expect(reported).toEqual([
        ["release failed", 500],
        ["onEvent failed", 500],
      ]);
    });

    test("5xx are logged by default with no secret; 4xx are not logged", async () => {
      const logged: unknown[][] = [];
      vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void logged.push(args));
      const url = await serve(adapter, { api: "workplace", callbackSecret: CALLBACK_SECRET, onEvent: () => Promise.reject(new Error("boom")) });
      expect((await post(`${url}/hooks/workplace`, CREATED_BODY)).status).toBe(401);
      expect(logged).toEqual([]);
      expect((await post(callbackUrl(url), CREATED_BODY)).status).toBe(500);
      expect(logged).toHaveLength(1);
      expect(String(logged[0]![0])).toMatch(/workplace webhook answered 500/);
      expect(logged.flat().map(String).join(" ")).not.toContain(CALLBACK_SECRET);
    });
  });
});

describe("node adapter", () => {
  test("a body already read by a parser mounted before it is refused with an explanation", async () => {
    const errors: unknown[] = [];
    const handler = createNodeWebhookHandler(ycmOptions(vi.fn(), { onError: (error) => void errors.push(error) }));
    const server = createServer((req, res) => {
      // What express.json() does: read the stream to its end first.
      req.resume();
      req.on("end", () => handler(req, res));
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const answer = await post(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, DID_BODY, { "x-signature": ycmSignature(YCM_SECRET, DID_BODY) });
    expect(answer).toMatchObject({ status: 500, body: { error: "body_consumed" } });
    expect(String((errors[0] as Error).message)).toMatch(/mount the webhook handler before it/);
  });
});
