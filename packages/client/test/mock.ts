// Starts the local Yeastar-like server for a test file and builds clients pointed at it.
import { startMockServer, type MockServer, type MockServerOptions } from "@yeastar-openapi/mock-server";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { createWorkplaceClient, createYcmClient, type YeastarClientOptions } from "../src/index.js";

export interface Mock {
  server: MockServer;
  /** A YCM client on client credentials, plus any options given. */
  ycm(options?: Partial<YeastarClientOptions>): ReturnType<typeof createYcmClient>;
  workplace(options?: Partial<YeastarClientOptions>): ReturnType<typeof createWorkplaceClient>;
}

// Fast retries so fault tests finish quickly; the policy itself is the same.
export const FAST_RETRY = { baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 2_000 };

export function useMock(options: MockServerOptions = {}): Mock {
  const mock = {} as Mock;
  beforeAll(async () => {
    // The collection sizes the tests below count on.
    mock.server = await startMockServer({ ycmUsers: 137, ycmSubordinates: 23, workplaceUsers: 61, ...options });
  });
  afterEach(() => {
    mock.server.clearFaults();
    expect(mock.server.validationErrors).toEqual([]);
  });
  afterAll(async () => {
    await mock.server?.close();
  });
  mock.ycm = (extra = {}) => {
    const { clientId, clientSecret } = mock.server.credentials.ycm;
    const auth = extra.accessToken === undefined ? { clientId, clientSecret } : {};
    return createYcmClient({ baseUrl: mock.server.url, retry: FAST_RETRY, ...auth, ...extra });
  };
  mock.workplace = (extra = {}) => {
    const { clientId, clientSecret } = mock.server.credentials.workplace;
    const auth = extra.accessToken === undefined ? { clientId, clientSecret } : {};
    return createWorkplaceClient({ baseUrl: mock.server.url, retry: FAST_RETRY, ...auth, ...extra });
  };
  return mock;
}
