// Paths, parameters and response fields are checked by the compiler: each @ts-expect-error
// below must be an error, or this file fails to type-check.
import { describe, expectTypeOf, test } from "vitest";
import { int64AsBigInt, int64AsString } from "../src/exact.js";
import { resumable, type PageCheckpoint, type ResumableIterable } from "../src/resumable.js";
import {
  createWorkplaceClient,
  createYcmClient,
  type Int64,
  type PageIterable,
  type YcmClient,
  type WorkplaceUser,
  type YcmSubordinate,
  type YcmUser,
  type YcmUserDetail,
  type YcmPbxApiResponse,
} from "../src/index.js";

const ycm = createYcmClient({ clientId: "id", clientSecret: "secret" });
const workplace = createWorkplaceClient({ accessToken: async () => "token" });

describe("YCM", () => {
  test("responses are typed from the spec", async () => {
    const { data } = await ycm.GET("/dm/open_api/v2/users", { params: { query: { pageSize: 50, sort: "-userId" } } });
    expectTypeOf(data.data.list).toEqualTypeOf<YcmUser[]>();
    expectTypeOf(data.data.total).toEqualTypeOf<number>();
    expectTypeOf(data.status).toEqualTypeOf<"Success">();
    // A Long (`format: int64`) is a number tagged Int64.
    expectTypeOf(data.time).toEqualTypeOf<Int64>();
    const one = await ycm.GET("/dm/open_api/v1/users/{userId}", { params: { path: { userId: 13123 } } });
    expectTypeOf(one.data.data).toEqualTypeOf<YcmUserDetail>();
    const subs = await ycm.GET("/dm/open_api/v1/user_info/subordinates", { params: { query: { query: "Charlotte" } } });
    expectTypeOf(subs.data.data.list).toEqualTypeOf<YcmSubordinate[]>();
  });

  test("User-Agent is the client's business, not every call's", async () => {
    // The spec marks the header required; the client sets it, so the call needs no params.
    await ycm.GET("/dm/open_api/v2/users");
    await ycm.GET("/dm/open_api/v2/users", { params: { header: { "User-Agent": "override/1.0" } } });
  });

  test("wrong paths, parameters and fields do not compile", async () => {
    // @ts-expect-error: no such path
    await ycm.GET("/dm/open_api/v2/user");
    // @ts-expect-error: the users list is GET only
    await ycm.POST("/dm/open_api/v2/users");
    // @ts-expect-error: misspelt query parameter
    await ycm.GET("/dm/open_api/v2/users", { params: { query: { pagesize: 10 } } });
    // @ts-expect-error: pageSize is a number
    await ycm.GET("/dm/open_api/v2/users", { params: { query: { pageSize: "10" } } });
    // @ts-expect-error: the path parameter is required
    await ycm.GET("/dm/open_api/v1/users/{userId}");
    // @ts-expect-error: userId is a number (Long)
    await ycm.GET("/dm/open_api/v1/users/{userId}", { params: { path: { userId: "13123" } } });
    // @ts-expect-error: Workplace's page parameter on a YCM path
    await ycm.GET("/dm/open_api/v2/users", { params: { query: { pageNo: 1 } } });
    // @ts-expect-error: a grant needs its fields
    await ycm.POST("/dm/open_api/oauth/token", { body: { grant_type: "client_credentials" } });
    const { data } = await ycm.GET("/dm/open_api/v2/users");
    // @ts-expect-error: no such field on a YCM user
    data.data.list[0]?.userName;
    // @ts-expect-error: optional fields must be checked before use
    data.data.list[0]?.email.toLowerCase();
    // @ts-expect-error: userType is an enum
    const type: "Admin" = data.data.list[0]!.userType!;
    void type;
  });

  test("paginate yields the items of the paged endpoints only", () => {
    expectTypeOf(ycm.paginate("/dm/open_api/v2/users", { params: { query: { pageSize: 50 } }, concurrency: 4 })).toEqualTypeOf<PageIterable<YcmUser>>();
    expectTypeOf(ycm.paginate("/dm/open_api/v1/user_info/subordinates")).toEqualTypeOf<PageIterable<YcmSubordinate>>();
    // @ts-expect-error: a single user is not paged
    ycm.paginate("/dm/open_api/v1/users/{userId}");
  });
});

describe("YCM pbxApi", () => {
  test("the pass-through helper is typed from the spec", async () => {
    const { data } = await ycm.pbxApi.get("3658B4311196XXXX", "openapi/v1.0/extension/getpassword", { query: { id: 2, type: "reg_password" } });
    expectTypeOf(data).toEqualTypeOf<YcmPbxApiResponse>();
    const post = await ycm.pbxApi.post("3658B4311196XXXX", "openapi/v1.0/organization/update", { id: 2, name: "Sales" });
    expectTypeOf(post.data).toEqualTypeOf<YcmPbxApiResponse>();
    // @ts-expect-error: the forwarded query holds scalars only (the spec's pbxApiQuery)
    await ycm.pbxApi.get("sn", "openapi/v1.0/extension/list", { query: { ids: [1, 2] } });
    // @ts-expect-error: the serial number is required
    await ycm.pbxApi.get("openapi/v1.0/extension/list");
    // The comma-separated lists take arrays of numbers.
    await ycm.GET("/dm/open_api/v1/cluster/domains", { params: { query: { regionIds: [3, 4] } } });
    // @ts-expect-error: regionIds is a list of numbers
    await ycm.GET("/dm/open_api/v1/cluster/domains", { params: { query: { regionIds: ["3"] } } });
  });
});

describe("Workplace", () => {
  test("responses are typed from the spec", async () => {
    const { data } = await workplace.GET("/services/openapi/v1.0/user/user_list", { params: { query: { pageNo: 2, query: "leo" } } });
    expectTypeOf(data.data.list).toEqualTypeOf<WorkplaceUser[]>();
    expectTypeOf(data.data.list[0]!.groupIds).toEqualTypeOf<Int64[] | undefined>();
    expectTypeOf(workplace.paginate("/services/openapi/v1.0/user/user_list")).toEqualTypeOf<PageIterable<WorkplaceUser>>();
  });

  test("wrong paths and parameters do not compile", async () => {
    // @ts-expect-error: YCM path on the Workplace client
    await workplace.GET("/dm/open_api/v2/users");
    // @ts-expect-error: YCM's page parameter on Workplace
    await workplace.GET("/services/openapi/v1.0/user/user_list", { params: { query: { pageNumber: 1 } } });
    // @ts-expect-error: refresh needs the refresh token
    await workplace.POST("/services/openapi/v1.0/authentication/refresh_token", { body: { client_id: "a", client_secret: "b" } });
  });
});

describe("exact Longs (the int64 option)", () => {
  const asString = createYcmClient({ accessToken: "t", int64: int64AsString });
  const asBigInt = createWorkplaceClient({ accessToken: "t", int64: int64AsBigInt, region: "eu" });

  test("a Long is typed as the mode delivers it; every other field as before", async () => {
    const { data } = await asString.GET("/dm/open_api/v2/users");
    expectTypeOf(data.data.list[0]!.userId).toEqualTypeOf<Int64 | string>();
    expectTypeOf(data.data.list[0]!.email).toEqualTypeOf<string | undefined>();
    expectTypeOf(data.data.list[0]!.createdCloudPbx).toEqualTypeOf<number | undefined>();
    const users = await asBigInt.GET("/services/openapi/v1.0/user/user_list");
    expectTypeOf(users.data.data.list[0]!.userId).toEqualTypeOf<Int64 | bigint>();
    for await (const user of asString.paginate("/dm/open_api/v2/users")) expectTypeOf(user.userId).toEqualTypeOf<Int64 | string>();
    // A Long as received is accepted as a parameter.
    await asString.GET("/dm/open_api/v1/users/{userId}", { params: { path: { userId: data.data.list[0]!.userId } } });
    await asBigInt.GET("/services/openapi/v1.0/user/user_detail/{memberId}", { params: { path: { memberId: 17896360390850257349n } } });
    // @ts-expect-error: a string client does not take a bigint
    await asString.GET("/dm/open_api/v1/users/{userId}", { params: { path: { userId: 17896360390850257349n } } });
  });

  test("without the option (or with \"error\") the types are the generated ones", async () => {
    const plain = createYcmClient({ accessToken: "t", int64: "error" });
    expectTypeOf(plain).toEqualTypeOf<YcmClient>();
    expectTypeOf(ycm).toEqualTypeOf<YcmClient>();
    const { data } = await plain.GET("/dm/open_api/v2/users");
    expectTypeOf(data.data.list).toEqualTypeOf<YcmUser[]>();
    // A Long is a number to every use.
    const next: number = data.data.list[0]!.userId + 1;
    const id: YcmUser["userId"] = next;
    void id;
  });
});

describe("resumable walks", () => {
  test("items, pages and checkpoints are typed from the client and path", () => {
    const walk = resumable(ycm, "/dm/open_api/v2/users", { params: { query: { pageSize: 50 } }, limit: 100, checkpoint: null });
    expectTypeOf(walk).toEqualTypeOf<ResumableIterable<YcmUser>>();
    expectTypeOf(walk.checkpoint).toEqualTypeOf<PageCheckpoint | undefined>();
    expectTypeOf(resumable(workplace, "/services/openapi/v1.0/user/user_list")).toEqualTypeOf<ResumableIterable<WorkplaceUser>>();
    // @ts-expect-error: a single user is not paged
    resumable(ycm, "/dm/open_api/v1/users/{userId}");
    // @ts-expect-error: YCM's page size is a number
    resumable(ycm, "/dm/open_api/v2/users", { params: { query: { pageSize: "50" } } });
  });
});
