// The named exports are the spec's models, with the vendor's types (Long -> number).
import { expectTypeOf, test } from "vitest";
import type { WorkplaceUser, YcmErrorCode, YcmSubordinate, YcmUser, YcmUserDetail, ycm } from "../src/index.js";

test("models carry the spec's fields and enums", () => {
  expectTypeOf<YcmUser["userId"]>().toEqualTypeOf<number>();
  expectTypeOf<YcmUser["userType"]>().toEqualTypeOf<"My Colleague" | "Reseller" | undefined>();
  expectTypeOf<YcmUserDetail["userType"]>().toEqualTypeOf<"My Colleague" | "Reseller" | "Hosting User" | undefined>();
  expectTypeOf<YcmSubordinate>().toHaveProperty("userEmail");
  expectTypeOf<WorkplaceUser["inviteStatus"]>().toEqualTypeOf<"outer" | "invite" | "added" | undefined>();
  expectTypeOf<WorkplaceUser["groupIds"]>().toEqualTypeOf<number[] | undefined>();
  expectTypeOf<1000035>().toMatchTypeOf<YcmErrorCode>();
  expectTypeOf<ycm.paths>().toHaveProperty("/dm/open_api/v2/users");
  // @ts-expect-error: not a published YCM code
  expectTypeOf<1234>().toMatchTypeOf<YcmErrorCode>();
});
