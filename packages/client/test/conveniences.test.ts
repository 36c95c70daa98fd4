// Issue 14, item 7: Workplace's region, Unix-seconds times, and the raw Response on every result
// and on every error about an answer. Against the mock server on 127.0.0.1.
import { inspect } from "node:util";
import { describe, expect, test } from "vitest";
import {
  createWorkplaceClient,
  createYcmClient,
  fromUnixSeconds,
  toUnixSeconds,
  type WorkplaceClientOptions,
  YeastarApiError,
  YeastarConnectionError,
  YeastarInvalidRequestError,
} from "../src/index.js";
import { workplaceSpec } from "../src/generated/workplace.js";
import { useMock } from "./mock.js";

const mock = useMock();

describe("Workplace region", () => {
  /** A client for `region` whose requests are recorded, then sent on to the mock server. */
  function regional(options: Partial<WorkplaceClientOptions>) {
    const hosts: string[] = [];
    const client = createWorkplaceClient({
      accessToken: "t",
      maxRetries: 0,
      ...options,
      fetch: (request) => {
        const url = new URL(request.url);
        hosts.push(url.origin);
        return fetch(new Request(mock.server.url + url.pathname + url.search, request));
      },
    });
    return { client, hosts };
  }

  test.each([
    ["eu", "https://eu.workplace.yeastar.com"],
    ["global", "https://workplace.yeastar.com"],
  ] as const)('region "%s" calls %s (the spec\'s server for it)', async (region, host) => {
    expect(workplaceSpec.regions[region]).toBe(host);
    const { client, hosts } = regional({ region });
    await client.GET("/services/openapi/v1.0/user/user_list", { params: { query: { pageSize: 5 } } }).catch(() => undefined);
    expect(hosts).toEqual([host]);
  });

  test("region and a baseUrl that disagree, an unknown region, and region on YCM are refused", () => {
    expect(() => createWorkplaceClient({ accessToken: "t", region: "eu", baseUrl: "https://workplace.yeastar.com" })).toThrow(
      /region "eu" means baseUrl https:\/\/eu\.workplace\.yeastar\.com; pass region or baseUrl, not both/,
    );
    expect(() => createWorkplaceClient({ accessToken: "t", region: "eu", baseUrl: "https://eu.workplace.yeastar.com/" })).not.toThrow();
    expect(() => createWorkplaceClient({ accessToken: "t", region: "us" as never })).toThrow(/region must be one of "global", "eu", got "us"/);
    expect(() => createYcmClient({ accessToken: "t", region: "eu" } as never)).toThrow(YeastarInvalidRequestError);
  });
});

describe("Unix seconds", () => {
  test("a time window sent as Unix seconds, and the meetings' times read back as Dates", async () => {
    const now = Date.now();
    const from = new Date(now - 6 * 3600_000);
    const to = new Date(now + 6 * 3600_000);
    const { data } = await mock.workplace().GET("/services/openapi/v1.0/room/meeting_list", {
      params: { query: { pageSize: 100, startTime: toUnixSeconds(from), endTime: toUnixSeconds(to) } },
    });
    const meetings = data.data?.list ?? [];
    expect(meetings.length).toBeGreaterThan(0);
    for (const meeting of meetings) {
      const start = fromUnixSeconds(meeting.startTime!);
      expect(start.getTime()).toBe(meeting.startTime! * 1000);
      expect(toUnixSeconds(start)).toBe(meeting.startTime);
    }
  });

  test("conversions, and bad input named", () => {
    expect(toUnixSeconds(new Date("2026-12-01T09:00:00.999Z"))).toBe(1796115600);
    expect(fromUnixSeconds(1796115600).toISOString()).toBe("2026-12-01T09:00:00.000Z");
    expect(fromUnixSeconds("1796115600")).toEqual(new Date("2026-12-01T09:00:00Z"));
    expect(fromUnixSeconds(1796115600n)).toEqual(new Date("2026-12-01T09:00:00Z"));
    expect(() => fromUnixSeconds(1.5)).toThrow(/fromUnixSeconds: expected whole seconds/);
    expect(() => fromUnixSeconds("soon")).toThrow(/got "soon"/);
    expect(() => fromUnixSeconds(1e300)).toThrow(YeastarInvalidRequestError);
    expect(() => toUnixSeconds(new Date("nope"))).toThrow(/an invalid Date/);
  });
});

describe("the raw Response is always reachable", () => {
  test("on results, pages and API errors", async () => {
    const { response } = await mock.ycm().GET("/dm/open_api/v2/users");
    expect(response.status).toBe(200);
    for await (const page of mock.ycm().paginate("/dm/open_api/v2/users", { params: { query: { pageSize: 50 } } }).pages()) {
      expect(page.response).toBeInstanceOf(Response);
    }
    mock.server.inject({ kind: "status", status: 503, operationId: "listYcmUsers" });
    const error = await mock
      .ycm({ maxRetries: 0 })
      .GET("/dm/open_api/v2/users")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(YeastarApiError);
    expect((error as YeastarApiError).response).toBeInstanceOf(Response);
    expect((error as YeastarApiError).response!.status).toBe(503);
    expect((error as YeastarApiError).response!.headers.get("content-type")).toContain("json");
  });

  test("on an unusable answer, and kept out of inspect and JSON (a Response's URL may carry a query token)", async () => {
    mock.server.inject({ kind: "malformedJson", operationId: "listYcmUsers" });
    const error = await mock
      .ycm({ maxRetries: 0 })
      .GET("/dm/open_api/v2/users", { params: { query: { pageSize: 5 } } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(YeastarConnectionError);
    expect((error as YeastarConnectionError).response?.status).toBe(200);
    for (const text of [inspect(error, { showHidden: true, depth: 10 }), JSON.stringify(error)]) {
      expect(text).not.toContain("Response {");
      expect(text).not.toContain("pageSize=5");
    }
  });
});
