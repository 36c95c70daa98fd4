// The named exports are the spec's models, with the vendor's types (Long -> Int64, a tagged number).
import { expectTypeOf, test } from "vitest";
import type { Int64, WorkplaceUser, YcmErrorCode, YcmSubordinate, YcmUser, YcmUserDetail, ycm } from "../src/index.js";

test("models carry the spec's fields and enums", () => {
  expectTypeOf<YcmUser["userId"]>().toEqualTypeOf<Int64>();
  expectTypeOf<YcmUser["userType"]>().toEqualTypeOf<"My Colleague" | "Reseller" | undefined>();
  expectTypeOf<YcmUserDetail["userType"]>().toEqualTypeOf<"My Colleague" | "Reseller" | "Hosting User" | undefined>();
  expectTypeOf<YcmSubordinate>().toHaveProperty("userEmail");
  expectTypeOf<WorkplaceUser["inviteStatus"]>().toEqualTypeOf<"outer" | "invite" | "added" | undefined>();
  expectTypeOf<WorkplaceUser["groupIds"]>().toEqualTypeOf<Int64[] | undefined>();
  expectTypeOf<1000035>().toMatchTypeOf<YcmErrorCode>();
  expectTypeOf<ycm.paths>().toHaveProperty("/dm/open_api/v2/users");
  // @ts-expect-error: not a published YCM code
  expectTypeOf<1234>().toMatchTypeOf<YcmErrorCode>();
});

test("a Long (format: int64) is a number to every use, and any number is one", () => {
  expectTypeOf<Int64>().toMatchTypeOf<number>();
  const id: YcmUser["userId"] = 13123;
  const next: number = id + 1;
  const user: YcmUser = { userId: next };
  expectTypeOf(user.userId).toEqualTypeOf<Int64>();
  // @ts-expect-error: a string is not a Long
  const wrong: YcmUser["userId"] = "13123";
  void wrong;
  // An ordinary integer field stays a plain number (createdCloudPbx is int32).
  expectTypeOf<YcmUser["createdCloudPbx"]>().toEqualTypeOf<number | undefined>();
});
