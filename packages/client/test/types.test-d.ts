// Paths, parameters and response fields are checked by the compiler: each @ts-expect-error
// below must be an error, or this file fails to type-check.
import { describe, expectTypeOf, test } from "vitest";
import {
  createWorkplaceClient,
  createYcmClient,
  type PageIterable,
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
    expectTypeOf(data.time).toEqualTypeOf<number>();
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
    expectTypeOf(data.data.list[0]!.groupIds).toEqualTypeOf<number[] | undefined>();
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
