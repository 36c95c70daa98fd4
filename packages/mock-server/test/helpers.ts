import { request } from "node:http";
import { afterEach } from "vitest";
import { startMockServer, type MockServer, type MockServerOptions } from "../src/index.js";

const running: MockServer[] = [];

/** Starts a mock that is closed after the current test, whatever happens. */
export async function start(options: MockServerOptions = {}): Promise<MockServer> {
  const server = await startMockServer(options);
  running.push(server);
  return server;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

export const UA = { "user-agent": "OpenAPI" };

export function formPost(fields: Record<string, string>, method = "POST"): RequestInit {
  return {
    method,
    headers: { ...UA, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  };
}

export interface YcmTokenBody {
  access_token: string;
  refresh_token: string;
  token_type: string;
  expires_in: number;
  jti: string;
}

export async function ycmToken(server: MockServer): Promise<YcmTokenBody> {
  const { clientId, clientSecret } = server.credentials.ycm;
  const res = await fetch(
    `${server.url}/dm/open_api/oauth/token`,
    formPost({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret }),
  );
  if (res.status !== 200) throw new Error(`YCM token request failed: HTTP ${res.status}`);
  return (await res.json()) as YcmTokenBody;
}

export async function workplaceToken(server: MockServer): Promise<{ access_token: string; refresh_token: string; expires_in: number }> {
  const { clientId, clientSecret } = server.credentials.workplace;
  const res = await fetch(
    `${server.url}/services/openapi/v1.0/authentication/get_token`,
    formPost({ client_id: clientId, client_secret: clientSecret }),
  );
  if (res.status !== 200) throw new Error(`Workplace token request failed: HTTP ${res.status}`);
  return (await res.json()) as { access_token: string; refresh_token: string; expires_in: number };
}

/** GET on a YCM path with a fresh token and the mandatory User-Agent. */
export async function ycmGet(server: MockServer, path: string, token?: string): Promise<{ status: number; body: any; res: Response }> {
  const accessToken = token ?? (await ycmToken(server)).access_token;
  const res = await fetch(`${server.url}${path}`, { headers: { ...UA, authorization: `Bearer ${accessToken}` } });
  return { status: res.status, body: await res.json(), res };
}

export async function workplaceGet(server: MockServer, path: string, token?: string): Promise<{ status: number; body: any; res: Response }> {
  const accessToken = token ?? (await workplaceToken(server)).access_token;
  const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${accessToken}` } });
  return { status: res.status, body: await res.json(), res };
}

/** A Workplace call (a method on a path under /services/openapi/v1.0) with a fresh token and a JSON body. */
export async function wpCall(server: MockServer, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const { access_token } = await workplaceToken(server);
  const res = await fetch(`${server.url}/services/openapi/v1.0${path}`, {
    method,
    headers: { authorization: `Bearer ${access_token}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: await res.json() };
}

/** A raw request through node:http, which (unlike fetch) sends no User-Agent unless told to. */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? "GET", headers: options.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
