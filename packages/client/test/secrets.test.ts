// No access token, refresh token or client secret appears in any error message, toString,
// util.inspect or JSON of an error, nor in an inspected client, whatever went wrong.
import { inspect } from "node:util";
import { describe, expect, test } from "vitest";
import { createYcmClient, createWorkplaceClient } from "../src/index.js";
import { useMock } from "./mock.js";

const mock = useMock({ accessTokenTtlMs: 200 });

/** Records every token and secret that went over the wire, to search for them afterwards. */
function secretsRecorder() {
  const secrets = new Set<string>();
  const record = async (request: Request) => {
    const auth = request.headers.get("authorization");
    if (auth) secrets.add(auth.replace(/^Bearer /, ""));
    if (request.method !== "GET") {
      const form = new URLSearchParams(await request.clone().text());
      for (const key of ["client_secret", "refresh_token"]) if (form.get(key)) secrets.add(form.get(key)!);
    }
    const response = await fetch(request);
    const text = await response.clone().text();
    for (const key of ["access_token", "refresh_token"]) {
      const match = new RegExp(`"${key}":"([^"]+)"`).exec(text);
      if (match) secrets.add(match[1]!);
    }
    return response;
  };
  return { secrets, fetch: record };
}

function renderings(value: unknown): string[] {
  const error = value as Error;
  return [String(error), error.message, error.stack ?? "", inspect(error, { depth: 10, showHidden: true }), JSON.stringify(error) ?? ""];
}

describe("secrets never leak", () => {
  test("through the errors of every kind of failure", async () => {
    const log = secretsRecorder();
    const ycm = mock.ycm({ fetch: log.fetch, maxRetries: 0 });
    await ycm.GET("/dm/open_api/v2/users");
    await new Promise((resolve) => setTimeout(resolve, 250)); // let the token expire: a refresh happens below
    const errors: unknown[] = [];
    for (const kind of ["failedEnvelope", "html", "malformedJson", "drop"] as const) {
      mock.server.inject({ operationId: "listYcmUsers", kind, times: 1 });
      errors.push(await ycm.GET("/dm/open_api/v2/users").catch((e: unknown) => e));
    }
    mock.server.inject({ operationId: "listYcmUsers", kind: "latency", ms: 500, times: 1 });
    errors.push(await ycm.GET("/dm/open_api/v2/users", { timeoutMs: 50 }).catch((e: unknown) => e));
    // A refused fixed token, and refused client credentials.
    errors.push(await createYcmClient({ baseUrl: mock.server.url, accessToken: [...log.secrets][0]! + "x" }).GET("/dm/open_api/v2/users").catch((e: unknown) => e));
    const badSecret = "wrong-secret-that-must-not-leak";
    log.secrets.add(badSecret);
    errors.push(await createWorkplaceClient({ baseUrl: mock.server.url, clientId: "x", clientSecret: badSecret, maxRetries: 0 }).GET("/services/openapi/v1.0/user/user_list").catch((e: unknown) => e));

    expect(log.secrets.size).toBeGreaterThanOrEqual(4); // access and refresh tokens, the secrets
    expect(errors.every((e) => e instanceof Error)).toBe(true);
    for (const error of errors) {
      for (const text of renderings(error)) {
        for (const secret of log.secrets) expect(text).not.toContain(secret);
      }
    }
  });

  test("through an inspected client", async () => {
    const secret = "client-secret-in-memory";
    const ycm = createYcmClient({ baseUrl: mock.server.url, clientId: "id", clientSecret: secret });
    expect(inspect(ycm, { depth: 10, showHidden: true })).not.toContain(secret);
    expect(JSON.stringify(ycm) ?? "").not.toContain(secret);
  });
});
