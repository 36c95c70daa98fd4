// The rate budget in one process (`@yeastar-openapi/client/rate-budget`), against the mock on
// 127.0.0.1; the fleet's (Redis) is tested with real processes in tests/fleet.
import { describe, expect, test } from "vitest";
import { YeastarAbortError, YeastarInvalidRequestError, YeastarTimeoutError } from "../src/index.js";
import { createHooks } from "../src/hooks/index.js";
import { customRateBudget, rateBudget } from "../src/rate-budget.js";
import { useMock } from "./mock.js";

const arrivals: { at: number; end: number; status: number | undefined; operationId: string | undefined }[] = [];
const mock = useMock({
  onLog: (event) => {
    const end = Date.now();
    if (event.level === "info") arrivals.push({ at: end - (event.durationMs ?? 0), end, status: event.status, operationId: event.operationId });
  },
});
const users = () => arrivals.filter((a) => a.operationId === "listYcmUsers");

describe("rateBudget", () => {
  test("calls wait for the budget instead of failing: a burst, then one per interval / rate", async () => {
    const ycm = mock.ycm({ rateBudget: rateBudget({ burst: 2, rate: 10, intervalMs: 1_000 }) });
    await ycm.GET("/dm/open_api/v2/users"); // the token grant and this call
    await new Promise((resolve) => setTimeout(resolve, 250)); // the bucket fills up again (2)
    arrivals.length = 0;
    const results = await Promise.all(Array.from({ length: 8 }, () => ycm.GET("/dm/open_api/v2/users")));
    expect(results.every((r) => r.data.status === "Success")).toBe(true);
    const times = users().map((a) => a.at).sort((a, b) => a - b);
    expect(times).toHaveLength(8);
    // Two at once (the burst), then one every 100 ms: the last reaches the server 600 ms after
    // the first at the earliest (less a little for timer and clock granularity).
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(600 - 40);
    expect(times[1]! - times[0]!).toBeLessThan(50);
  });

  test("HTTP 429 with Retry-After holds every call of the budget, then the refused call is retried", async () => {
    const ycm = mock.ycm({ rateBudget: rateBudget({ burst: 10, rate: 100, intervalMs: 1_000 }) });
    await ycm.GET("/dm/open_api/v2/users");
    arrivals.length = 0;
    mock.server.inject({ kind: "status", status: 429, retryAfter: 1, operationId: "listYcmUsers", times: 1 });
    const first = ycm.GET("/dm/open_api/v2/users");
    await new Promise((resolve) => setTimeout(resolve, 200));
    const second = await ycm.GET("/dm/open_api/v2/users", { params: { query: { pageSize: 5 } } });
    expect(second.data.status).toBe("Success");
    expect((await first).data.status).toBe("Success");
    const [refused, ...later] = users();
    expect(refused!.status).toBe(429);
    // Nothing reached the server during the second it asked for.
    for (const a of later) expect(a.at).toBeGreaterThanOrEqual(refused!.end + 1_000 - 20);
  });

  test("the wait is bounded by the call's timeout and signal", async () => {
    // One request an hour: the second call would wait far longer than it allows.
    const ycm = mock.ycm({ rateBudget: rateBudget({ burst: 2, rate: 1, intervalMs: 3_600_000 }) });
    await ycm.GET("/dm/open_api/v2/users");
    const timedOut = await ycm.GET("/dm/open_api/v2/users", { timeoutMs: 200 }).catch((e: unknown) => e);
    expect(timedOut).toBeInstanceOf(YeastarTimeoutError);
    expect((timedOut as Error).message).toMatch(/timed out after 200 ms waiting for the rate budget/);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const aborted = await ycm.GET("/dm/open_api/v2/users", { signal: controller.signal }).catch((e: unknown) => e);
    expect(aborted).toBeInstanceOf(YeastarAbortError);
    expect((aborted as Error).message).toMatch(/aborted waiting for the rate budget/);
  });

  test("bad options are named", () => {
    expect(() => mock.ycm({ rateBudget: {} as never })).toThrow(YeastarInvalidRequestError);
    expect(() => mock.ycm({ rateBudget: {} as never })).toThrow(/rateBudget must be a function/);
    expect(() => rateBudget({ burst: 0, rate: 1 })).toThrow(/burst must be a whole number >= 1/);
    expect(() => rateBudget({ burst: 1, rate: -1 })).toThrow(/rate must be a number > 0/);
    expect(() => rateBudget({ burst: 1, rate: 1, intervalMs: 0 })).toThrow(/intervalMs must be a positive number/);
    expect(() => rateBudget({ burst: 1, rate: 1, interval: 3 } as never)).toThrow(/unknown option "interval"/);
    expect(() => customRateBudget({ take: () => undefined } as never)).toThrow(/customRateBudget: pass an object with take\(\) and pause\(\)/);
  });

  test("a budget of your own, with hooks: each attempt waits for the budget, then the hooks see it sent; a 1000040 pauses it", async () => {
    // The plug-ins compose: the hooks (outermost) are told of an attempt only once the budget let it go.
    const seen: string[] = [];
    let release: (() => void) | undefined;
    let takes = 0;
    const budget = customRateBudget({
      take() {
        seen.push("take");
        // The second call's attempt waits until the test lets it go.
        if (++takes !== 3) return undefined;
        return new Promise<void>((resolve) => (release = resolve));
      },
      pause: (retryAfterMs) => void seen.push(`pause ${retryAfterMs}`),
    });
    const hooks = createHooks({ request: (event) => void seen.push(`request ${event.operationId}`) });
    const ycm = mock.ycm({ rateBudget: budget, hooks });
    await ycm.GET("/dm/open_api/v2/users"); // take + grant, take + the call
    expect(seen).toEqual(["take", "request requestYcmToken", "take", "request listYcmUsers"]);
    seen.length = 0;
    const pending = ycm.GET("/dm/open_api/v2/users");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seen).toEqual(["take"]);
    release!();
    await pending;
    expect(seen).toEqual(["take", "request listYcmUsers"]);
    seen.length = 0;
    mock.server.inject({ kind: "ycmError", code: 1000040, operationId: "listYcmUsers", times: 1 });
    await ycm.GET("/dm/open_api/v2/users");
    expect(seen).toEqual(["take", "request listYcmUsers", "pause undefined", "take", "request listYcmUsers"]);
  });
});
