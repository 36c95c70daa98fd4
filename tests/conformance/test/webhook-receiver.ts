import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import {
  createNodeWebhookHandler,
  createWebhookHandler,
  memoryDeliveryStore,
  type WorkplaceWebhookEvent,
  type YcmWebhookEvent,
} from "@yeastar-openapi/client/webhooks";

/**
 * The receiving side of the end-to-end tests, built from the client's receiver (@yeastar-openapi/client/webhooks) on a
 * real HTTP server on 127.0.0.1: YCM pushes go to `/ycm` through the node:http adapter (signature verified over the
 * raw bytes), Workplace events to `/workplace/<callback secret>` through the web-standard adapter (callback secret
 * checked, retries de-duplicated by eventId). `failFirst` makes the Workplace route answer 500 that many times AFTER
 * the handler has done its work, as a proxy in front of it that fails, so Workplace retries an event already handled.
 */

export const CALLBACK_SECRET = "callback-0123456789abcdefABCDEFGH";

export interface TestReceiver {
  url: string;
  /** The callback URI to configure in the mock (it carries the callback secret). */
  workplaceCallbackUri: string;
  /** What reached the user's code (onEvent), in order. */
  ycmEvents: YcmWebhookEvent[];
  workplaceEvents: WorkplaceWebhookEvent[];
  /** Every HTTP request and the status it got. */
  requests: Array<{ route: "ycm" | "workplace"; status: number }>;
  close(): Promise<void>;
}

export async function startTestReceiver(options: { ycmSecret: string; failFirst?: number }): Promise<TestReceiver> {
  const ycmEvents: YcmWebhookEvent[] = [];
  const workplaceEvents: WorkplaceWebhookEvent[] = [];
  const requests: TestReceiver["requests"] = [];
  let failures = options.failFirst ?? 0;

  const ycm = createNodeWebhookHandler({ api: "ycm", secret: options.ycmSecret, onEvent: (event) => void ycmEvents.push(event) });
  const workplace = createWebhookHandler({
    api: "workplace",
    callbackSecret: CALLBACK_SECRET,
    store: memoryDeliveryStore({ maxEntries: 1000 }),
    onEvent: (event) => void workplaceEvents.push(event),
  });

  const server = createServer((req, res) => {
    if (req.url?.startsWith("/ycm")) {
      res.on("finish", () => requests.push({ route: "ycm", status: res.statusCode }));
      return ycm(req, res);
    }
    void (async () => {
      const answer = await workplace(await toRequest(req));
      const status = failures > 0 ? (failures--, 500) : answer.status;
      requests.push({ route: "workplace", status });
      res.writeHead(status, { "content-type": "application/json" }).end(Buffer.from(await answer.arrayBuffer()));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    workplaceCallbackUri: `${url}/workplace/${CALLBACK_SECRET}`,
    ycmEvents,
    workplaceEvents,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** node:http -> a web-standard Request (what a fetch server such as Deno or Bun hands the handler). */
async function toRequest(req: IncomingMessage): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
  return new Request(`http://${req.headers.host ?? "127.0.0.1"}${req.url ?? "/"}`, {
    method: req.method ?? "GET",
    headers,
    ...(req.method === "GET" || req.method === "HEAD" ? {} : { body: Buffer.concat(chunks) }),
  });
}
