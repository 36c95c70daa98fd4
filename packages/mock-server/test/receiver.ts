import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach } from "vitest";

/**
 * A real webhook receiver on 127.0.0.1 for the tests: it records each POST with its raw bytes and answers with
 * the next status of its script (then 200), or not at all (`hang`). Closed after each test.
 */

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  raw: Buffer;
  json: any;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** Waits until `n` requests have arrived (a hang guard, not a timing check). */
  waitFor(n: number): Promise<Received[]>;
  close(): Promise<void>;
}

const open: Receiver[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
});

export async function startReceiver(script: Array<number | "hang"> = []): Promise<Receiver> {
  const received: Received[] = [];
  const waiters: Array<() => void> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      received.push({ path: req.url ?? "", headers: req.headers, raw, json: JSON.parse(raw.toString("utf8")) });
      for (const wake of waiters.splice(0)) wake();
      const next = script.shift() ?? 200;
      if (next === "hang") return;
      res.writeHead(next, { "content-type": "text/plain" }).end(next < 300 ? "ok" : "failed");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const receiver: Receiver = {
    url: `http://127.0.0.1:${port}`,
    received,
    async waitFor(n) {
      while (received.length < n) await new Promise<void>((resolve) => waiters.push(resolve));
      return received;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  open.push(receiver);
  return receiver;
}

/** The YCM check, done the documented way with node:crypto: Base64 HMAC-SHA256 of the raw bytes, compared in constant time. */
export function signatureValid(raw: Buffer, header: string | string[] | undefined, secret: string): boolean {
  if (typeof header !== "string") return false;
  const expected = createHmac("sha256", secret).update(raw).digest();
  const given = Buffer.from(header, "base64");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
