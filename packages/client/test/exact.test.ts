// Issue 14, item 3: Yeastar's Longs beyond 2^53, in every mode, from a real server on 127.0.0.1
// answering the vendor's own example account id. JSON.parse alone would make it
// 17896360390850257000; no mode may ever hand that out.
import { inspect } from "node:util";
import { describe, expect, test } from "vitest";
import { int64AsBigInt, int64AsString } from "../src/exact.js";
import { createWorkplaceClient, createYcmClient, YeastarApiError, YeastarInvalidRequestError, YeastarResponseError } from "../src/index.js";
import { isToken, json, tokenBody, useHostile } from "./hostile.js";

const api = useHostile();
const USERS = "/dm/open_api/v2/users";
const LONG = "17896360390850257349";
const ROUNDED = "17896360390850257000";

/** A YCM users page holding `id`, as raw JSON text: a Long must reach the client as the digits. */
const usersPage = (id: string, extra = "") =>
  `{"status":"Success","requestId":"req-1","time":1700000000,"data":{"total":1,"pageSize":10,"pageNumber":1,"list":[{"userId":${id},"mobile":"${LONG}","remark":"id ${LONG} in a string"${extra}}]}}`;

function answer(body: string, status = 200) {
  api.handle((req, res) => (isToken(req.url!) ? json(res, 200, tokenBody()) : json(res, status, body)));
}

const MODES = { "default (no option)": undefined, '"error"': "error", int64AsString, int64AsBigInt } as const;
const ycm = (int64: (typeof MODES)[keyof typeof MODES]) =>
  createYcmClient({ baseUrl: api.url, clientId: "id", clientSecret: "secret", maxRetries: 0, ...(int64 !== undefined && { int64 }) });

/** Everything a caller could read: the data as text (bigints by their digits), or the error in every rendering. */
function seen(outcome: unknown): string {
  if (outcome instanceof Error) return [outcome.message, inspect(outcome, { depth: 10 }), JSON.stringify(outcome)].join("\n");
  return JSON.stringify(outcome, (_key, value: unknown) => (typeof value === "bigint" ? `${value}n` : value));
}

describe(`${LONG} from a real server`, () => {
  test.each(Object.entries(MODES))("never yields %s as 17896360390850257000", async (_name, mode) => {
    answer(usersPage(LONG));
    const outcome = await ycm(mode)
      .GET(USERS)
      .then(({ data }) => data, (error: unknown) => error);
    expect(seen(outcome)).not.toContain(ROUNDED);
    // And the id itself, each way: the field named in an error, or the exact digits in the data.
    if (mode === undefined || mode === "error") {
      expect(outcome).toBeInstanceOf(YeastarResponseError);
      expect((outcome as Error).message).toContain("data.list[0].userId");
    } else {
      const user = (outcome as { data: { list: { userId: unknown; mobile: unknown; remark: unknown }[] } }).data.list[0]!;
      expect(user.userId).toStrictEqual(mode === int64AsString ? LONG : BigInt(LONG));
      // Digits in strings are strings, untouched.
      expect(user.mobile).toBe(LONG);
      expect(user.remark).toBe(`id ${LONG} in a string`);
    }
  });

  test("exact modes: every other number stays a number (safe 16-digit ids, fractions, negatives)", async () => {
    answer(usersPage("9007199254740991", `,"createdCloudPbx":5,"ratio":0.1234567890123456789,"min":-${LONG},"big":-9007199254740993,"list":[${LONG},1]`));
    for (const mode of [int64AsString, int64AsBigInt]) {
      const { data } = await ycm(mode).GET(USERS);
      const user = data.data.list[0]! as unknown as Record<string, unknown>;
      expect(user.userId).toBe(Number.MAX_SAFE_INTEGER);
      expect(user.createdCloudPbx).toBe(5);
      expect(user.ratio).toBe(0.1234567890123456789);
      const long = (digits: string) => (mode === int64AsString ? digits : BigInt(digits));
      expect(user.min).toStrictEqual(long(`-${LONG}`));
      expect(user.big).toStrictEqual(long("-9007199254740993"));
      expect(user.list).toStrictEqual([long(LONG), 1]);
    }
  });

  test("a Long written with a fraction or exponent is refused in every mode, never rounded", async () => {
    answer(usersPage(`${LONG}.0`));
    for (const mode of Object.values(MODES)) {
      const error = await ycm(mode)
        .GET(USERS)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(YeastarResponseError);
      expect((error as Error).message).toContain("data.list[0].userId");
    }
  });

  test("exact modes also hold on openapi-fetch's path (per-call options) and on error bodies", async () => {
    answer(usersPage(LONG));
    const { data } = await ycm(int64AsBigInt).GET(USERS, { querySerializer: () => "" });
    expect(data.data.list[0]!.userId).toBe(BigInt(LONG));
    answer(`{"status":"Failed","errcode":1000004,"errmsg":"INVALID_PARAMETER","requestId":"r","userId":${LONG}}`, 400);
    const error = await ycm(int64AsString)
      .GET(USERS)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(YeastarApiError);
    expect((error as YeastarApiError).body).toMatchObject({ userId: LONG });
  });

  test("through paginate and on Workplace", async () => {
    answer(usersPage(LONG));
    const users = await ycm(int64AsString).paginate(USERS).toArray();
    expect(users.map((u) => u.userId)).toEqual([LONG]);
    api.handle((req, res) =>
      isToken(req.url!)
        ? json(res, 200, { access_token: "t", refresh_token: "r", expires_in: 86400 })
        : json(res, 200, `{"errcode":0,"errmsg":"SUCCESS","status":"Success","data":{"memberId":${LONG}}}`),
    );
    const workplace = createWorkplaceClient({ baseUrl: api.url, accessToken: "t", int64: int64AsBigInt });
    const { data } = await workplace.GET("/services/openapi/v1.0/user/user_detail/{memberId}", { params: { path: { memberId: BigInt(LONG) } } });
    expect((data as unknown as { data: { memberId: bigint } }).data.memberId).toBe(BigInt(LONG));
    expect(api.received.at(-1)!.path).toBe(`/services/openapi/v1.0/user/user_detail/${LONG}`);
  });

  test("a Long parameter goes out exactly, as a string of digits or a bigint", async () => {
    answer(usersPage("1"));
    const options = { baseUrl: api.url, accessToken: "t" };
    await createYcmClient({ ...options, int64: int64AsString }).GET("/dm/open_api/v1/users/{userId}", { params: { path: { userId: LONG } } });
    await createYcmClient({ ...options, int64: int64AsBigInt }).GET("/dm/open_api/v1/users/{userId}", { params: { path: { userId: BigInt(LONG) } } });
    expect(api.received.filter((r) => !isToken(r.path)).map((r) => r.path)).toEqual([`/dm/open_api/v1/users/${LONG}`, `/dm/open_api/v1/users/${LONG}`]);
  });

  test("a bad int64 option is refused when the client is made", () => {
    expect(() => createYcmClient({ accessToken: "t", int64: "bigint" as never })).toThrow(YeastarInvalidRequestError);
    expect(() => createYcmClient({ accessToken: "t", int64: "bigint" as never })).toThrow(/int64 must be "error", int64AsString or int64AsBigInt/);
  });
});
