import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * The receiving side for the end-to-end tests: a real HTTP server on 127.0.0.1 that verifies YCM's signature
 * over the raw bytes (node:crypto, constant-time), parses the events, de-duplicates Workplace deliveries by
 * `eventId`, and hands each event once to `onEvent`. `failFirst` makes it answer 500 that many times after
 * handling an event (as a receiver whose reply fails after the work is done), so the sender retries.
 */

export type ReceivedEvent = { product: "ycm"; verified: true; body: unknown } | { product: "workplace"; body: { eventId: string; eventType: string; data?: any } };

export interface TestReceiver {
  url: string;
  /** What reached the user's code, once per event. */
  events: ReceivedEvent[];
  /** Every HTTP request and the status it got. */
  requests: Array<{ path: string; status: number }>;
  close(): Promise<void>;
}

export async function startTestReceiver(options: { ycmSecret?: string; failFirst?: number } = {}): Promise<TestReceiver> {
  const events: ReceivedEvent[] = [];
  const requests: TestReceiver["requests"] = [];
  const seen = new Set<string>();
  let failures = options.failFirst ?? 0;

  const answer = (req: IncomingMessage, res: ServerResponse, status: number): void => {
    requests.push({ path: req.url ?? "", status });
    res.writeHead(status).end();
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      if (req.url?.startsWith("/ycm")) {
        const header = req.headers["x-signature"];
        const expected = createHmac("sha256", options.ycmSecret ?? "").update(raw).digest();
        const given = typeof header === "string" ? Buffer.from(header, "base64") : Buffer.alloc(0);
        if (given.length !== expected.length || !timingSafeEqual(given, expected)) return answer(req, res, 401);
        events.push({ product: "ycm", verified: true, body: JSON.parse(raw.toString("utf8")) });
      } else {
        const body = JSON.parse(raw.toString("utf8")) as { eventId: string; eventType: string };
        if (!seen.has(body.eventId)) {
          seen.add(body.eventId);
          events.push({ product: "workplace", body });
        }
      }
      if (failures > 0) {
        failures--;
        return answer(req, res, 500);
      }
      answer(req, res, 200);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    events,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
