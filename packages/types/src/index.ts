// Both APIs define `paths`, `components` and `operations`, so they are namespaced here;
// the main models keep their product-prefixed names at the top level.
export type * as ycm from "./ycm.js";
export type * as workplace from "./workplace.js";
export type {
  YcmUser,
  YcmUserDetail,
  YcmSubordinate,
  YcmUserPage,
  YcmSubordinatePage,
  YcmErrorResponse,
  YcmErrorCode,
  YcmTokenResponse,
} from "./ycm.js";
export type { WorkplaceUser, WorkplaceUserPage, WorkplaceErrorResponse, WorkplaceTokenResponse } from "./workplace.js";
