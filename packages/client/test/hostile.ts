// A hostile server on 127.0.0.1 for the hardening tests: each test says how it answers, and
// the server records what reached it (method, path, headers, body), so a test can assert on
// what a user would observe, including what was sent to a second, "other" origin.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach } from "vitest";

export interface Received {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export type Handler = (req: IncomingMessage & { body: string }, res: ServerResponse) => unknown;

export interface Hostile {
  url: string;
  host: string;
  received: Received[];
  /** How the server answers from now on (every request until replaced). */
  handle(handler: Handler): void;
}

/** A server started before the file's tests and closed after them; `received` is emptied before each test. */
export function useHostile(): Hostile {
  let server: Server;
  let handler: Handler = (_req, res) => json(res, 404, { status: "Failed" });
  const hostile: Hostile = {
    url: "",
    host: "",
    received: [],
    handle: (next) => void (handler = next),
  };
  beforeAll(async () => {
    server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks).toString();
      hostile.received.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, body });
      try {
        await handler(Object.assign(req, { body }), res);
      } catch {
        res.destroy();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    hostile.url = `http://127.0.0.1:${port}`;
    hostile.host = `127.0.0.1:${port}`;
  });
  beforeEach(() => {
    hostile.received.length = 0;
    hostile.handle((_req, res) => json(res, 404, { status: "Failed" }));
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return hostile;
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** A YCM token grant. */
export function tokenBody(accessToken = "good-token", extra: Record<string, unknown> = { expires_in: 1800 }) {
  return { access_token: accessToken, refresh_token: `${accessToken}-refresh`, token_type: "bearer", ...extra };
}

/** A YCM success envelope around `data`. */
export function success(data: unknown) {
  return { status: "Success", requestId: "req-1", time: 1, data };
}

export const isToken = (path: string) => /\/(oauth\/token|authentication\/(get_token|refresh_token))/.test(path);
