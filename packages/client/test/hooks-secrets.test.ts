// The check: every line the hooks produce over a whole run (token grants, refreshes,
// lists, gets, pages, errors, retries, both APIs, bodies included, a token in a query string),
// searched for every token and secret that went over the wire: none is there.
import { inspect, format } from "node:util";
import { expect, test } from "vitest";
import { createWorkplaceClient, createYcmClient } from "../src/index.js";
import { createHooks, loggerHooks, logMessage, type YeastarHookEvent } from "../src/hooks/index.js";
import { useMock } from "./mock.js";

const TTL_MS = 300;
const mock = useMock({ accessTokenTtlMs: TTL_MS });

/** Records every token and secret sent or received, by reading the wire itself (a fetch in between). */
function wire() {
  const secrets = new Set<string>();
  let lastToken: string | undefined;
  const fetch = async (request: Request) => {
    const auth = request.headers.get("authorization");
    if (auth) secrets.add((lastToken = auth.replace(/^Bearer /, "")));
    const query = new URL(request.url).searchParams.get("access_token");
    if (query) secrets.add(query);
    if (request.method !== "GET") {
      const text = await request.clone().text();
      for (const [key, value] of new URLSearchParams(text)) if (/secret|token/.test(key)) secrets.add(value);
      for (const match of text.matchAll(/"password":"([^"]+)"/g)) secrets.add(match[1]!);
    }
    const response = await globalThis.fetch(request);
    const text = await response.clone().text();
    for (const match of text.matchAll(/"(access_token|refresh_token|password)":"([^"]+)"/g)) secrets.add(match[2]!);
    return response;
  };
  return { secrets, fetch, token: () => lastToken };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test("no token or secret in anything the hooks hand out, over a whole run", async () => {
  const log = wire();
  const output: string[] = [];
  const events: YeastarHookEvent[] = [];
  // Everything a hook could print: the event inspected to the bottom (error objects included),
  // as JSON, as the logger adapter's lines, bodies included.
  const record = (event: YeastarHookEvent) => {
    events.push(event);
    output.push(inspect(event, { depth: Infinity, showHidden: true }), JSON.stringify(event), logMessage(event));
  };
  const logger = { debug: (...args: unknown[]) => output.push(format(...args)), info: (...args: unknown[]) => output.push(format(...args)) };
  logger.debug = logger.info;
  const loggerWithAll = { ...logger, warn: logger.info, error: logger.info };
  const hooks = createHooks({ onEvent: record }, { includeBodies: true });
  const warnings: string[] = [];
  const common = { fetch: log.fetch, onWarning: (message: string) => warnings.push(message) };

  // YCM: a grant, a list, a get, pages, an error, a retry, a refresh after expiry, trunk passwords.
  const ycm = mock.ycm({ ...common, hooks });
  const users = await ycm.GET("/dm/open_api/v2/users", { params: { query: { pageSize: 5 } } });
  await ycm.GET("/dm/open_api/v1/users/{userId}", { params: { path: { userId: users.data.data.list[0]!.userId } } });
  for await (const page of ycm.paginate("/dm/open_api/v2/users", { params: { query: { pageSize: 50 } } }).pages()) expect(page.items.length).toBeGreaterThan(0);
  await ycm.GET("/dm/open_api/v1/users/{userId}", { params: { path: { userId: 1 } } }).catch(() => undefined);
  mock.server.inject({ operationId: "listYcmUsers", kind: "status", status: 503, times: 1 });
  await ycm.GET("/dm/open_api/v2/users");
  await ycm.GET("/dm/open_api/v1/shared_trunk");
  await sleep(TTL_MS + 50);
  await ycm.GET("/dm/open_api/v2/users");
  // The same run through the logger adapter.
  const logged = mock.ycm({ ...common, hooks: loggerHooks(loggerWithAll, { includeBodies: true }) });
  await logged.GET("/dm/open_api/v1/shared_trunk");
  await logged.GET("/dm/open_api/v1/users/{userId}", { params: { path: { userId: 1 } } }).catch(() => undefined);

  // Workplace: a grant, a list, a refresh after expiry (client_secret and refresh_token in the
  // form), and the token sent as the `access_token` query parameter too.
  const workplace = mock.workplace({ ...common, hooks });
  await workplace.GET("/services/openapi/v1.0/user/user_list", { params: { query: { pageSize: 5 } } });
  await sleep(TTL_MS + 50);
  workplace.use({
    onRequest({ request }) {
      const url = new URL(request.url);
      url.searchParams.set("access_token", log.token()!);
      return new Request(url, request);
    },
  });
  await workplace.GET("/services/openapi/v1.0/user/user_list", { params: { query: { pageSize: 5 } } });

  // Refused credentials, a refused fixed token.
  const badSecret = "wrong-secret-that-must-not-leak";
  log.secrets.add(badSecret);
  await createWorkplaceClient({ ...common, baseUrl: mock.server.url, clientId: "x", clientSecret: badSecret, maxRetries: 0, hooks })
    .GET("/services/openapi/v1.0/user/user_list")
    .catch(() => undefined);
  const badToken = "not-a-token-the-server-issued";
  log.secrets.add(badToken);
  await createYcmClient({ ...common, baseUrl: mock.server.url, accessToken: badToken, hooks }).GET("/dm/open_api/v2/users").catch(() => undefined);

  // The run covered what it claims: every event type, the grants and both refreshes.
  const kinds = new Set(events.map((e) => `${e.type} ${e.operationId}`));
  for (const kind of ["response requestYcmToken", "response listYcmUsers", "response getYcmUser", "error getYcmUser", "retry listYcmUsers", "response listYcmSharedTrunks", "response getWorkplaceToken", "response refreshWorkplaceToken", "error getWorkplaceToken"]) {
    expect(kinds, kind).toContain(kind);
  }
  const ycmGrants = events.filter((e) => e.type === "request" && e.operationId === "requestYcmToken").map((e) => (e as { requestBody?: { grant_type?: string } }).requestBody?.grant_type);
  expect(ycmGrants).toContain("refresh_token");
  expect(events.some((e) => e.url.includes("access_token=[REDACTED]"))).toBe(true);
  // What was searched for: access and refresh tokens of both APIs, both client secrets, trunk passwords.
  expect(log.secrets.size).toBeGreaterThanOrEqual(10);
  expect(output.join("\n")).toContain("[REDACTED]");

  const text = output.join("\n") + warnings.join("\n");
  const found = [...log.secrets].filter((secret) => text.includes(secret));
  expect(found, "secrets in the hooks' output").toEqual([]);
});
