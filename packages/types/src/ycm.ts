// Yeastar Central Management (YCM): `paths`, `components`, `operations` and one named type per
// schema (YcmUser, YcmUserDetail, YcmSubordinate, ...), all generated from spec/ycm.
export type * from "./generated/ycm.js";
export type { Int64, Int64Tag } from "./int64.js";
